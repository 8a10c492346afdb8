#pragma once
// How faint a network's path is drawn where it leaves the plane it is projected on: a point far
// from the plane is drawn faint, so that a path that only passes over a valley of the slice is
// not taken for one that follows it.
#include <cstdint>

#include "plane.hpp"

namespace descent {

// The alpha of a point at `distance` from the plane when the view is `reach` wide (both in
// parameter units): 1 on the plane, falling linearly to kFarthest at `reach` and beyond. A
// distance that is not a number (unknown) draws opaque.
struct PlaneFade {
  static constexpr float kFarthest = 0.3f;
  static constexpr int kLevels = 8;  // alphas a path is drawn with: one strip per run of a level

  double reach = 1;

  float alpha(double distance) const;
  // alpha(distance) rounded to one of kLevels steps from kFarthest to 1 (kLevels - 1 is 1).
  int level(double distance) const;
  static float level_alpha(int level);
};

// The view's `width` in plane coordinates as a length in parameter space: the directions need
// not be unit vectors (filter-normalised ones are as long as the weights).
double plane_reach(const Plane& plane, double width);

}  // namespace descent
