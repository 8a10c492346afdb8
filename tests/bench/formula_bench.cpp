// Typed formulas against the built-in surfaces they spell, through the paths the app uses:
// sampling a 512x512 field (Objective::values on rows, and sample_field on a pool of one
// thread), and a Run of Adam stepping (value_gradient on Jet<1> every step). Reported per grid
// point and per step, each as a ratio to the built-in of its group.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "field.hpp"
#include "formula.hpp"
#include "optimizer_spec.hpp"
#include "run.hpp"
#include "surfaces.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kSide = 512;
constexpr int kSteps = 1000;

// Written as the C++ of the built-in is, so that both compute the same numbers.
const std::map<std::string, std::string> kFormulas{
    {"rosenbrock", "(1-x)^2 + 100(y-x^2)^2"},
    {"himmelblau", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2"},
    {"rastrigin", "20 + x^2 - 10cos(2pi x) + y^2 - 10cos(2pi y)"},
    {"ackley", "-20exp(-0.2sqrt(0.5(x^2 + y^2))) - exp(0.5(cos(2pi x) + cos(2pi y))) + e + 20"},
};

std::shared_ptr<const descent::Objective> objective(const std::string& surface, bool formula) {
  auto builtin = descent::find_surface(surface);
  return formula ? descent::make_formula_objective(kFormulas.at(surface), builtin->info().view)
                 : builtin;
}

// Objective::values row by row, as sample_field calls it, on this thread.
void field_values(benchmark::State& state, const std::string& surface, bool formula) {
  auto f = objective(surface, formula);
  const descent::FieldGrid shape{.box = f->info().view, .width = kSide, .height = kSide};
  std::vector<descent::Vec2> points(kSide);
  std::vector<double> values(kSide);
  for (auto _ : state) {
    for (int j = 0; j < kSide; ++j) {
      for (int i = 0; i < kSide; ++i) points[i] = shape.cell_centre(i, j);
      f->values(points, values);
      benchmark::DoNotOptimize(values.data());
    }
  }
  state.SetItemsProcessed(state.iterations() * kSide * kSide);
}

// sample_field on a pool of one thread, called from a pool job as the Session does.
void field_sampled(benchmark::State& state, const std::string& surface, bool formula) {
  auto f = objective(surface, formula);
  descent::ThreadPool pool(1);
  const descent::FieldRequest request{f, f->info().view, kSide, kSide};
  for (auto _ : state) {
    std::shared_ptr<descent::FieldGrid> grid;
    pool.submit([&] { grid = descent::sample_field(request, pool); });
    pool.wait_idle();
    benchmark::DoNotOptimize(grid->values.data());
  }
  state.SetItemsProcessed(state.iterations() * kSide * kSide);
}

// A recorded run of Adam from the surface's start, kSteps steps.
void run_adam(benchmark::State& state, const std::string& surface, bool formula) {
  auto f = objective(surface, formula);
  const auto spec = descent::parse_optimizer_spec("adam:lr=0.001");
  for (auto _ : state) {
    state.PauseTiming();
    descent::Run run(f, descent::Optimizer(spec), f->info().start, {.max_steps = kSteps});
    state.ResumeTiming();
    while (run.advance(kSteps + 1)) {
    }
    benchmark::DoNotOptimize(run.trajectory()->size());
  }
  state.SetItemsProcessed(state.iterations() * kSteps);
}

// Parsing, derivatives for display and the minima search: what typing a formula costs.
void make_objective(benchmark::State& state, const std::string& surface) {
  const descent::Box view = descent::find_surface(surface)->info().view;
  for (auto _ : state)
    benchmark::DoNotOptimize(descent::make_formula_objective(kFormulas.at(surface), view));
}

const int registered = [] {
  for (const auto& [surface, text] : kFormulas) {
    const std::string s = surface;
    using Body = void (*)(benchmark::State&, const std::string&, bool);
    const std::pair<const char*, Body> kinds[] = {
        {"values", field_values}, {"field", field_sampled}, {"run", run_adam}};
    for (const auto& [kind, body] : kinds) {
      const std::string group = std::string(kind) + "_" + s;
      benchmark::RegisterBenchmark((group + "/baseline_builtin").c_str(),
                                   [s, body = body](benchmark::State& st) { body(st, s, false); })
          ->UseRealTime();
      benchmark::RegisterBenchmark((group + "/formula").c_str(), [s, body = body](
                                                                     benchmark::State& st) {
        body(st, s, true);
      })->UseRealTime();
    }
    benchmark::RegisterBenchmark(("make_formula_objective/" + s).c_str(),
                                 [s](benchmark::State& st) { make_objective(st, s); })
        ->Unit(benchmark::kMillisecond);
  }
  return 0;
}();

}  // namespace
