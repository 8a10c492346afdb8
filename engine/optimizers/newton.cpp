// Newton's method with damping, per step (H the Hessian at p, eigenpairs (λi, ui)):
//   λi' <- λi + damping, or |λi| + damping (saddle_free)
//   d <- -Σ (ui·g / λi') ui     (directions with λi' = 0 skipped)
//   p <- p + lr·d
// Plain Newton (damping 0) jumps to the critical point of the local quadratic: the minimum of a
// bowl in one step, but equally a saddle or a maximum, since it follows negative curvature
// uphill. saddle_free turns those directions around (Dauphin et al. 2014); damping shortens
// steps where the curvature is small (Levenberg 1944).
#include <cmath>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "../evaluating_rule.hpp"
#include "all.hpp"

namespace descent {
namespace {

struct NewtonParams {
  double damping;
  bool saddle_free;
};

// Newton's method keeps an n x n Hessian and takes 2n gradients a step for a model with n
// parameters: beyond this many it is not the method to use.
constexpr Eigen::Index kMostParameters = 2000;

template <class V>
class Newton final : public EvaluatingRule<V> {
 public:
  explicit Newton(NewtonParams p) : m_p(p) {}

  void evaluate_on(const Differentiable<V>* loss) override {
    if (loss && loss->dimension() > kMostParameters)
      throw std::invalid_argument(cat("newton: ", loss->name(), " has ", loss->dimension(),
                                      " parameters; Newton's method needs their Hessian (",
                                      loss->dimension(), "^2 values, ", 2 * loss->dimension(),
                                      " gradients a step) and takes at most ", kMostParameters,
                                      ": use lbfgs"));
    EvaluatingRule<V>::evaluate_on(loss);
  }

  void update(V& p, const V& g, double lr) override {
    if (g.squaredNorm() == 0) {  // a critical point (a minimum, or a saddle): no step
      m_along = V::Zero(p.size());
      this->stall();
      return;
    }
    const HessianOf<V> h = this->hessian(p);
    if (!h.allFinite())
      throw std::invalid_argument(cat("newton: the Hessian at ", show(p), " is not finite"));
    const Eigen::SelfAdjointEigenSolver<HessianOf<V>> solver(h);
    if (solver.info() != Eigen::Success)
      throw std::invalid_argument(
          cat("newton: the Hessian at ", show(p), " has no eigendecomposition"));
    m_values = solver.eigenvalues();
    m_vectors = solver.eigenvectors();
    m_used = m_values;
    const double largest = m_values.cwiseAbs().maxCoeff();
    m_along = V::Zero(p.size());
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      double lambda = (m_p.saddle_free ? std::abs(m_values[i]) : m_values[i]) + m_p.damping;
      m_used[i] = lambda;
      // A direction with no curvature (to rounding) has no Newton step: it is skipped.
      if (!(std::abs(lambda) > 1e-12 * largest) || !std::isfinite(lambda)) continue;
      m_along[i] = -lr * m_vectors.col(i).dot(g) / lambda;
    }
    p += m_vectors * m_along;
  }
  void reset() override { this->restart(); }

  StepAnatomy<V> explain(const V& p, const V& g, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, g, lr);
    StepAnatomy<V> a;
    a.evaluations = after.evaluations() - this->evaluations();
    const Eigen::Index n = p.size();
    if (g.squaredNorm() == 0) {
      a.parts.push_back({"Newton step", V::Zero(n), "none: the gradient is 0 here"});
      a.lines.push_back({"g = 0", "a critical point (a minimum or a saddle): no step"});
      return a;
    }
    if (n <= 2) {  // one part per axis of the local quadratic
      for (Eigen::Index i = n - 1; i >= 0; --i)
        a.parts.push_back({cat("along λ = ", show(after.m_values[i])),
                           V(after.m_along[i] * after.m_vectors.col(i)),
                           after.m_used[i] < 0
                               ? "toward the quadratic's critical point along a direction that "
                                 "curves down: uphill"
                               : "toward the local quadratic's minimum along this axis"});
    } else {
      a.parts.push_back({"Newton step", V(q - p), "to the local quadratic's critical point"});
    }
    a.lines.push_back(
        {"H = Hessian at p: eigenvalues λi", cat("λ = ", show(V(after.m_values.reverse())))});
    if (m_p.damping != 0 || m_p.saddle_free)
      a.lines.push_back({m_p.saddle_free ? "λi' <- |λi| + damping" : "λi' <- λi + damping",
                         cat("λ' = ", show(V(after.m_used.reverse())))});
    a.lines.push_back({"d <- -Σ (ui·g / λi') ui", cat("d = ", show(V((q - p) / lr)))});
    a.lines.push_back({"p <- p + lr·d", cat("p = ", show(p), " + ", show(lr), "·d = ", show(q))});
    return a;
  }

 private:
  NewtonParams m_p;
  // The last step's eigenpairs (ascending), the eigenvalues it divided by, and its step along
  // each eigenvector.
  static constexpr Eigen::Index kSize = V::RowsAtCompileTime == Eigen::Dynamic ? 0 : 2;
  V m_values = V::Zero(kSize), m_used = V::Zero(kSize), m_along = V::Zero(kSize);
  HessianOf<V> m_vectors = HessianOf<V>::Zero(kSize, kSize);
};

}  // namespace

OptimizerInfo newton_optimizer() {
  return {
      {"newton",
       "Jumps to the minimum of the local quadratic (curvature from the Hessian); plain "
       "Newton heads for saddles as readily as for minima",
       {{.key = "lr",
         .default_value = 1,
         .min = 0,
         .min_open = true,
         .ui_min = 0.01,
         .ui_max = 1,
         .log_scale = true,
         .help = "fraction of the Newton step taken (1: the full step)"},
        {.key = "damping",
         .default_value = 0,
         .min = 0,
         .ui_min = 0,
         .ui_max = 100,
         .help = "added to every eigenvalue: shorter steps where the curvature is small"},
        keys::flag("saddle_free",
                   "divide by |λ|: steps downhill along directions that curve down (away "
                   "from saddles)")},
       [](const ParamValues& v) {
         return makers<Newton>(NewtonParams{v.at("damping"), v.at("saddle_free") != 0});
       }},
      "Nocedal and Wright 2006, chapter 3.3; Levenberg 1944; Dauphin et al. 2014 (saddle-free)"};
}

}  // namespace descent
