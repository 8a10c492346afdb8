#pragma once
// The loss plot's y range: fitted to the runs that stay finite and sensible, so that one
// diverging run (its loss at 1e22, then inf) does not flatten every other curve onto the floor.
// A run that climbs out of the range leaves it at an exit, marked on the plot's top edge.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "loss_envelope.hpp"

namespace descent {

// Loss to axis units and back: loss − offset, as log10 on a log axis.
struct LossAxis {
  bool log = false;
  double offset = 0;  // f* when known, so that a log axis shows the gap to the minimum
  double to_axis(double loss) const;
  double to_loss(double axis) const;
};

struct AxisRange {
  double lo = 0, hi = 1;
  bool operator==(const AxisRange&) const = default;
};

// Decades a log axis may show above the highest start before a run counts as escaping, and
// the same for a linear axis as a multiple of the distance from the lowest loss to that start.
constexpr double kLogHeadroom = 3;
constexpr double kLinearHeadroom = 1;
// Decades a log axis shows below its top at most: float noise lives further down.
constexpr double kLogDepth = 16;

struct LossRange {
  AxisRange range;  // in axis units, padded
  // Per run (in the order given): the first column holding a value above the range's top or
  // one that is not finite, if any.
  std::vector<std::optional<int>> exits;
};

// A run as the loss plot holds it: its loss per column, and its loss at step 0 (a column may
// hold many steps, a whole divergence among them).
struct LossRun {
  std::span<const LossEnvelope::Column> columns;
  double start;
};

// The range for `runs`. Without `fixed` it spans every value in the band from the lowest loss
// up to a headroom above the highest start; a value beyond the band is an exit, not a reason
// to stretch. With `fixed` (the user's own range) that is the range, and exits are what
// leaves it.
LossRange fit_loss_range(std::span<const LossRun> runs, const LossAxis& axis,
                         std::optional<AxisRange> fixed = std::nullopt);

// The first of the first `count` points of `t` at steps [first, last) whose loss is above `top`
// (axis units) or not finite: the exact point of an exit found in a column. Its index.
std::optional<std::size_t> exit_point(const Trajectory& t, std::size_t count, std::int64_t first,
                                      std::int64_t last, const LossAxis& axis, double top);

}  // namespace descent
