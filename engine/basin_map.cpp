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

std::vector<Vec2> known_minima(const ObjectiveInfo& info) {
  std::vector<Vec2> minima;
  for (const CriticalPoint& c : info.critical_points)
    if (c.kind != PointKind::saddle) minima.push_back(c.at);
  return minima;
}

std::optional<std::size_t> minimum_reached(const ObjectiveInfo& info, const Vec2& at) {
  const Box& v = info.view;
  const double near = 0.01 * std::hypot(v.x_max - v.x_min, v.y_max - v.y_min);
  std::optional<std::size_t> nearest;
  double best = near;
  const std::vector<Vec2> minima = known_minima(info);
  for (std::size_t k = 0; k < minima.size(); ++k)
    if (const double d = (minima[k] - at).norm(); d <= best) best = d, nearest = k;
  return nearest;
}

std::optional<std::size_t> minimum_of(const ObjectiveInfo& info, const LaneOutcome& outcome) {
  if (outcome.status == RunStatus::diverged) return std::nullopt;
  return minimum_reached(info, outcome.end);
}

}  // namespace descent
