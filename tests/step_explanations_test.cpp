// The window's step explanations: computed off the UI thread, of the run's current version
// only, and a run that cannot be replayed says why.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "step_explanations.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

RunView view_of(RunId id, std::uint64_t version, const std::string& spec, std::int64_t steps) {
  RunView v;
  v.id = id;
  v.version = version;
  v.config = {.objective = find_surface("rosenbrock"),
              .optimizer = parse_optimizer_spec(spec),
              .start = Vec2(-1.5, 2),
              .limits = {.max_steps = steps}};
  return v;
}

// get() until it has the step asked for.
const ExplainedStep* settle(StepExplanations& e, const RunView& v, std::int64_t step) {
  for (int i = 0; i < 2000; ++i) {
    const ExplainedStep* s = e.get(v, step);
    if (s && e.current(v.id, step)) return s;
    if (!s && !e.why_none(v.id).empty()) return nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  FAIL("the explanation never came");
  return nullptr;
}

}  // namespace

TEST_CASE("step explanations: of the step asked, of the run's current version", "[anatomy]") {
  StepExplanations explanations;
  const RunView adam = view_of(1, 1, "adam:lr=0.05", 500);
  const ExplainedStep* s = settle(explanations, adam, 300);
  REQUIRE(s);
  CHECK(s->step == 300);
  CHECK(s->anatomy.parts.size() == 2);
  // Scrubbing back, then forward.
  REQUIRE(settle(explanations, adam, 10));
  CHECK(settle(explanations, adam, 11)->step == 11);
  // A new version of the run (another optimizer) while a long replay runs: only the new one's
  // explanation shows.
  const RunView long_one = view_of(1, 1, "adam:lr=0.05", 2'000'000);
  explanations.get(long_one, 1'999'000);
  const RunView sgd = view_of(1, 2, "sgd:lr=0.001", 500);
  const ExplainedStep* e = settle(explanations, sgd, 100);
  REQUIRE(e);
  CHECK(e->anatomy.parts.size() == 1);  // sgd: the gradient alone
  // Forgetting the run abandons its job without waiting for it.
  explanations.get(long_one, 1'999'000);
  const auto start = std::chrono::steady_clock::now();
  explanations.keep_only({});
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(50));
}

TEST_CASE("step explanations: past the run's end, there is no next step, and it says so",
          "[anatomy]") {
  StepExplanations explanations;
  const RunView v = view_of(3, 1, "sgd:lr=0.001", 50);
  CHECK_FALSE(settle(explanations, v, 50));
  CHECK(explanations.why_none(3) == "the run ends here: no step follows");
}
