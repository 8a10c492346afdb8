// libFuzzer target for typed formulas: whatever bytes arrive, Formula::parse either returns a
// formula (which then evaluates on doubles and jets, prints derivatives that parse back, and
// now and then becomes an Objective with its minima searched) or throws FormulaError with a
// column inside the text; anything else (a crash, a sanitizer report, another exception, a
// hang) is a finding.
//
// Build (clang only; the engine is compiled with coverage and sanitizers in this tree):
//   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DDESCENT_FUZZ=ON
//   cmake --build build-fuzz -j2 --target formula_fuzz
// Run (seed corpus and dictionary from this folder; new inputs go to the first directory):
//   mkdir -p build-fuzz/corpus && cp tests/fuzz/corpus/* build-fuzz/corpus/
//   build-fuzz/tests/fuzz/formula_fuzz build-fuzz/corpus -dict=tests/fuzz/formula.dict \
//       -max_len=2100 -timeout=5 -rss_limit_mb=2048 -max_total_time=300 -print_final_stats=1
// Reproduce a finding: build-fuzz/tests/fuzz/formula_fuzz crash-<hash>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "formula.hpp"

namespace {

[[noreturn]] void finding(const char* what) {
  __builtin_trap();
  (void)what;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace descent;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const Formula f = Formula::parse(text);
    const std::vector<Vec2> points{{0.3, -0.7}, {0, 0}, {-1.5, 2}, {1e300, -1e-300}};
    std::vector<double> block(points.size());
    f.values(points, block);
    for (std::size_t k = 0; k < points.size(); ++k) {
      const double v = f.value(points[k]);
      // The block path, the scalar path and the jets agree on the value.
      if (!(v == block[k] || (v != v && block[k] != block[k]))) finding("values() != value()");
      const double j = f.value_gradient(points[k]).value;
      if (!(v == j || (v != v && j != j))) finding("value_gradient() != value()");
      (void)f.hessian(points[k]);
    }
    for (Variable var : {Variable::x, Variable::y}) {
      const std::string d = f.derivative_text(var);
      if (d.find("too long") == std::string::npos) Formula::parse(d);  // must read back
    }
    // The minima search costs milliseconds: one input in 32.
    if (size % 32 == 7) (void)make_formula_objective(text);
  } catch (const FormulaError& e) {
    if (e.column() > size + 1) finding("column beyond the text");
  }
  return 0;
}
