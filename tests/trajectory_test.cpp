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
        if (p.step != i || p.x != static_cast<double>(i) || p.y != -p.x || p.loss != 2.0 * p.x)
          reader_failed = true;
      }
      seen = n;
    }
    if (t.size() != kPoints) reader_failed = true;
  };
  std::thread r1(reader), r2(reader);
  for (std::size_t i = 0; i < kPoints; ++i) {
    double x = static_cast<double>(i);
    t.push_back({x, -x, 2 * x, 0.f, static_cast<std::uint32_t>(i)});
  }
  t.finish(RunStatus::finished, kPoints - 1);
  r1.join();
  r2.join();
  CHECK_FALSE(reader_failed.load());
  CHECK(t.status_step() == static_cast<std::int64_t>(kPoints - 1));
}

TEST_CASE("trajectory: appending past the capacity is a logic error", "[trajectory]") {
  Trajectory t(2);
  t.push_back({});
  t.push_back({});
  CHECK_THROWS_AS(t.push_back({}), std::logic_error);
}
