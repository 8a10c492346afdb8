#pragma once
// Many runs of one two-parameter loss stepped together, for maps and sweeps: each lane is a run
// that differs from the others in its start or in its optimizer's settings. A lane ends exactly
// as the Run with its settings would, bit for bit (the same operations in the same order), but
// keeps only its outcome, not its path.
//
// Lanes that share an optimizer's settings are stepped as one vector by one update rule, in
// blocks that fit the cache: structure of arrays (every lane's x, then every lane's y), so the
// rule's arithmetic is vectorised across the lanes. Such rules are elementwise, so a lane's
// numbers do not depend on its neighbours; each lane's gradient is clipped on its own. A lane
// that stops (converged, diverged) is left to compute on unread; its block ends when all have.
// Rules that evaluate the loss themselves (line searches, Newton's Hessian) are not elementwise:
// each of their lanes is stepped as its Run.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>

#include "objective.hpp"
#include "optimizer_spec.hpp"
#include "thread_pool.hpp"
#include "trajectory.hpp"

namespace descent {

struct LaneLimits {
  std::int64_t max_steps = 1000;
  double tolerance = 0;  // converged when |gradient| < tolerance; 0: never

  bool operator==(const LaneLimits&) const = default;
};

// How a lane ended: as the Run with its settings ends.
struct LaneOutcome {
  Vec2 end{0, 0};   // its last finite point (its start when it diverged there)
  double loss = 0;  // the loss there; NaN when it diverged at its start
  RunStatus status = RunStatus::running;  // converged, diverged, finished (or failed: refused)
  std::int64_t steps = 0;                 // the step it stopped at
};

// Lanes stepped as one vector: 2 x 256 doubles a vector, a rule's few in the L1 cache.
inline constexpr std::size_t kLaneBlock = 256;

// Throws std::invalid_argument naming the culprit for limits a Run would refuse.
void check_lane_limits(const LaneLimits& limits);

// A run from each of `starts` with `spec`, into `out` (as long), in blocks on `pool`: the same
// outcomes for any number of threads. Adds each finished block's lanes to `done` when given.
// Returns false, with `out` partly written, when `abandoned` turns true. Throws
// std::invalid_argument for a bad spec or limits.
bool run_starts(const Objective& objective, const OptimizerSpec& spec, std::span<const Vec2> starts,
                const LaneLimits& limits, std::span<LaneOutcome> out, ThreadPool& pool,
                const std::function<bool()>& abandoned = {},
                std::atomic<std::size_t>* done = nullptr);

// A run from `start` with each of `specs` (settings differ, so each lane is stepped alone), as
// run_starts does. A setting the optimizer refuses (a cross-key rule) is a lane that failed at
// step 0.
bool run_settings(const Objective& objective, std::span<const OptimizerSpec> specs,
                  const Vec2& start, const LaneLimits& limits, std::span<LaneOutcome> out,
                  ThreadPool& pool, const std::function<bool()>& abandoned = {},
                  std::atomic<std::size_t>* done = nullptr);

}  // namespace descent
