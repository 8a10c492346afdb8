#include "view.hpp"

#include <algorithm>

namespace descent {

namespace {
constexpr double kFitMargin = 1.04;
constexpr double kMinScale = 1e-12, kMaxScale = 1e12;  // keeps zoom out of floating-point trouble
}  // namespace

Vec2 View::to_screen(const Vec2& world, const PixelRect& rect) const {
  Vec2 c = rect.centre();
  return {c.x() + (world.x() - centre.x()) / scale, c.y() - (world.y() - centre.y()) / scale};
}

Vec2 View::to_world(const Vec2& screen, const PixelRect& rect) const {
  Vec2 c = rect.centre();
  return {centre.x() + (screen.x() - c.x()) * scale, centre.y() - (screen.y() - c.y()) * scale};
}

Box View::visible(const PixelRect& rect) const {
  double hw = rect.width * scale / 2, hh = rect.height * scale / 2;
  return {centre.x() - hw, centre.x() + hw, centre.y() - hh, centre.y() + hh};
}

void View::fit(const Box& box, const PixelRect& rect) {
  centre = Vec2((box.x_min + box.x_max) / 2, (box.y_min + box.y_max) / 2);
  scale = std::max((box.x_max - box.x_min) / rect.width, (box.y_max - box.y_min) / rect.height) *
          kFitMargin;
  scale = std::clamp(scale, kMinScale, kMaxScale);
}

Box View::fitted(const PixelRect& rect) const {
  const double hw = rect.width * scale / kFitMargin / 2, hh = rect.height * scale / kFitMargin / 2;
  return {centre.x() - hw, centre.x() + hw, centre.y() - hh, centre.y() + hh};
}

void View::pan(const Vec2& pixels) {
  centre.x() -= pixels.x() * scale;
  centre.y() += pixels.y() * scale;
}

void View::zoom_at(const Vec2& screen, double factor, const PixelRect& rect) {
  Vec2 anchor = to_world(screen, rect);
  scale = std::clamp(scale / factor, kMinScale, kMaxScale);
  // Move the centre so that `anchor` is under `screen` again.
  Vec2 moved = to_world(screen, rect);
  centre += anchor - moved;
}

}  // namespace descent
