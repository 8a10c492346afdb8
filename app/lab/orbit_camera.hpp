#pragma once
// The 3D surface view's camera: it circles the scene's box, looking down at its centre from a
// pitch above the horizon, from as far as makes the whole box fill the view (zoom 1) whatever
// the view's shape. Dragging turns it (yaw) and tilts it (pitch), the wheel zooms, reset()
// brings back the view it starts with. Pure math, no GL.
#include <optional>

#include <Eigen/Core>

#include "view.hpp"

namespace descent {

using Mat4f = Eigen::Matrix4f;
using Vec3f = Eigen::Vector3f;

struct OrbitCamera {
  static constexpr double kYaw = -0.6;   // radians about the vertical; 0 looks along +y
  static constexpr double kPitch = 0.6;  // radians above the horizon
  static constexpr double kMinPitch = 0.05, kMaxPitch = 1.55;
  static constexpr double kMinZoom = 0.25, kMaxZoom = 4;  // distance over the fitted distance
  static constexpr double kFov = 0.61;                    // across the shorter side (35°)
  static constexpr double kFill = 0.9;  // of the view the box's corners reach at zoom 1
  static constexpr double kRadiansPerPixel = 0.008;  // of a drag
  static constexpr double kZoomStep = 1.15;          // distance factor per wheel notch

  double yaw = kYaw, pitch = kPitch;
  double zoom = 1;  // < 1: closer than the fitted distance
  // The scene's box: x within ±extent.x, y within ±extent.y, z from 0 to extent.z. Set from
  // the mesh; not the user's (reset keeps it).
  Vec3f extent{1.f, 1.f, 0.7f};

  // A drag of `dx` pixels right and `dy` down: the surface turns with the mouse (its near edge
  // goes right; up tilts it towards the camera, seen from lower down). Pitch stays between the
  // horizon and straight above.
  void orbit(double dx, double dy);
  // `notches` of the wheel: positive comes closer, within bounds.
  void wheel(double notches);
  // The yaw, pitch and zoom it starts with.
  void reset();
  // What it looks at: the box's centre.
  Vec3f target() const { return {0.f, 0.f, extent.z() / 2}; }
  // From the target, for a view `aspect` = width / height wide: the fitted distance times zoom.
  double distance(double aspect) const;
  Vec3f eye(double aspect) const;
  // World to camera, camera to clip space, and both.
  Mat4f view(double aspect) const;
  Mat4f projection(double aspect) const;
  Mat4f view_projection(double aspect) const { return projection(aspect) * view(aspect); }

  bool operator==(const OrbitCamera&) const = default;
};

// A scene point in pixels of `rect` (y down) through `view_projection`; none behind the camera.
std::optional<Vec2> project(const Mat4f& view_projection, const Vec3f& point,
                            const PixelRect& rect);

}  // namespace descent
