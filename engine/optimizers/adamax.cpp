// Adamax (torch.optim.Adamax, 1.13), per step t from 1:
//   g <- g + wd·p;  m <- beta1·m + (1-beta1)·g;  u <- max(beta2·u, |g| + eps)
//   p <- p - lr/(1-beta1^t) · m/u
// Kingma and Ba 2015, section 7 (Adam with the infinity norm).
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct AdamaxParams {
  double beta1, beta2, eps, weight_decay;
};

template <class V>
class Adamax final : public UpdateRule<V> {
 public:
  explicit Adamax(AdamaxParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    ++s.t;
    V g = with_l2(grad, p, m_p.weight_decay);
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.u = (m_p.beta2 * s.u).cwiseMax((g.array().abs() + m_p.eps).matrix());
    double clr = lr / (1 - std::pow(m_p.beta1, static_cast<double>(s.t)));
    p.array() -= clr * (s.m.array() / s.u.array());
  }
  void reset() override { m_state.reset(); }

  // The step is -scale·m with m = beta1·m_prev + (1 - beta1)·(g + wd·p) and scale =
  // lr/(1-beta1^t)/u: a momentum part and a gradient part, each scaled per coordinate.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V zero = V::Zero(p.size());
    const V& m_prev = m_state.get() ? m_state.get()->m : zero;
    const V& u_prev = m_state.get() ? m_state.get()->u : zero;
    const double c1 = 1 - std::pow(m_p.beta1, static_cast<double>(s.t));
    const double clr = lr / c1;
    StepAnatomy<V> a;
    a.scale = V(clr / s.u.array());
    a.parts.push_back({"gradient", V(-(a.scale->array() * (1 - m_p.beta1) * grad.array()).matrix()),
                       "(1 - beta1)·g, scaled per coordinate by lr/(1-beta1^t)/u: u is the "
                       "running maximum of |g|"});
    if (m_p.weight_decay != 0)
      a.parts.push_back(
          {"weight decay",
           V(-(a.scale->array() * (1 - m_p.beta1) * m_p.weight_decay * p.array()).matrix()),
           "(1 - beta1)·wd·p added to g (L2), scaled as the gradient is"});
    if (s.t > 1)
      a.parts.push_back({"momentum", V(-(a.scale->array() * m_p.beta1 * m_prev.array()).matrix()),
                         "beta1·m: the running mean of earlier gradients, scaled the same way"});
    const V g = with_l2(grad, p, m_p.weight_decay);
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(Line{"m <- beta1·m + (1-beta1)·g",
                           cat("m = ", show(m_p.beta1), "·", show(m_prev), " + ",
                               show(1 - m_p.beta1), "·", show(g), " = ", show(s.m))});
    a.lines.push_back(Line{"u <- max(beta2·u, |g| + eps)",
                           cat("u = max(", show(V(m_p.beta2 * u_prev)), ", ",
                               show(V(g.array().abs() + m_p.eps)), ") = ", show(s.u))});
    a.lines.push_back(Line{"p <- p - lr/(1-beta1^t) · m/u",
                           cat("t = ", s.t, ": p = ", show(p), " - ", show(clr), "·", show(s.m),
                               " / ", show(s.u), " = ", show(q))});
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)), u(V::Zero(n)) {}
    long long t = 0;
    V m, u;
  };
  AdamaxParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo adamax_optimizer() {
  return {{"adamax",
           "Adam with the running maximum of |gradient| in place of the RMS",
           {keys::lr(2e-3),
            keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
            keys::beta("beta2", 0.999, "decay of the running maximum of |gradient|"),
            keys::eps(1e-8), keys::weight_decay(0)},
           [](const ParamValues& v) {
             return makers<Adamax>(
                 AdamaxParams{v.at("beta1"), v.at("beta2"), v.at("eps"), v.at("weight_decay")});
           }},
          "torch.optim.Adamax; Kingma and Ba 2015"};
}

}  // namespace descent
