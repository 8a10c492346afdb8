// NAdam, as PyTorch documents it (torch 2.x; torch 1.13's code counted mu_t twice). Per step t:
//   g <- g + wd·p;  mu_t = beta1·(1 - 0.5·0.96^(t·momentum_decay));  P_t = mu_1···mu_t
//   m <- beta1·m + (1-beta1)·g;  v <- beta2·v + (1-beta2)·g²;  d = sqrt(v/(1-beta2^t)) + eps
//   p <- p - lr·(1-mu_t)/(1-P_t)·g/d - lr·mu_{t+1}/(1-P_t·mu_{t+1})·m/d
// Dozat 2016 (Nesterov momentum in Adam).
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct NadamParams {
  double beta1, beta2, eps, weight_decay, momentum_decay;
};

template <class V>
class Nadam final : public UpdateRule<V> {
 public:
  explicit Nadam(NadamParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    ++s.t;
    double t = static_cast<double>(s.t);
    double bias_correction2 = 1 - std::pow(m_p.beta2, t);
    V g = with_l2(grad, p, m_p.weight_decay);
    double mu = m_p.beta1 * (1 - 0.5 * std::pow(0.96, t * m_p.momentum_decay));
    double mu_next = m_p.beta1 * (1 - 0.5 * std::pow(0.96, (t + 1) * m_p.momentum_decay));
    s.mu_product *= mu;
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.v.array() = m_p.beta2 * s.v.array() + (1 - m_p.beta2) * g.array() * g.array();
    V denom = (s.v.array() / bias_correction2).sqrt() + m_p.eps;
    double mu_product_next = s.mu_product * mu_next;
    p.array() += (-lr * (1 - mu) / (1 - s.mu_product)) * (g.array() / denom.array());
    p.array() += (-lr * mu_next / (1 - mu_product_next)) * (s.m.array() / denom.array());
  }
  void reset() override { m_state.reset(); }

  // The step is -(c_g·g + c_m·m)/d with m = beta1·m_prev + (1 - beta1)·(g + wd·p), c_g =
  // lr·(1-mu_t)/(1-P_t) and c_m = lr·mu_{t+1}/(1-P_t·mu_{t+1}): the gradient counts directly and
  // through m, the momentum only through m.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V zero = V::Zero(p.size());
    const V& m_prev = m_state.get() ? m_state.get()->m : zero;
    const V& v_prev = m_state.get() ? m_state.get()->v : zero;
    const double t = static_cast<double>(s.t);
    const double mu = m_p.beta1 * (1 - 0.5 * std::pow(0.96, t * m_p.momentum_decay));
    const double mu_next = m_p.beta1 * (1 - 0.5 * std::pow(0.96, (t + 1) * m_p.momentum_decay));
    const double c2 = 1 - std::pow(m_p.beta2, t);
    const double c_g = lr * (1 - mu) / (1 - s.mu_product);
    const double c_m = lr * mu_next / (1 - s.mu_product * mu_next);
    const V denom = (s.v.array() / c2).sqrt() + m_p.eps;
    // Each unit of g moves p by c_g directly and by c_m·(1 - beta1) through m.
    const double c_grad = c_g + c_m * (1 - m_p.beta1);
    StepAnatomy<V> a;
    a.scale = V((c_g + c_m) / denom.array());
    a.parts.push_back({"gradient", V(-(c_grad / denom.array() * grad.array()).matrix()),
                       "g, weighted (1-mu_t)/(1-P_t) directly (the Nesterov look-ahead) and "
                       "(1-beta1)·mu_{t+1}/(1-P_t·mu_{t+1}) through m, times lr/d per coordinate"});
    if (m_p.weight_decay != 0)
      a.parts.push_back({"weight decay",
                         V(-(c_grad / denom.array() * m_p.weight_decay * p.array()).matrix()),
                         "wd·p added to g (L2), weighted and scaled as the gradient is"});
    if (s.t > 1)
      a.parts.push_back({"momentum",
                         V(-(c_m * m_p.beta1 / denom.array() * m_prev.array()).matrix()),
                         "beta1·m: the running mean of earlier gradients, weighted "
                         "mu_{t+1}/(1-P_t·mu_{t+1}) by the warming-up mu schedule, over d"});
    const V g = with_l2(grad, p, m_p.weight_decay);
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(
        Line{"mu_t = beta1·(1 - 0.5·0.96^(t·momentum_decay))",
             cat("t = ", s.t, ": mu_t = ", show(mu), ", mu_{t+1} = ", show(mu_next))});
    a.lines.push_back(Line{"P_t = mu_1···mu_t", cat("P_t = ", show(s.mu_product))});
    a.lines.push_back(Line{"m <- beta1·m + (1-beta1)·g",
                           cat("m = ", show(m_p.beta1), "·", show(m_prev), " + ",
                               show(1 - m_p.beta1), "·", show(g), " = ", show(s.m))});
    a.lines.push_back(
        Line{"v <- beta2·v + (1-beta2)·g²",
             cat("v = ", show(m_p.beta2), "·", show(v_prev), " + ", show(1 - m_p.beta2), "·",
                 show(V(g.array().square())), " = ", show(s.v))});
    a.lines.push_back(Line{"d = sqrt(v/(1-beta2^t)) + eps",
                           cat("1 - beta2^t = ", show(c2), ": d = ", show(denom))});
    a.lines.push_back(
        Line{"p <- p - lr·(1-mu_t)/(1-P_t)·g/d - lr·mu_{t+1}/(1-P_t·mu_{t+1})·m/d",
             cat("p = ", show(p), " - ", show(c_g), "·", show(V(g.array() / denom.array())), " - ",
                 show(c_m), "·", show(V(s.m.array() / denom.array())), " = ", show(q))});
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)), v(V::Zero(n)) {}
    long long t = 0;
    double mu_product = 1;
    V m, v;
  };
  NadamParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo nadam_optimizer() {
  return {{"nadam",
           "Adam with Nesterov momentum: the step looks ahead along the momentum",
           {keys::lr(2e-3),
            keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
            keys::beta("beta2", 0.999, "decay of the running mean of squared gradients"),
            keys::eps(1e-8),
            keys::weight_decay(0),
            {.key = "momentum_decay",
             .default_value = 4e-3,
             .min = 0,
             .ui_min = 0,
             .ui_max = 0.1,
             .log_scale = true,
             .help = "how fast the momentum coefficient warms up toward beta1"}},
           [](const ParamValues& v) {
             return makers<Nadam>(NadamParams{v.at("beta1"), v.at("beta2"), v.at("eps"),
                                              v.at("weight_decay"), v.at("momentum_decay")});
           }},
          "torch.optim.NAdam (documented algorithm); Dozat 2016"};
}

}  // namespace descent
