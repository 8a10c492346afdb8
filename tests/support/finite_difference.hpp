#pragma once
// Central finite differences, the independent check of every analytic gradient and Hessian.
#include <algorithm>
#include <cmath>

#include "objective.hpp"

namespace descent::test {

inline double fd_step(double at) {
  return 1e-5 * std::max(1.0, std::abs(at));
}

inline Vec2 fd_gradient(const Objective& f, const Vec2& p) {
  Vec2 g;
  for (int i = 0; i < 2; ++i) {
    Vec2 step = Vec2::Zero();
    step[i] = fd_step(p[i]);
    g[i] = (f.value(p + step) - f.value(p - step)) / (2 * step[i]);
  }
  return g;
}

// The same over any number of parameters (a network's).
inline VecX fd_gradient(const Differentiable<VecX>& f, const VecX& p) {
  VecX g(p.size());
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    VecX plus = p, minus = p;
    const double h = fd_step(p[i]);
    plus[i] += h;
    minus[i] -= h;
    g[i] = (f.value(plus) - f.value(minus)) / (2 * h);
  }
  return g;
}

inline Mat2 fd_hessian(const Objective& f, const Vec2& p) {
  Mat2 h;
  for (int i = 0; i < 2; ++i) {
    Vec2 step = Vec2::Zero();
    step[i] = fd_step(p[i]);
    h.col(i) = (f.gradient(p + step) - f.gradient(p - step)) / (2 * step[i]);
  }
  return h;
}

// A finite-difference estimate has error ~ h^2·f''' + eps·|f|/h: compare relative to the
// scale of what is differentiated.
inline bool fd_agrees(double analytic, double numeric, double scale) {
  return std::abs(analytic - numeric) <= 1e-6 * std::max(1.0, scale);
}

}  // namespace descent::test
