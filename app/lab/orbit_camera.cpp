#include "orbit_camera.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <Eigen/Geometry>

namespace descent {
namespace {

// The unit vector from the target to the eye.
Vec3f direction(double yaw, double pitch) {
  // yaw 0 puts the camera on the -y side looking along +y; positive yaw turns it counter-
  // clockwise seen from above.
  const double c = std::cos(pitch);
  return {static_cast<float>(c * std::sin(yaw)), static_cast<float>(-c * std::cos(yaw)),
          static_cast<float>(std::sin(pitch))};
}

Mat4f look_at(const Vec3f& eye, const Vec3f& target) {
  const Vec3f f = (target - eye).normalized();
  // Up is +z; within the pitch limits f is never parallel to it.
  const Vec3f s = f.cross(Vec3f::UnitZ()).normalized();
  const Vec3f u = s.cross(f);
  Mat4f m = Mat4f::Identity();
  m.block<1, 3>(0, 0) = s.transpose();
  m.block<1, 3>(1, 0) = u.transpose();
  m.block<1, 3>(2, 0) = -f.transpose();
  m(0, 3) = -s.dot(eye);
  m(1, 3) = -u.dot(eye);
  m(2, 3) = f.dot(eye);
  return m;
}

// The field of view spans the shorter side: the scene fits a tall view (side by side) as it
// fits a wide one. Near and far hug the scene, within `reach` of the target, so the depth
// buffer's precision is even across it.
Mat4f perspective(double aspect, double distance, double reach) {
  if (!(aspect > 0) || !std::isfinite(aspect)) aspect = 1;
  const double near_ = std::max(0.02, distance - reach), far_ = distance + reach;
  const double t = 1 / std::tan(OrbitCamera::kFov / 2);
  Mat4f m = Mat4f::Zero();
  m(0, 0) = static_cast<float>(aspect >= 1 ? t / aspect : t);
  m(1, 1) = static_cast<float>(aspect >= 1 ? t : t * aspect);
  m(2, 2) = static_cast<float>((far_ + near_) / (near_ - far_));
  m(2, 3) = static_cast<float>(2 * far_ * near_ / (near_ - far_));
  m(3, 2) = -1;
  return m;
}

}  // namespace

void OrbitCamera::orbit(double dx, double dy) {
  if (!std::isfinite(dx) || !std::isfinite(dy)) return;
  yaw = std::remainder(yaw - dx * kRadiansPerPixel, 2 * std::numbers::pi);
  pitch = std::clamp(pitch + dy * kRadiansPerPixel, kMinPitch, kMaxPitch);
}

void OrbitCamera::wheel(double notches) {
  if (!std::isfinite(notches)) return;
  zoom = std::clamp(zoom * std::pow(kZoomStep, -notches), kMinZoom, kMaxZoom);
}

void OrbitCamera::reset() {
  yaw = kYaw, pitch = kPitch, zoom = 1;
}

double OrbitCamera::distance(double aspect) const {
  // The least distance at which the box's eight corners lie within kFill of the view's edges,
  // by bisection: the further, the smaller they look.
  const Vec3f d = direction(yaw, pitch), t = target();
  const double reach = extent.norm() + 0.01;
  auto fits = [&](double r) {
    const Mat4f vp = perspective(aspect, r, reach) * look_at(t + d * static_cast<float>(r), t);
    for (int k = 0; k < 8; ++k) {
      const Vec3f corner(k & 1 ? extent.x() : -extent.x(), k & 2 ? extent.y() : -extent.y(),
                         k & 4 ? extent.z() : 0.f);
      const Eigen::Vector4f c = vp * corner.homogeneous();
      if (!(c.w() > 1e-6f) || std::abs(c.x() / c.w()) > kFill || std::abs(c.y() / c.w()) > kFill)
        return false;
    }
    return true;
  };
  double lo = reach, hi = reach * 64;
  if (!extent.allFinite() || !fits(hi)) return hi * zoom;
  if (fits(lo)) return lo * zoom;
  for (int i = 0; i < 40 && hi - lo > reach * 1e-3; ++i) {
    const double mid = (lo + hi) / 2;
    (fits(mid) ? hi : lo) = mid;
  }
  return hi * zoom;
}

Vec3f OrbitCamera::eye(double aspect) const {
  return target() + direction(yaw, pitch) * static_cast<float>(distance(aspect));
}

Mat4f OrbitCamera::view(double aspect) const {
  return look_at(eye(aspect), target());
}

Mat4f OrbitCamera::projection(double aspect) const {
  return perspective(aspect, distance(aspect), extent.norm() + 0.01);
}

std::optional<Vec2> project(const Mat4f& view_projection, const Vec3f& point,
                            const PixelRect& rect) {
  const Eigen::Vector4f c = view_projection * point.homogeneous();
  if (!(c.w() > 1e-6f)) return std::nullopt;
  const double x = c.x() / c.w(), y = c.y() / c.w();
  return Vec2(rect.x + (x + 1) / 2 * rect.width, rect.y + (1 - y) / 2 * rect.height);
}

}  // namespace descent
