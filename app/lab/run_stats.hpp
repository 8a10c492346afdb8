#pragma once
// Numbers the runs table shows about a run.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "objective.hpp"
#include "trajectory.hpp"

namespace descent {

// Distance from p to the nearest known minimum (global or local); none when there is none.
std::optional<double> distance_to_nearest_minimum(const ObjectiveInfo& info, const Vec2& p);

// The lowest value among the objective's known global minima.
std::optional<double> best_known_value(const ObjectiveInfo& info);

// The first step at which a run is within `tolerance` of the best known value (loss − f* <
// tolerance), or, when no minimum is known, at which its |gradient| < tolerance. Scans only the
// points it has not seen yet.
class ToleranceTracker {
 public:
  std::optional<std::int64_t> update(const std::shared_ptr<const Trajectory>& t,
                                     const Objective& objective, std::optional<double> best_value,
                                     double tolerance);

 private:
  std::shared_ptr<const Trajectory> m_source;
  std::optional<double> m_best;
  double m_tolerance = 0;
  std::size_t m_done = 0;
  std::optional<std::int64_t> m_reached;
};

// "running", "converged at step 120", "diverged at step 48", "failed at step 9: out of memory",
// "finished", as of `shown_step`.
std::string status_text(const Trajectory& t, std::int64_t shown_step);

}  // namespace descent
