// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"; not in torch 1.13):
//   p <- p·(1 - lr·wd);  p <- p - lr·sign(beta1·m + (1-beta1)·g);  m <- beta2·m + (1-beta2)·g
// m starts at 0 and sign(0) = 0. Every coordinate moves by exactly lr (or not at all).
#include "all.hpp"

namespace descent {
namespace {

struct LionParams {
  double beta1, beta2, weight_decay;
};

template <class V>
class Lion final : public UpdateRule<V> {
 public:
  explicit Lion(LionParams p) : m_p(p) {}

  void update(V& p, const V& g, double lr) override {
    auto& s = m_state.at(p);
    p *= 1 - lr * m_p.weight_decay;
    V blend = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    V sign = blend.unaryExpr([](double b) { return b > 0 ? 1.0 : (b < 0 ? -1.0 : 0.0); });
    p -= lr * sign;
    s.m = m_p.beta2 * s.m + (1 - m_p.beta2) * g;
  }
  void reset() override { m_state.reset(); }

  // The step is -lr·wd·p - lr·sign(c) with c = beta1·m + (1-beta1)·g from the momentum before
  // the step: the sign part moves every coordinate by exactly lr (or 0); no per-coordinate
  // scale, as the gradient's size never reaches the step.
  StepAnatomy<V> explain(const V& p, const V& g, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, g, lr);
    const V zero = V::Zero(p.size());
    const V& m_prev = m_state.get() ? m_state.get()->m : zero;
    const V blend = m_p.beta1 * m_prev + (1 - m_p.beta1) * g;
    const V sign = blend.unaryExpr([](double b) { return b > 0 ? 1.0 : (b < 0 ? -1.0 : 0.0); });
    const V decay = -lr * m_p.weight_decay * p;
    StepAnatomy<V> a;
    a.parts.push_back({"sign", V(-lr * sign),
                       "-lr·sign(beta1·m + (1-beta1)·g): the sign of a blend of momentum and "
                       "gradient, exactly lr in every coordinate"});
    if (m_p.weight_decay != 0)
      a.parts.push_back({"weight decay", decay, "-lr·wd·p, applied to p directly (decoupled)"});
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0)
      a.lines.push_back(Line{"p <- p·(1 - lr·wd)", cat("p = ", show(V(p + decay)))});
    a.lines.push_back(
        Line{"p <- p - lr·sign(beta1·m + (1-beta1)·g)",
             cat("p = ", show(V(p + decay)), " - ", show(lr), "·sign(", show(m_p.beta1), "·",
                 show(m_prev), " + ", show(1 - m_p.beta1), "·", show(g), ") = ", show(V(p + decay)),
                 " - ", show(lr), "·sign(", show(blend), ") = ", show(q))});
    a.lines.push_back(
        Line{"m <- beta2·m + (1-beta2)·g",
             cat("m = ", show(m_p.beta2), "·", show(m_prev), " + ", show(1 - m_p.beta2), "·",
                 show(g), " = ", show(after.m_state.get()->m))});
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)) {}
    V m;
  };
  LionParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo lion_optimizer() {
  return {
      {"lion",
       "Moves every coordinate by exactly lr in the sign of a momentum blend",
       {keys::lr(1e-4),
        {.key = "beta1",
         .default_value = 0.9,
         .min = 0,
         .max = 1,
         .ui_min = 0,
         .ui_max = 1,
         .help = "weight of the momentum in the direction of this step"},
        {.key = "beta2",
         .default_value = 0.99,
         .min = 0,
         .max = 1,
         .ui_min = 0,
         .ui_max = 1,
         .help = "decay of the momentum carried to later steps"},
        keys::weight_decay(0, "decoupled decay: each step multiplies p by (1 - lr·weight_decay)")},
       [](const ParamValues& v) {
         return makers<Lion>(LionParams{v.at("beta1"), v.at("beta2"), v.at("weight_decay")});
       }},
      "Chen et al. 2023 (lion-pytorch semantics)"};
}

}  // namespace descent
