#pragma once
// Which steps a trajectory records: every `every`-th step up to `thin_after`, then every
// `thin_every`-th, so that a run of a billion steps fits in bounded memory while its start, where
// most happens, stays exact. (Run also records the run's last step, wherever it falls.)
//
// The grid only ever grows at its end, which keeps the trajectory append-only and lock-free.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>

namespace descent {

struct Recording {
  static constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();

  std::int64_t every = 1;
  std::int64_t thin_after = kNever;  // a multiple of `every`
  std::int64_t thin_every = 1;

  bool valid() const {
    return every >= 1 && thin_every >= 1 && thin_after >= 0 &&
           (thin_after == kNever || thin_after % every == 0);
  }
  bool thinned(std::int64_t max_steps) const { return max_steps > thin_after; }
  // Whether `step` is on the grid.
  bool records(std::int64_t step) const {
    return step <= thin_after ? step % every == 0 : (step - thin_after) % thin_every == 0;
  }
  // The step of grid point i.
  std::int64_t step_of(std::size_t i) const {
    const auto k = static_cast<std::int64_t>(i);
    return k <= dense_last() ? k * every : thin_after + (k - dense_last()) * thin_every;
  }
  // How many grid points there are at steps [0, step].
  std::size_t points_through(std::int64_t step) const {
    if (step < 0) return 0;
    if (step <= thin_after) return static_cast<std::size_t>(step / every + 1);
    return static_cast<std::size_t>(dense_last() + 1 + (step - thin_after) / thin_every);
  }
  bool operator==(const Recording&) const = default;

 private:
  // The index of the last point of the dense part.
  std::int64_t dense_last() const { return thin_after / every; }
};

// Every step up to kDenseSteps, then a round stride (1, 2 or 5 times a power of ten) that keeps
// at most about kThinnedPoints more: what the window records of a run of `max_steps`.
// (8 runs of 1,000,000 steps keep 750,000 points each: 137 MB.)
inline constexpr std::int64_t kDenseSteps = 500'000;
inline constexpr std::int64_t kThinnedPoints = 250'000;
Recording bounded_recording(std::int64_t max_steps);

// "every step", or "every step up to 500,000, then every 500th": for the user.
std::string describe(const Recording& recording, std::int64_t max_steps);

}  // namespace descent
