// Every PyTorch reference trajectory reproduced by the engine: Optimizer + Run.
#include <set>

#include <catch2/catch.hpp>

#include "run.hpp"
#include "support/golden.hpp"
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
