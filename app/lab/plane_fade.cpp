#include "plane_fade.hpp"

#include <algorithm>
#include <cmath>

namespace descent {

float PlaneFade::alpha(double distance) const {
  if (std::isnan(distance) || !(reach > 0)) return 1.f;
  const double t = std::clamp(distance / reach, 0.0, 1.0);
  return static_cast<float>(1.0 - (1.0 - kFarthest) * t);
}

int PlaneFade::level(double distance) const {
  const float a = alpha(distance);
  return static_cast<int>(std::lround((a - kFarthest) / (1.f - kFarthest) * (kLevels - 1)));
}

float PlaneFade::level_alpha(int level) {
  return kFarthest + (1.f - kFarthest) * static_cast<float>(level) / (kLevels - 1);
}

double plane_reach(const Plane& plane, double width) {
  return width * (plane.d1().norm() + plane.d2().norm()) / 2;
}

}  // namespace descent
