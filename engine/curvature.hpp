#pragma once
// The loss's curvature at a point: the Hessian, its eigenvalues and eigenvectors (the axes of
// the local quadratic's level ellipses), and what they say about step sizes. On a quadratic
// with largest eigenvalue λmax, gradient descent diverges along the top eigenvector once
// lr > 2/λmax; heavy-ball momentum β (PyTorch's SGD) moves that limit to 2(1+β)/λmax.
#include <optional>

#include "objective.hpp"

namespace descent {

struct Curvature {
  Mat2 hessian;
  Vec2 eigenvalues;      // the largest first
  Mat2 eigenvectors;     // unit columns, in the order of the eigenvalues
  bool analytic = true;  // false: central differences of the gradient (models over data)

  double lambda_max() const { return eigenvalues[0]; }
  double lambda_min() const { return eigenvalues[1]; }
  // λmax/λmin where the Hessian is positive definite; infinity where it is not (a saddle, a
  // ridge, a flat direction).
  double condition() const;
  // The largest stable learning rate of gradient descent with heavy-ball `momentum` on the local
  // quadratic, 2(1 + momentum)/λmax; infinity where λmax <= 0 (no direction curves up).
  double max_stable_lr(double momentum = 0) const;
};

// A Hessian over parameters V: 2x2 for a surface, n x n for a model with n parameters.
template <class V>
using HessianOf = Eigen::Matrix<double, V::RowsAtCompileTime, V::RowsAtCompileTime>;

// The Hessian by central differences of the gradient (2 gradients per parameter), symmetrised:
// for losses that do not know theirs. Steps of 1e-5 relative to the point (at least 1e-5).
template <class V>
HessianOf<V> difference_hessian(const Differentiable<V>& loss, const V& p);

// The curvature at `p`: the objective's own Hessian where it has one, else differences. None
// where the Hessian is not finite.
std::optional<Curvature> curvature_at(const Objective& objective, const Vec2& p);

}  // namespace descent
