#include <algorithm>
#include <cmath>

#include "all.hpp"

namespace descent {

namespace {
double span(const Vec2& centre) {
  return 2 + 1.5 * std::max(std::abs(centre.x()), std::abs(centre.y()));
}
}  // namespace

Box model_view(const Vec2& centre) {
  double s = span(centre);
  return {centre.x() - s, centre.x() + s, centre.y() - s, centre.y() + s};
}

Vec2 model_start(const Vec2& centre) {
  double s = span(centre);
  return centre + Vec2(-0.8 * s, 0.6 * s);
}

}  // namespace descent
