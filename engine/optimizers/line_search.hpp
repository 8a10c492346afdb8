#pragma once
// Line searches along a descent direction d from p, for the rules that choose their own step
// length (gd_linesearch, cg, lbfgs). phi(alpha) = f(p + alpha·d); each trial is one evaluation.
//   Armijo (sufficient decrease):  phi(alpha) <= phi(0) + c1·alpha·phi'(0)
//   strong Wolfe, also:            |phi'(alpha)| <= c2·|phi'(0)|
// Nocedal and Wright, Numerical Optimization (2006), algorithms 3.1 (backtracking), 3.5 and 3.6
// (bracketing and zoom, here with safeguarded quadratic interpolation).
#include <algorithm>
#include <cmath>

#include <string>
#include <string_view>
#include <vector>

#include "../objective.hpp"
#include "../param.hpp"

namespace descent {

template <class V>
struct LineSearchResult {
  double alpha = 0;  // the accepted step length (0: none found)
  // The loss and gradient there.
  BasicValueGradient<V> at{0, V::Zero(V::RowsAtCompileTime == Eigen::Dynamic ? 0 : 2)};
  int trials = 0;
  bool accepted = false;  // the conditions held
};

struct LineSearchSettings {
  double c1 = 1e-4, c2 = 0.9;
  double shrink = 0.5;  // backtracking's factor
  int max_trials = 60;
};

// The keys of a line search: the first trial's step length (lr), c1, and c2 for strong Wolfe
// (or the backtracking factor).
ParamSpec first_trial_key(std::string help);
ParamSpec armijo_key();
ParamSpec wolfe_key(double c2, std::string help);
// The settings those keys give; with c2 (strong Wolfe), `owner` refuses c1 >= c2.
LineSearchSettings line_search_settings(const ParamValues& values, std::string_view owner = "");

// Backtracking from alpha0 by `shrink` until the Armijo condition holds. `evaluate(alpha)` gives
// the loss and gradient at p + alpha·d; `slope` is phi'(0) < 0.
template <class V, class Evaluate>
LineSearchResult<V> backtrack(Evaluate&& evaluate, double f0, double slope, double alpha0,
                              const LineSearchSettings& s) {
  LineSearchResult<V> r;
  double alpha = alpha0;
  for (r.trials = 1; r.trials <= s.max_trials; ++r.trials, alpha *= s.shrink) {
    BasicValueGradient<V> e = evaluate(alpha);
    if (e.value <= f0 + s.c1 * alpha * slope) {  // false for NaN
      r.alpha = alpha;
      r.at = std::move(e);
      r.accepted = true;
      return r;
    }
  }
  r.trials = s.max_trials;
  return r;
}

// A step length meeting the strong Wolfe conditions, from the trial alpha0. `evaluate(alpha)`
// gives the loss and gradient at p + alpha·d; `slope_of(e)` the slope phi' from a gradient.
// When the trials run out it returns the best point with sufficient decrease, if any.
template <class V, class Evaluate, class Slope>
LineSearchResult<V> strong_wolfe(Evaluate&& evaluate, Slope&& slope_of, double f0, double slope0,
                                 double alpha0, const LineSearchSettings& s) {
  LineSearchResult<V> r;
  auto sufficient = [&](double alpha, double f) { return f <= f0 + s.c1 * alpha * slope0; };
  auto curvature = [&](double slope) { return std::abs(slope) <= -s.c2 * slope0; };
  auto accept = [&](double alpha, BasicValueGradient<V> e, bool wolfe) {
    r.alpha = alpha;
    r.at = std::move(e);
    r.accepted = wolfe;
  };
  // zoom(lo, hi): lo has sufficient decrease and the lowest value so far; the step lies between.
  double lo = 0, f_lo = f0, slope_lo = slope0;
  double hi = 0, f_hi = 0;
  bool bracketed = false;
  double alpha = alpha0, f_previous = f0;
  while (r.trials < s.max_trials) {
    if (bracketed) {
      // The minimiser of the quadratic through (lo, f_lo, slope_lo) and (hi, f_hi), kept well
      // inside the bracket; bisection when it is not.
      const double width = hi - lo;
      const double denom = 2 * (f_hi - f_lo - slope_lo * width);
      double t = denom > 0 ? -slope_lo * width * width / denom : width / 2;
      if (!(t / width >= 0.1 && t / width <= 0.9)) t = width / 2;  // also NaN
      alpha = lo + t;
    }
    BasicValueGradient<V> e = evaluate(alpha);
    ++r.trials;
    const double f = e.value, slope = slope_of(e);
    if (!bracketed) {
      if (!sufficient(alpha, f) || (r.trials > 1 && f >= f_previous)) {
        bracketed = true;
        hi = alpha, f_hi = f;  // lo: the previous trial, or 0
        continue;
      }
      if (curvature(slope)) {
        accept(alpha, std::move(e), true);
        return r;
      }
      if (slope >= 0) {  // past a minimum: it lies between this step and the previous
        bracketed = true;
        hi = lo, f_hi = f_lo;
        lo = alpha, f_lo = f, slope_lo = slope;
        accept(alpha, std::move(e), false);
        continue;
      }
      accept(alpha, std::move(e), false);  // sufficient decrease: the best so far
      lo = alpha, f_lo = f, slope_lo = slope;
      f_previous = f;
      alpha *= 2;
      continue;
    }
    if (!sufficient(alpha, f) || f >= f_lo) {
      hi = alpha, f_hi = f;
      continue;
    }
    if (curvature(slope)) {
      accept(alpha, std::move(e), true);
      return r;
    }
    if (slope * (hi - lo) >= 0) hi = lo, f_hi = f_lo;
    lo = alpha, f_lo = f, slope_lo = slope;
    accept(alpha, std::move(e), false);
  }
  return r;
}

}  // namespace descent
