// RAdam (torch.optim.RAdam, 1.13), per step t from 1:
//   g <- g + wd·p;  m, v as in Adam;  m_hat = m/(1-beta1^t)
//   rho_inf = 2/(1-beta2) - 1;  rho_t = rho_inf - 2t·beta2^t/(1-beta2^t)
//   rho_t > 5: r = sqrt((rho_t-4)(rho_t-2)rho_inf / ((rho_inf-4)(rho_inf-2)rho_t))
//              p <- p - m_hat·lr·sqrt(1-beta2^t)/(sqrt(v) + eps)·r   (eps outside the root,
//              as in PyTorch's code; its pseudo-code puts it inside)
//   otherwise  p <- p - lr·m_hat   (the variance estimate is not yet trustworthy)
// Liu et al. 2020.
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct RadamParams {
  double beta1, beta2, eps, weight_decay;
};

template <class V>
class Radam final : public UpdateRule<V> {
 public:
  explicit Radam(RadamParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    ++s.t;
    double t = static_cast<double>(s.t);
    V g = with_l2(grad, p, m_p.weight_decay);
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.v.array() = m_p.beta2 * s.v.array() + (1 - m_p.beta2) * g.array() * g.array();
    double bias_correction1 = 1 - std::pow(m_p.beta1, t);
    double beta2_t = std::pow(m_p.beta2, t);
    double bias_correction2 = 1 - beta2_t;
    V m_hat = s.m / bias_correction1;
    double rho_inf = 2 / (1 - m_p.beta2) - 1;
    double rho_t = rho_inf - 2 * t * beta2_t / bias_correction2;
    if (rho_t > 5) {
      double rect =
          std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      V adaptive_lr = std::sqrt(bias_correction2) / (s.v.array().sqrt() + m_p.eps);
      p.array() -= ((m_hat.array() * lr) * adaptive_lr.array()) * rect;
    } else {
      p -= m_hat * lr;
    }
  }
  void reset() override { m_state.reset(); }

  // The step is -scale·m with m = beta1·m_prev + (1 - beta1)·(g + wd·p): a momentum part and a
  // gradient part. Until rho_t > 5 the scale is lr/(1-beta1^t) in every coordinate (SGD with
  // momentum); from then on lr/(1-beta1^t)·r·sqrt(1-beta2^t)/(sqrt(v) + eps) per coordinate.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V zero = V::Zero(p.size());
    const V& m_prev = m_state.get() ? m_state.get()->m : zero;
    const V& v_prev = m_state.get() ? m_state.get()->v : zero;
    const double t = static_cast<double>(s.t);
    const double c1 = 1 - std::pow(m_p.beta1, t);
    const double beta2_t = std::pow(m_p.beta2, t);
    const double c2 = 1 - beta2_t;
    const double rho_inf = 2 / (1 - m_p.beta2) - 1;
    const double rho_t = rho_inf - 2 * t * beta2_t / c2;
    const bool rectified = rho_t > 5;
    const double rect = rectified ? std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                                              ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                                  : 1;
    const V adaptive_lr =
        rectified ? V(std::sqrt(c2) / (s.v.array().sqrt() + m_p.eps)) : V(V::Ones(p.size()));
    // lr/(1-beta1^t) per unit of m, times the rectified adaptive factor once it applies.
    const V factor = (lr / c1) * rect * adaptive_lr.array();
    StepAnatomy<V> a;
    if (rectified) a.scale = factor;
    a.parts.push_back(
        {"gradient", V(-(factor.array() * (1 - m_p.beta1) * grad.array()).matrix()),
         rectified ? "(1 - beta1)·g, scaled per coordinate by lr/(1-beta1^t)·r·sqrt(1-beta2^t)/"
                     "(sqrt(v) + eps): the rectified adaptive step"
                   : "(1 - beta1)·g times lr/(1-beta1^t), the same in every coordinate: too few "
                     "steps to trust v (rho_t <= 5), so plain SGD with momentum"});
    if (m_p.weight_decay != 0)
      a.parts.push_back(
          {"weight decay",
           V(-(factor.array() * (1 - m_p.beta1) * m_p.weight_decay * p.array()).matrix()),
           "(1 - beta1)·wd·p added to g (L2), scaled as the gradient is"});
    if (s.t > 1)
      a.parts.push_back({"momentum", V(-(factor.array() * m_p.beta1 * m_prev.array()).matrix()),
                         rectified ? "beta1·m: the running mean of earlier gradients, scaled the "
                                     "same way"
                                   : "beta1·m: the running mean of earlier gradients, times "
                                     "lr/(1-beta1^t) as in SGD with momentum"});
    const V g = with_l2(grad, p, m_p.weight_decay);
    const V m_hat = s.m / c1;
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(Line{"m <- beta1·m + (1-beta1)·g",
                           cat("m = ", show(m_p.beta1), "·", show(m_prev), " + ",
                               show(1 - m_p.beta1), "·", show(g), " = ", show(s.m))});
    a.lines.push_back(
        Line{"v <- beta2·v + (1-beta2)·g²",
             cat("v = ", show(m_p.beta2), "·", show(v_prev), " + ", show(1 - m_p.beta2), "·",
                 show(V(g.array().square())), " = ", show(s.v))});
    a.lines.push_back(Line{"m_hat = m/(1-beta1^t)", cat("t = ", s.t, ": m_hat = ", show(s.m), " / ",
                                                        show(c1), " = ", show(m_hat))});
    a.lines.push_back(Line{"rho_inf = 2/(1-beta2) - 1;  rho_t = rho_inf - 2t·beta2^t/(1-beta2^t)",
                           cat("rho_inf = ", show(rho_inf), ", rho_t = ", show(rho_t),
                               rectified ? " > 5: rectified" : " <= 5: not rectified yet")});
    if (rectified) {
      a.lines.push_back(Line{"r = sqrt((rho_t-4)(rho_t-2)rho_inf / ((rho_inf-4)(rho_inf-2)rho_t))",
                             cat("r = ", show(rect))});
      a.lines.push_back(Line{"p <- p - m_hat·lr·sqrt(1-beta2^t)/(sqrt(v) + eps)·r",
                             cat("p = ", show(p), " - ", show(m_hat), "·", show(lr), "·",
                                 show(adaptive_lr), "·", show(rect), " = ", show(q))});
    } else {
      a.lines.push_back(Line{"p <- p - lr·m_hat", cat("p = ", show(p), " - ", show(lr), "·",
                                                      show(m_hat), " = ", show(q))});
    }
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)), v(V::Zero(n)) {}
    long long t = 0;
    V m, v;
  };
  RadamParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo radam_optimizer() {
  return {{"radam",
           "Adam that starts with plain momentum steps until its variance estimate can be trusted",
           {keys::lr(1e-3),
            keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
            keys::beta("beta2", 0.999, "decay of the running mean of squared gradients"),
            keys::eps(1e-8), keys::weight_decay(0)},
           [](const ParamValues& v) {
             return makers<Radam>(
                 RadamParams{v.at("beta1"), v.at("beta2"), v.at("eps"), v.at("weight_decay")});
           }},
          "torch.optim.RAdam; Liu et al. 2020"};
}

}  // namespace descent
