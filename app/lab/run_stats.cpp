#include "run_stats.hpp"

namespace descent {

std::optional<double> distance_to_nearest_minimum(const ObjectiveInfo& info, const Vec2& p) {
  std::optional<double> best;
  for (const auto& c : info.critical_points) {
    if (c.kind == PointKind::saddle) continue;
    double d = (c.at - p).norm();
    if (!best || d < *best) best = d;
  }
  return best;
}

std::optional<double> best_known_value(const ObjectiveInfo& info) {
  std::optional<double> best;
  for (const auto& c : info.critical_points)
    if (c.kind == PointKind::global_min && (!best || c.value < *best)) best = c.value;
  return best;
}

std::optional<std::int64_t> ToleranceTracker::update(const std::shared_ptr<const Trajectory>& t,
                                                     const Objective& objective,
                                                     std::optional<double> best_value,
                                                     double tolerance) {
  if (t != m_source || best_value != m_best || tolerance != m_tolerance) {
    m_source = t;
    m_best = best_value;
    m_tolerance = tolerance;
    m_done = 0;
    m_reached.reset();
  }
  if (!t || m_reached) return m_reached;
  const Trajectory& source = *t;
  std::size_t n = source.size();
  for (std::size_t i = m_done; i < n; ++i) {
    bool reached = best_value
                       ? source[i].loss - *best_value < tolerance
                       : (source.has_grad_norms()
                              ? static_cast<double>(source.grad_norm(i))
                              : objective.gradient({source[i].x, source[i].y}).norm()) < tolerance;
    if (reached) {
      m_reached = source.step(i);
      break;
    }
  }
  m_done = n;
  return m_reached;
}

std::string status_text(const Trajectory& t, std::int64_t shown_step) {
  RunStatus status = t.status();
  // A diverged run's last point is the step before it diverged.
  std::size_t n = t.size();
  std::int64_t last = n ? t.step(n - 1) : 0;
  if (status == RunStatus::running || status == RunStatus::cancelled || shown_step < last)
    return "running";
  switch (status) {
    case RunStatus::converged:
      return "converged at step " + std::to_string(t.status_step());
    case RunStatus::diverged:
      return "diverged at step " + std::to_string(t.status_step());
    case RunStatus::failed:
      return "failed at step " + std::to_string(t.status_step()) + ": " + t.error();
    default:
      return "finished";
  }
}

}  // namespace descent
