#include "loss_range.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace descent {

double LossAxis::to_axis(double loss) const {
  double v = loss - offset;
  // A loss at or below f* (rounding, or a mini-batch's loss) sits on the floor, not at -inf.
  return log ? std::log10(std::max(v, 1e-300)) : v;
}

double LossAxis::to_loss(double value) const {
  return (log ? std::pow(10.0, value) : value) + offset;
}

LossRange fit_loss_range(std::span<const LossRun> runs, const LossAxis& axis,
                         std::optional<AxisRange> fixed) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  LossRange out;
  out.exits.resize(runs.size());
  double top = kInf;
  if (fixed) {
    out.range = *fixed;
    top = fixed->hi;
  } else {
    // The band: from the lowest finite loss up to a headroom above the highest start.
    double start_hi = -kInf, floor = kInf;
    for (const LossRun& run : runs) {
      if (double start = axis.to_axis(run.start); std::isfinite(start))
        start_hi = std::max(start_hi, start), floor = std::min(floor, start);
      for (const auto& c : run.columns)
        if (double lo = axis.to_axis(c.lo); !c.empty() && std::isfinite(lo))
          floor = std::min(floor, lo);
    }
    if (std::isfinite(start_hi)) {
      if (axis.log) {
        top = start_hi + kLogHeadroom;
      } else {
        const double rise = std::max(start_hi - floor, 1e-9 * std::max(1.0, std::abs(start_hi)));
        top = start_hi + kLinearHeadroom * rise;
      }
    }
  }
  // What lies in the band chooses the range; a column reaching above it is where its run
  // leaves (its lower part still counts: the curve climbs out through the top).
  double lo = kInf, hi = -kInf;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const auto& columns = runs[r].columns;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].empty()) continue;
      const double a = axis.to_axis(columns[c].lo), b = axis.to_axis(columns[c].hi);
      if (!(b <= top) && !out.exits[r]) out.exits[r] = static_cast<int>(c);  // NaN too
      if (std::isfinite(a) && a <= top) lo = std::min(lo, a), hi = std::max(hi, a);
      if (std::isfinite(b) && b <= top) hi = std::max(hi, b);
    }
  }
  if (fixed) return out;
  if (!(lo <= hi)) lo = 0, hi = 1;
  if (axis.log) lo = std::max(lo, hi - kLogDepth);
  if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) lo -= 0.5, hi += 0.5;
  const double pad = (hi - lo) * 0.05;
  out.range = {lo - pad, hi + pad};
  return out;
}

std::optional<std::size_t> exit_point(const Trajectory& t, std::size_t count, std::int64_t first,
                                      std::int64_t last, const LossAxis& axis, double top) {
  count = std::min(count, t.size());
  // Steps grow with the index: the first point at or after `first`.
  std::size_t lo = 0, hi = count;
  while (lo < hi) {
    std::size_t mid = lo + (hi - lo) / 2;
    if (t.step(mid) < first)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (std::size_t i = lo; i < count && t.step(i) < last; ++i)
    if (!(axis.to_axis(t[i].loss) <= top)) return i;
  return std::nullopt;
}

}  // namespace descent
