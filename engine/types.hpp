#pragma once
// Small value types shared by the whole engine.
#include <Eigen/Core>

namespace descent {

using Vec2 = Eigen::Vector2d;
// Parameters of a model with more than two (a network's weights and biases).
using VecX = Eigen::VectorXd;
using Mat2 = Eigen::Matrix2d;

// An axis-aligned rectangle in parameter space.
struct Box {
  double x_min = -1, x_max = 1, y_min = -1, y_max = 1;

  bool contains(const Vec2& p) const {
    return p.x() >= x_min && p.x() <= x_max && p.y() >= y_min && p.y() <= y_max;
  }
  bool operator==(const Box&) const = default;
};

}  // namespace descent
