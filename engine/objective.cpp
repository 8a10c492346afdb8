#include "objective.hpp"

namespace descent {

void Objective::values(std::span<const Vec2> points, std::span<double> out) const {
  for (std::size_t i = 0; i < points.size(); ++i) out[i] = value(points[i]);
}

void Objective::value_gradients(const double* x, const double* y, std::size_t n, double* value,
                                double* dx, double* dy) const {
  for (std::size_t i = 0; i < n; ++i) {
    const ValueGradient e = value_gradient(Vec2(x[i], y[i]));
    value[i] = e.value, dx[i] = e.gradient.x(), dy[i] = e.gradient.y();
  }
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
