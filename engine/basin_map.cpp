#include "basin_map.hpp"

#include <cmath>
#include <stdexcept>

#include "text.hpp"

namespace descent {
namespace {

// Coordinate k of n on an inclusive grid from lo to hi.
double grid_at(double lo, double hi, int k, int n) {
  return n == 1 ? (lo + hi) / 2 : lo + (hi - lo) * k / (n - 1);
}

}  // namespace

std::vector<Vec2> grid_starts(const Box& box, int width, int height) {
  if (width < 1 || height < 1)
    throw std::invalid_argument(cat("a grid of ", width, "x", height, " has no cells"));
  std::vector<Vec2> starts;
  starts.reserve(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (int iy = 0; iy < height; ++iy)
    for (int ix = 0; ix < width; ++ix)
      starts.emplace_back(grid_at(box.x_min, box.x_max, ix, width),
                          grid_at(box.y_min, box.y_max, iy, height));
  return starts;
}

KnownMinima::KnownMinima(const ObjectiveInfo& info)
    : m_near(0.01 *
             std::hypot(info.view.x_max - info.view.x_min, info.view.y_max - info.view.y_min)) {
  for (const CriticalPoint& c : info.critical_points)
    if (c.kind != PointKind::saddle) m_points.push_back(c.at);
}

std::optional<std::size_t> KnownMinima::reached(const Vec2& at) const {
  std::optional<std::size_t> nearest;
  double best = m_near;
  for (std::size_t k = 0; k < m_points.size(); ++k)
    if (const double d = (m_points[k] - at).norm(); d <= best) best = d, nearest = k;
  return nearest;
}

std::optional<std::size_t> KnownMinima::of(const LaneOutcome& outcome) const {
  if (outcome.status != RunStatus::converged) return std::nullopt;
  return reached(outcome.end);
}

}  // namespace descent
