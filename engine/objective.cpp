#include "objective.hpp"

#include <stdexcept>

namespace descent {

ValueGradient Objective::batch_value_gradient(const Vec2&, std::span<const std::uint32_t>) const {
  throw std::logic_error(info().name + " has no samples to take batches of");
}

void Objective::values(std::span<const Vec2> points, std::span<double> out) const {
  for (std::size_t i = 0; i < points.size(); ++i) out[i] = value(points[i]);
}

const char* to_string(PointKind kind) {
  switch (kind) {
    case PointKind::global_min:
      return "global minimum";
    case PointKind::local_min:
      return "local minimum";
    case PointKind::saddle:
      return "saddle point";
  }
  return "?";
}

}  // namespace descent
