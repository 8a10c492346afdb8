#include "curvature.hpp"

#include <cmath>
#include <limits>

#include <Eigen/Eigenvalues>

namespace descent {

double Curvature::condition() const {
  if (!(lambda_min() > 0)) return std::numeric_limits<double>::infinity();
  return lambda_max() / lambda_min();
}

double Curvature::max_stable_lr(double momentum) const {
  if (!(lambda_max() > 0)) return std::numeric_limits<double>::infinity();
  return 2 * (1 + momentum) / lambda_max();
}

template <class V>
HessianOf<V> difference_hessian(const Differentiable<V>& loss, const V& p) {
  HessianOf<V> h(p.size(), p.size());
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    const double step = 1e-5 * std::max(1.0, std::abs(p[i]));
    V ahead = p, behind = p;
    ahead[i] += step, behind[i] -= step;
    h.col(i) = (loss.value_gradient(ahead).gradient - loss.value_gradient(behind).gradient) /
               (ahead[i] - behind[i]);
  }
  return (h + h.transpose()) / 2;
}

template Mat2 difference_hessian(const Differentiable<Vec2>&, const Vec2&);
template Eigen::MatrixXd difference_hessian(const Differentiable<VecX>&, const VecX&);

std::optional<Curvature> curvature_at(const Objective& objective, const Vec2& p) {
  Curvature c;
  if (auto h = objective.hessian(p)) {
    c.hessian = *h;
  } else {
    c.hessian = difference_hessian(objective, p);
    c.analytic = false;
  }
  if (!c.hessian.allFinite()) return std::nullopt;
  const Eigen::SelfAdjointEigenSolver<Mat2> solver(c.hessian);
  // The solver sorts ascending: the largest goes first here.
  c.eigenvalues = solver.eigenvalues().reverse();
  c.eigenvectors = solver.eigenvectors().rowwise().reverse();
  return c;
}

}  // namespace descent
