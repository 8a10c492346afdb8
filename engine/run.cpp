#include "run.hpp"

#include <cmath>
#include <stdexcept>

#include "text.hpp"

namespace descent {
namespace {

bool finite(const Vec2& v) {
  return std::isfinite(v.x()) && std::isfinite(v.y());
}

}  // namespace

std::size_t Run::capacity_for(const RunLimits& limits) {
  return static_cast<std::size_t>(limits.max_steps / limits.record_every) + 2;
}

Run::Run(std::shared_ptr<const Objective> objective, Optimizer optimizer, Vec2 start,
         RunLimits limits)
    : m_objective(std::move(objective)),
      m_optimizer(std::move(optimizer)),
      m_limits(limits),
      m_p(start) {
  if (limits.max_steps < 0 || limits.max_steps > RunLimits::kMaxSteps)
    throw std::invalid_argument(cat("steps = ", limits.max_steps,
                                    " is out of range; allowed: 0 to ", RunLimits::kMaxSteps));
  if (limits.record_every < 1)
    throw std::invalid_argument(
        cat("every = ", limits.record_every, " is out of range; allowed: every >= 1"));
  if (!(limits.tolerance >= 0) || !std::isfinite(limits.tolerance))
    throw std::invalid_argument(
        cat("tolerance = ", limits.tolerance, " is out of range; allowed: tolerance >= 0"));
  if (!finite(start))
    throw std::invalid_argument(
        cat("start (", start.x(), ", ", start.y(), ") is not a finite point"));
  m_trajectory = std::make_shared<Trajectory>(capacity_for(limits), limits.record_every);
}

void Run::record(std::int64_t step) {
  m_trajectory->push_back({m_p.x(), m_p.y(), m_eval.value}, step);
  m_recorded_step = step;
}

void Run::end(RunStatus status, std::int64_t step, Divergence divergence) {
  m_trajectory->finish(status, step, divergence);
  m_ended = true;
}

bool Run::advance(std::int64_t budget) {
  if (m_ended) return false;
  auto bad = [](const ValueGradient& e) -> Divergence {
    if (!std::isfinite(e.value)) return Divergence::loss;
    if (!finite(e.gradient)) return Divergence::gradient;
    return Divergence::none;
  };
  const double tolerance = m_limits.tolerance;
  if (!m_started) {
    m_started = true;
    m_eval = m_objective->value_gradient(m_p);
    if (Divergence d = bad(m_eval); d != Divergence::none) {
      end(RunStatus::diverged, 0, d);
      return false;
    }
    record(0);
    if (tolerance > 0 && m_eval.gradient.norm() < tolerance) {
      end(RunStatus::converged, 0);
      return false;
    }
  }
  for (std::int64_t i = 0; i < budget; ++i) {
    if (m_step == m_limits.max_steps) {
      if (m_recorded_step != m_step) record(m_step);
      end(RunStatus::finished, m_step);
      return false;
    }
    Vec2 previous = m_p;
    m_optimizer.step(m_p, m_eval.gradient);
    ++m_step;
    Divergence d = Divergence::none;
    ValueGradient next{};
    if (!finite(m_p) || m_p.squaredNorm() > kDivergedMagnitude * kDivergedMagnitude) {
      d = Divergence::point;
    } else {
      next = m_objective->value_gradient(m_p);
      d = bad(next);
    }
    if (d != Divergence::none) {
      // The trajectory ends at the last finite point, which must be recorded.
      m_p = previous;
      if (m_recorded_step != m_step - 1) record(m_step - 1);
      end(RunStatus::diverged, m_step, d);
      return false;
    }
    m_eval = next;
    bool converged = tolerance > 0 && m_eval.gradient.norm() < tolerance;
    if (m_step % m_limits.record_every == 0 || converged) record(m_step);
    if (converged) {
      end(RunStatus::converged, m_step);
      return false;
    }
  }
  return true;
}

void Run::cancel() {
  if (!m_ended) end(RunStatus::cancelled, m_step);
}

}  // namespace descent
