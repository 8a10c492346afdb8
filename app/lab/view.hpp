#pragma once
// The canvas's mapping between parameter space (y up) and screen pixels (y down), with equal
// scales on both axes so that a gradient looks perpendicular to its contour line.
#include "types.hpp"

namespace descent {

struct PixelRect {
  double x = 0, y = 0, width = 1, height = 1;  // top-left corner and size
  Vec2 centre() const { return {x + width / 2, y + height / 2}; }
  bool contains(const Vec2& p) const {
    return p.x() >= x && p.x() < x + width && p.y() >= y && p.y() < y + height;
  }
  bool operator==(const PixelRect&) const = default;
};

struct View {
  Vec2 centre = Vec2::Zero();  // the world point at the centre of the rect
  double scale = 0.01;         // world units per pixel

  Vec2 to_screen(const Vec2& world, const PixelRect& rect) const;
  Vec2 to_world(const Vec2& screen, const PixelRect& rect) const;
  // What the rect shows.
  Box visible(const PixelRect& rect) const;

  // Shows all of `box` (with a small margin) in the rect.
  void fit(const Box& box, const PixelRect& rect);
  // The box that fit() turns back into this view in the same rect.
  Box fitted(const PixelRect& rect) const;
  // Moves the content with the mouse: a drag of `pixels`.
  void pan(const Vec2& pixels);
  // Zooms by `factor` (> 1: closer) keeping the world point under `screen` in place.
  void zoom_at(const Vec2& screen, double factor, const PixelRect& rect);

  bool operator==(const View&) const = default;
};

}  // namespace descent
