// Lanes split over a pool's workers, also under ThreadSanitizer: blocks on several threads,
// abandoned midway from another thread, and a map computing in a session's background.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "basin_map.hpp"
#include "lanes.hpp"
#include "session.hpp"
#include "surfaces.hpp"

using namespace descent;

TEST_CASE("lanes threads: blocks on every worker, the same outcomes, abandoned at once",
          "[lanes][threads]") {
  const auto f = find_surface("himmelblau");
  const std::vector<Vec2> starts = grid_starts(f->info().view, 48, 40);
  const OptimizerSpec spec = parse_optimizer_spec("rmsprop:lr=0.05");
  std::vector<LaneOutcome> one(starts.size()), three(starts.size());
  ThreadPool single(1), many(3);
  std::atomic<std::size_t> done = 0;
  REQUIRE(run_starts(*f, spec, starts, {.max_steps = 200, .tolerance = 1e-3}, one, single));
  REQUIRE(
      run_starts(*f, spec, starts, {.max_steps = 200, .tolerance = 1e-3}, three, many, {}, &done));
  CHECK(done == starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) CHECK(one[i].end == three[i].end);

  // Abandoned from another thread while the workers step.
  std::atomic<bool> stop = false;
  std::vector<LaneOutcome> out(starts.size());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
  });
  const bool complete = run_starts(*f, spec, starts, {.max_steps = 10'000'000}, out, many,
                                   [&] { return stop.load(); });
  stopper.join();
  CHECK_FALSE(complete);
}
