// Every PyTorch reference trajectory reproduced by the engine: Optimizer + Run.
#include <set>

#include <catch2/catch.hpp>

#include "run.hpp"
#include "support/golden.hpp"
#include "support/lifted.hpp"
#include "text.hpp"

using namespace descent;
using namespace descent::test;

TEST_CASE("golden: the reference file covers every optimizer, schedule and clip mode", "[golden]") {
  std::set<std::string> names, schedule_names, clips;
  for (const auto& c : golden_cases()) {
    names.insert(c.spec.name);
    schedule_names.insert(c.spec.schedule.name);
    clips.insert(c.spec.clip.name);
  }
  CHECK(names.size() == 11);
  CHECK(schedule_names.count("step") == 1);
  CHECK(schedule_names.count("cosine") == 1);
  CHECK(clips.size() == 3);
}

TEST_CASE("golden: engine reproduces every PyTorch trajectory", "[golden]") {
  for (const auto& c : golden_cases()) {
    DYNAMIC_SECTION(c.id << " (" << c.spec_text << ")") {
      Run run(golden_objective(c), Optimizer(c.spec), c.start, RunLimits{.max_steps = c.steps});
      while (run.advance(1 << 20)) {
      }
      const Trajectory& t = *run.trajectory();
      CHECK(t.status() == RunStatus::finished);
      REQUIRE(t.size() == c.trajectory.size());
      std::size_t mismatches = 0;
      for (std::size_t k = 0; k < t.size(); ++k) {
        const auto& want = c.trajectory[k];
        bool ok = golden_close(t[k].x, want[0]) && golden_close(t[k].y, want[1]) &&
                  golden_close(t[k].loss, want[2]) && t.step(k) == static_cast<std::int64_t>(k);
        if (!ok && mismatches++ < 3)
          FAIL_CHECK("step " << k << ": got (" << format_exact(t[k].x) << ", "
                             << format_exact(t[k].y) << ", " << format_exact(t[k].loss)
                             << ") want (" << format_exact(want[0]) << ", " << format_exact(want[1])
                             << ", " << format_exact(want[2]) << ")");
      }
      CHECK(mismatches == 0);
    }
  }
}

TEST_CASE("golden: the many-parameter optimizer and run reproduce every trajectory exactly",
          "[golden]") {
  // One implementation serves Vec2 and VecX: the VecX path must give the very same numbers.
  for (const auto& c : golden_cases()) {
    DYNAMIC_SECTION(c.id << " (" << c.spec_text << ")") {
      const auto objective = golden_objective(c);
      Run two(objective, Optimizer(c.spec), c.start, RunLimits{.max_steps = c.steps});
      NetworkRun many(std::make_shared<Lifted>(objective), BasicOptimizer<VecX>(c.spec),
                      VecX(c.start), RunLimits{.max_steps = c.steps});
      while (two.advance(1 << 20)) {
      }
      while (many.advance(1 << 20)) {
      }
      const Trajectory &a = *two.trajectory(), &b = *many.trajectory();
      REQUIRE(b.size() == a.size());
      REQUIRE(b.vector_count() == a.size());
      std::size_t mismatches = 0;
      for (std::size_t k = 0; k < a.size(); ++k) {
        const auto p = b.parameters(k);
        bool ok = a[k].x == b[k].x && a[k].y == b[k].y && a[k].loss == b[k].loss &&
                  p[0] == a[k].x && p[1] == a[k].y && b.distance(k) == 0 &&
                  b.parameter_point(k) == k;
        if (!ok && mismatches++ < 3)
          FAIL_CHECK("step " << k << ": Vec2 (" << format_exact(a[k].x) << ", "
                             << format_exact(a[k].y) << ") VecX (" << format_exact(p[0]) << ", "
                             << format_exact(p[1]) << ")");
      }
      CHECK(mismatches == 0);
    }
  }
}
