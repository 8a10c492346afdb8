#pragma once
// A basin map: where a run ends from every start of a grid, and which known minimum that is.
#include <cstddef>
#include <optional>
#include <vector>

#include "lanes.hpp"
#include "objective.hpp"

namespace descent {

// Starts on an inclusive grid over `box`: start (ix, iy) is
// (x_min + (x_max - x_min)·ix/(w-1), y_min + (y_max - y_min)·iy/(h-1)), row iy = 0 first; a
// side of 1 takes the box's middle. Throws std::invalid_argument for a side below 1.
std::vector<Vec2> grid_starts(const Box& box, int width, int height);

// An objective's known minima (global and local), in the order it lists them, and which of
// them a run reached.
class KnownMinima {
 public:
  explicit KnownMinima(const ObjectiveInfo& info);
  const std::vector<Vec2>& points() const { return m_points; }
  // The index of the minimum a run that ended at `at` reached: the nearest, when it lies within
  // 1% of the view's diagonal; none when no minimum is that near.
  std::optional<std::size_t> reached(const Vec2& at) const;
  // The same for a run's outcome; none unless it converged (a run that stopped short of the
  // tolerance has not reached anything).
  std::optional<std::size_t> of(const LaneOutcome& outcome) const;

 private:
  std::vector<Vec2> m_points;
  double m_near;
};

}  // namespace descent
