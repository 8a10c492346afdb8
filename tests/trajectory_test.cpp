// Trajectory: readers see a consistent, growing prefix while the writer appends.
#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

#include "trajectory.hpp"

using namespace descent;

TEST_CASE("trajectory: concurrent readers never see a torn or missing point", "[trajectory]") {
  constexpr std::size_t kPoints = 200000;
  Trajectory t(kPoints);
  std::atomic<bool> reader_failed{false};
  auto reader = [&] {
    std::size_t seen = 0;
    while (t.status() == RunStatus::running || seen < t.size()) {
      std::size_t n = t.size();
      if (n < seen) reader_failed = true;  // never shrinks (Catch2 asserts only on the main thread)
      for (std::size_t i = seen; i < n; ++i) {
        const TrajectoryPoint& p = t[i];
        if (t.step(i) != static_cast<std::int64_t>(i) || p.x != static_cast<double>(i) ||
            p.y != -p.x || p.loss != 2.0 * p.x)
          reader_failed = true;
      }
      seen = n;
    }
    if (t.size() != kPoints) reader_failed = true;
  };
  std::thread r1(reader), r2(reader);
  for (std::size_t i = 0; i < kPoints; ++i) {
    double x = static_cast<double>(i);
    t.push_back({x, -x, 2 * x}, static_cast<std::int64_t>(i));
  }
  t.finish(RunStatus::finished, kPoints - 1);
  r1.join();
  r2.join();
  CHECK_FALSE(reader_failed.load());
  CHECK(t.status_step() == static_cast<std::int64_t>(kPoints - 1));
}

TEST_CASE("trajectory: appending past the capacity is a logic error", "[trajectory]") {
  Trajectory t(2);
  t.push_back({}, 0);
  t.push_back({}, 1);
  CHECK_THROWS_AS(t.push_back({}, 2), std::logic_error);
}

TEST_CASE("trajectory: steps follow the stride, only the last point may leave the grid",
          "[trajectory]") {
  Trajectory t(10, 5);
  t.push_back({}, 0);
  t.push_back({}, 5);
  t.push_back({}, 7);  // the run ended between two recorded steps
  CHECK(t.step(0) == 0);
  CHECK(t.step(1) == 5);
  CHECK(t.step(2) == 7);
  CHECK_THROWS_AS(t.push_back({}, 10), std::logic_error);
  CHECK_THROWS_AS(Trajectory(4, 0), std::invalid_argument);
}
