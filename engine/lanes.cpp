#include "lanes.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "optimizer.hpp"
#include "run.hpp"
#include "text.hpp"

namespace descent {
namespace {

// How often a block asks whether it was abandoned.
constexpr std::int64_t kAbandonCheck = 64;

// Lane `start`'s point and loss after `steps` steps, stepped alone: where a lane that diverged
// one step later ended. Lanes are bit for bit single runs, so this is the same point; replaying
// the few lanes that diverge costs less than keeping every lane's previous point every step.
std::pair<Vec2, double> replay(const Objective& objective, const OptimizerSpec& spec,
                               const Vec2& start, std::int64_t steps) {
  Optimizer optimizer(spec);
  Vec2 p = start;
  ValueGradient e = objective.value_gradient(p);
  for (std::int64_t t = 0; t < steps; ++t) {
    optimizer.step(p, e.gradient);
    e = objective.value_gradient(p);
  }
  return {p, e.value};
}

// Steps the lanes of one block: n runs from `starts` as one vector V of 2n numbers (every x,
// then every y), n = 1 for V = Vec2. Each check below is Run's (run.cpp), lane by lane.
template <class V>
bool run_block(const Objective& objective, BasicOptimizer<V>& optimizer,
               std::span<const Vec2> starts, const LaneLimits& limits, std::span<LaneOutcome> out,
               const std::function<bool()>& abandoned) {
  const std::size_t n = starts.size();
  const auto size = static_cast<Eigen::Index>(2 * n);
  V p = V::Zero(size), g = V::Zero(size);
  for (std::size_t i = 0; i < n; ++i) p[i] = starts[i].x(), p[n + i] = starts[i].y();
  std::vector<double> loss(n);
  std::vector<std::int64_t> live(n, -1);  // all ones while the lane runs: a mask in the scan
  std::size_t running = n;

  const double magnitude = kDivergedMagnitude * kDivergedMagnitude;
  const double tolerance = limits.tolerance;
  auto evaluate = [&] {
    objective.value_gradients(p.data(), p.data() + n, n, loss.data(), g.data(), g.data() + n);
  };
  // Run::arrive()'s and the convergence test's verdicts on lane i.
  auto diverged = [&](std::size_t i) {
    const Vec2 at(p[i], p[n + i]);
    return !at.allFinite() || at.squaredNorm() > magnitude || !std::isfinite(loss[i]) ||
           !Vec2(g[i], g[n + i]).allFinite();
  };
  auto converged = [&](std::size_t i) {
    return tolerance > 0 && Vec2(g[i], g[n + i]).norm() < tolerance;
  };
  auto stop = [&](std::size_t i, LaneOutcome outcome) {
    out[i] = outcome;
    live[i] = 0;
    --running;
  };
  // Whether any running lane has to stop: a branch-free pass the compiler vectorises, true for
  // every lane the exact tests above would stop (and perhaps a few more they then keep).
  // |g| < tolerance implies |g|² < tolerance²·(1 + 1e-12): no square root in this pass.
  // (At least the smallest normal double: a tolerance below 1e-154 squares to 0.)
  const double tolerance_squared = tolerance > 0 ? std::max(tolerance * tolerance * (1 + 1e-12),
                                                            std::numeric_limits<double>::min())
                                                 : 0;
  auto any_stops = [&] {
    constexpr double most = std::numeric_limits<double>::max();
    std::int64_t flagged = 0;  // an integer reduction: a double sum would not vectorise
    for (std::size_t i = 0; i < n; ++i) {
      const double x = p[i], y = p[n + i], dx = g[i], dy = g[n + i];
      const bool bad = !(x * x + y * y <= magnitude) | !(std::abs(loss[i]) <= most) |
                       !(std::abs(dx) <= most) | !(std::abs(dy) <= most) |
                       (dx * dx + dy * dy < tolerance_squared);
      flagged |= (bad ? std::int64_t{-1} : std::int64_t{0}) & live[i];
    }
    return flagged != 0;
  };

  evaluate();
  for (std::size_t i = 0; i < n; ++i) {
    if (diverged(i))
      stop(i, {starts[i], std::numeric_limits<double>::quiet_NaN(), RunStatus::diverged, 0});
    else if (converged(i))
      stop(i, {starts[i], loss[i], RunStatus::converged, 0});
  }
  const bool clips = optimizer.clip().active();
  for (std::int64_t step = 0; running > 0;) {
    if (step == limits.max_steps) {
      for (std::size_t i = 0; i < n; ++i)
        if (live[i] != 0) stop(i, {Vec2(p[i], p[n + i]), loss[i], RunStatus::finished, step});
      break;
    }
    if (step % kAbandonCheck == 0 && abandoned && abandoned()) return false;
    if (clips)
      for (std::size_t i = 0; i < n; ++i) {
        Vec2 lane(g[i], g[n + i]);
        optimizer.clip().apply(lane);
        g[i] = lane.x(), g[n + i] = lane.y();
      }
    optimizer.step_clipped(p, g);
    ++step;
    evaluate();
    if (!any_stops()) continue;
    for (std::size_t i = 0; i < n; ++i) {
      if (live[i] == 0) continue;
      if (diverged(i)) {  // the run ends at its last finite point
        const auto [end, end_loss] = replay(objective, optimizer.spec(), starts[i], step - 1);
        stop(i, {end, end_loss, RunStatus::diverged, step});
      } else if (converged(i)) {
        stop(i, {Vec2(p[i], p[n + i]), loss[i], RunStatus::converged, step});
      }
    }
  }
  return true;
}

// A lane whose rule evaluates the loss itself (a line search, Newton's Hessian) is stepped as
// the Run it stands for: such rules are not elementwise across lanes.
bool run_alone(const Objective& objective, const OptimizerSpec& spec, const Vec2& start,
               const LaneLimits& limits, LaneOutcome& out, const std::function<bool()>& abandoned) {
  if (!start.allFinite()) {  // as a stepped lane: diverged where it starts
    out = {start, std::numeric_limits<double>::quiet_NaN(), RunStatus::diverged, 0};
    return true;
  }
  // The objective outlives the run: a pointer that owns nothing.
  const std::shared_ptr<const Objective> loss(std::shared_ptr<const Objective>(), &objective);
  Run run(loss, Optimizer(spec), start,
          {.max_steps = limits.max_steps,
           .tolerance = limits.tolerance,
           .record_every = std::max<std::int64_t>(1, limits.max_steps)});
  while (run.advance(kAbandonCheck))
    if (abandoned && abandoned()) return false;
  const Trajectory& t = *run.trajectory();
  if (t.status() == RunStatus::failed) {
    out = {start, std::numeric_limits<double>::quiet_NaN(), RunStatus::failed, t.status_step()};
    return true;
  }
  if (t.size() == 0) {  // diverged at its start
    out = {start, std::numeric_limits<double>::quiet_NaN(), t.status(), t.status_step()};
    return true;
  }
  const TrajectoryPoint& last = t[t.size() - 1];
  out = {Vec2(last.x, last.y), last.loss, t.status(), t.status_step()};
  return true;
}

}  // namespace

void check_lane_limits(const LaneLimits& limits) {
  if (limits.max_steps < 0 || limits.max_steps > RunLimits::kMaxSteps)
    throw std::invalid_argument(cat("steps = ", limits.max_steps,
                                    " is out of range; allowed: 0 to ", RunLimits::kMaxSteps));
  if (!(limits.tolerance >= 0) || !std::isfinite(limits.tolerance))
    throw std::invalid_argument(
        cat("tolerance = ", limits.tolerance, " is out of range; allowed: tolerance >= 0"));
}

bool run_starts(const Objective& objective, const OptimizerSpec& spec, std::span<const Vec2> starts,
                const LaneLimits& limits, std::span<LaneOutcome> out, ThreadPool& pool,
                const std::function<bool()>& abandoned, std::atomic<std::size_t>* done) {
  check_lane_limits(limits);
  BasicOptimizer<VecX> check(spec);  // refuses a bad spec here, on the caller's thread
  if (check.evaluates()) {
    std::atomic<bool> complete = true;
    pool.parallel_for(starts.size(), 1, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end && complete; ++i) {
        if (!run_alone(objective, spec, starts[i], limits, out[i], abandoned)) {
          complete = false;
          return;
        }
        if (done) ++*done;
      }
    });
    return complete;
  }
  const std::size_t blocks = (starts.size() + kLaneBlock - 1) / kLaneBlock;
  std::atomic<bool> complete = true;
  pool.parallel_for(blocks, 1, [&](std::size_t begin, std::size_t end) {
    for (std::size_t b = begin; b < end; ++b) {
      const std::size_t first = b * kLaneBlock;
      const std::size_t count = std::min(kLaneBlock, starts.size() - first);
      BasicOptimizer<VecX> optimizer(spec);
      if (!run_block(objective, optimizer, starts.subspan(first, count), limits,
                     out.subspan(first, count), abandoned)) {
        complete = false;
        return;
      }
      if (done) *done += count;
    }
  });
  return complete;
}

bool run_settings(const Objective& objective, std::span<const OptimizerSpec> specs,
                  const Vec2& start, const LaneLimits& limits, std::span<LaneOutcome> out,
                  ThreadPool& pool, const std::function<bool()>& abandoned,
                  std::atomic<std::size_t>* done) {
  check_lane_limits(limits);
  std::atomic<bool> complete = true;
  const std::span<const Vec2> from(&start, 1);
  pool.parallel_for(specs.size(), 16, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      std::optional<Optimizer> optimizer;
      try {
        optimizer.emplace(specs[i]);
      } catch (const std::invalid_argument&) {  // a setting the optimizer refuses
        out[i] = {start, std::numeric_limits<double>::quiet_NaN(), RunStatus::failed, 0};
      }
      const bool stepped =
          !optimizer ||
          (optimizer->evaluates()
               ? run_alone(objective, specs[i], start, limits, out[i], abandoned)
               : run_block(objective, *optimizer, from, limits, out.subspan(i, 1), abandoned));
      if (!stepped) {
        complete = false;
        return;
      }
      if (done) ++*done;
    }
  });
  return complete;
}

}  // namespace descent
