#pragma once
// Minima (and the saddles Newton lands on) of a formula inside a box, found numerically.
#include <vector>

#include "formula.hpp"

namespace descent::formula {

// Starts at the local minima and lowest cells of a coarse grid (and, for saddles, at the
// local minima of |gradient|), polishes each with damped Newton on the exact Hessian
// (Levenberg where it is not positive definite, backtracking line search), falls back to
// Nelder-Mead where the formula has kinks, keeps points inside the box whose gradient
// vanishes or that are true kink minima, and merges duplicates. The lowest minima are
// global_min when no grid sample is lower, the others local_min; saddles are points with an
// indefinite Hessian. Deterministic, with work bounded by the formula's estimated cost (a few
// milliseconds).
std::vector<CriticalPoint> find_critical_points(const Formula& f, const Box& box);

}  // namespace descent::formula
