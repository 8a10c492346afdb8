#pragma once
// A run's path thinned for drawing: consecutive points at least `spacing` apart (about a pixel
// in world units), so a million-step path costs what its picture costs. It grows incrementally
// while playback reveals more, shrinks when the timeline goes back, and is rebuilt when the
// trajectory or the zoom changes.
#include <memory>
#include <span>
#include <vector>

#include "trajectory.hpp"
#include "types.hpp"

namespace descent {

class PathCache {
 public:
  // The thinned points of t[0, count): the first and the last are always among them.
  std::span<const Vec2> update(const std::shared_ptr<const Trajectory>& t, std::size_t count,
                               double spacing);
  // The trajectory index of each point update() returned last.
  std::span<const std::size_t> indices() const { return m_index; }

 private:
  void reset(const std::shared_ptr<const Trajectory>& t, double spacing);

  std::shared_ptr<const Trajectory> m_source;
  double m_spacing = 0;
  std::vector<Vec2> m_points;
  std::vector<std::size_t> m_index;  // source index of each point
  std::size_t m_done = 0;            // source points examined
  bool m_tail = false;               // whether the last point is only there as the path's end
};

}  // namespace descent
