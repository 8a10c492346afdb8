// Adam and AdamW (torch.optim.Adam / AdamW, 1.13), per step t from 1:
//   Adam:  g <- g + wd·p             AdamW: p <- p·(1 - lr·wd)   (decoupled decay)
//   m <- beta1·m + (1-beta1)·g;  v <- beta2·v + (1-beta2)·g²;  amsgrad: v_max <- max(v_max, v)
//   p <- p - lr/(1-beta1^t) · m / (sqrt(v or v_max)/sqrt(1-beta2^t) + eps)
// Kingma and Ba 2015; Reddi et al. 2018 (AMSGrad); Loshchilov and Hutter 2019 (AdamW).
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct AdamParams {
  double beta1, beta2, eps, weight_decay;
  bool amsgrad, decoupled;
};

template <class V>
class Adam final : public UpdateRule<V> {
 public:
  explicit Adam(AdamParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    // The gradient itself unless L2 decay adds to it: no copy of a long vector a step.
    const bool l2 = !m_p.decoupled && m_p.weight_decay != 0;
    if (m_p.decoupled)
      p *= 1 - lr * m_p.weight_decay;
    else if (l2)
      s.g = grad + m_p.weight_decay * p;
    const V& g = l2 ? s.g : grad;
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.v.array() = m_p.beta2 * s.v.array() + (1 - m_p.beta2) * g.array() * g.array();
    ++s.t;
    const double t = static_cast<double>(s.t);
    double step_size = lr / s.correction1.at(m_p.beta1, t);
    double bias_correction2_sqrt = std::sqrt(s.correction2.at(m_p.beta2, t));
    if (m_p.amsgrad) s.v_max = s.v_max.cwiseMax(s.v);
    const V& v = m_p.amsgrad ? s.v_max : s.v;
    // denom = sqrt(v) / sqrt(1 - beta2^t) + eps, in the same expression: no temporary.
    p.array() -= step_size * (s.m.array() / (v.array().sqrt() / bias_correction2_sqrt + m_p.eps));
  }
  void reset() override { m_state.reset(); }

  // The step is -scale·m with m = beta1·m_prev + (1 - beta1)·g (plus decoupled decay): a
  // momentum part and a gradient part, each scaled per coordinate.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V zero = V::Zero(p.size());
    const V& m_prev = m_state.get() ? m_state.get()->m : zero;
    const double t = static_cast<double>(s.t);
    const double c1 = 1 - std::pow(m_p.beta1, t), c2 = 1 - std::pow(m_p.beta2, t);
    const V& v = m_p.amsgrad ? s.v_max : s.v;
    StepAnatomy<V> a;
    a.scale = V((lr / c1) / (v.array().sqrt() / std::sqrt(c2) + m_p.eps));
    const bool l2 = !m_p.decoupled && m_p.weight_decay != 0;
    const V g = l2 ? V(grad + m_p.weight_decay * p) : grad;
    const V decay = -lr * m_p.weight_decay * p;
    const V base = m_p.decoupled ? V(p + decay) : p;
    a.parts.push_back({"gradient", V(-(a.scale->array() * (1 - m_p.beta1) * grad.array()).matrix()),
                       "(1 - beta1)·g, scaled per coordinate by lr/(1-beta1^t)/(sqrt(v̂) + eps)"});
    if (m_p.weight_decay != 0)
      a.parts.push_back(
          {"weight decay",
           m_p.decoupled
               ? decay
               : V(-(a.scale->array() * (1 - m_p.beta1) * m_p.weight_decay * p.array()).matrix()),
           m_p.decoupled ? "-lr·wd·p, applied to p directly (AdamW)"
                         : "(1 - beta1)·wd·p added to g (L2), scaled as the gradient is"});
    if (s.t > 1)
      a.parts.push_back({"momentum", V(-(a.scale->array() * m_p.beta1 * m_prev.array()).matrix()),
                         "beta1·m: the running mean of earlier gradients, scaled the same way"});
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.decoupled && m_p.weight_decay != 0)
      a.lines.push_back(Line{"p <- p·(1 - lr·wd)", cat("p = ", show(base))});
    if (l2) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(Line{"m <- beta1·m + (1 - beta1)·g",
                           cat("m = ", show(m_p.beta1), "·", show(m_prev), " + ",
                               show(1 - m_p.beta1), "·", show(g), " = ", show(s.m))});
    a.lines.push_back(Line{"v <- beta2·v + (1 - beta2)·g²", cat("v = ", show(s.v))});
    if (m_p.amsgrad) a.lines.push_back(Line{"v_max <- max(v_max, v)", cat("v_max = ", show(v))});
    a.lines.push_back(
        Line{"1 - beta1^t, 1 - beta2^t", cat("t = ", s.t, ": ", show(c1), ", ", show(c2))});
    a.lines.push_back(
        Line{"p <- p - lr/(1 - beta1^t)·m / (sqrt(v)/sqrt(1 - beta2^t) + eps)",
             cat("p = ", show(base), " - ", show(lr / c1), "·", show(s.m), " / ",
                 show(V(v.array().sqrt() / std::sqrt(c2) + m_p.eps)), " = ", show(q))});
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n)
        : m(V::Zero(n)), v(V::Zero(n)), v_max(V::Zero(n)), g(V::Zero(n)) {}
    long long t = 0;
    BiasCorrection correction1, correction2;
    V m, v, v_max;
    V g;  // the gradient with L2 decay added, when there is decay
  };
  AdamParams m_p;
  LazyState<State> m_state;
};

std::vector<ParamSpec> adam_keys(double weight_decay, std::string decay_help) {
  return {keys::lr(1e-3),
          keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
          keys::beta("beta2", 0.999, "decay of the running mean of squared gradients"),
          keys::eps(1e-8),
          keys::weight_decay(weight_decay, std::move(decay_help)),
          keys::flag("amsgrad", "divide by the largest second moment seen so far (AMSGrad)")};
}

auto make_adam(bool decoupled) {
  return [decoupled](const ParamValues& v) {
    return makers<Adam>(AdamParams{v.at("beta1"), v.at("beta2"), v.at("eps"), v.at("weight_decay"),
                                   v.at("amsgrad") != 0, decoupled});
  };
}

}  // namespace

OptimizerInfo adam_optimizer() {
  return {{"adam", "Momentum plus a per-coordinate step scale from the running RMS of gradients",
           adam_keys(0, ""), make_adam(false)},
          "torch.optim.Adam; Kingma and Ba 2015; Reddi et al. 2018 (amsgrad)"};
}

OptimizerInfo adamw_optimizer() {
  return {{"adamw",
           "Adam with weight decay applied to the parameters directly, not through the gradient",
           adam_keys(1e-2, "decoupled decay: each step multiplies p by (1 - lr·weight_decay)"),
           make_adam(true)},
          "torch.optim.AdamW; Loshchilov and Hutter 2019"};
}

}  // namespace descent
