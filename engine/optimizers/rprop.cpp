// Rprop (torch.optim.Rprop, 1.13): only the sign of the gradient is used.
//   s = sign(g·g_prev) per coordinate;  step <- clamp(step·(eta_plus if s > 0, eta_minus if
//   s < 0, 1 if s = 0), step_min, step_max);  where s < 0 the gradient is taken as 0
//   p <- p - sign(g)·step;  g_prev <- g
// Each coordinate's step starts at lr; later changes of lr (a schedule) do not affect it,
// as in PyTorch. Riedmiller and Braun 1993.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "all.hpp"

namespace descent {
namespace {

struct RpropParams {
  double eta_minus, eta_plus, step_min, step_max;
};

template <class V>
class Rprop final : public UpdateRule<V> {
 public:
  explicit Rprop(RpropParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p, lr);  // every step size starts at the first step's lr
    V g = grad;
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      double product = g[i] * s.prev[i];
      double factor = product > 0 ? m_p.eta_plus : (product < 0 ? m_p.eta_minus : 1.0);
      s.step[i] = std::min(std::max(s.step[i] * factor, m_p.step_min), m_p.step_max);
      if (product < 0) g[i] = 0;
      double sign = g[i] > 0 ? 1.0 : (g[i] < 0 ? -1.0 : 0.0);
      p[i] -= sign * s.step[i];
    }
    s.prev = g;
  }
  void reset() override { m_state.reset(); }

  // The step is -sign(g)·step with the step sizes after this step's change and g taken as 0
  // where its sign flipped: one part, whose size per coordinate is the step size, not |g|.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const State initial(p.size(), lr);
    const State& before = m_state.get() ? *m_state.get() : initial;
    const V& g = s.prev;  // the gradient as the step used it: 0 where its sign flipped
    const V sign = g.unaryExpr([](double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); });
    V factor = V::Zero(p.size()), flips = V::Zero(p.size());
    for (Eigen::Index i = 0; i < p.size(); ++i) {
      const double product = grad[i] * before.prev[i];
      flips[i] = product > 0 ? 1.0 : (product < 0 ? -1.0 : 0.0);
      factor[i] = product > 0 ? m_p.eta_plus : (product < 0 ? m_p.eta_minus : 1.0);
    }
    StepAnatomy<V> a;
    // Per unit of -g: the step size over |g|, 0 where the coordinate does not move.
    a.scale = V(V::Zero(p.size()));
    for (Eigen::Index i = 0; i < p.size(); ++i)
      (*a.scale)[i] = sign[i] != 0 ? s.step[i] / std::abs(grad[i]) : 0.0;
    a.parts.push_back({"sign·step", V(-(sign.array() * s.step.array()).matrix()),
                       "-sign(g)·step: each coordinate moves by its own step size, which grows "
                       "while g's sign holds and shrinks when it flips; |g| is ignored"});
    using Line = typename StepAnatomy<V>::Line;
    a.lines.push_back(Line{"s = sign(g·g_prev)", cat("s = ", show(flips))});
    a.lines.push_back(
        Line{"step <- clamp(step·(eta_plus if s > 0, eta_minus if s < 0, 1 if s = 0), step_min, "
             "step_max)",
             cat("step = clamp(", show(before.step), "·", show(factor), ", ", show(m_p.step_min),
                 ", ", show(m_p.step_max), ") = ", show(s.step))});
    if ((flips.array() < 0).any())
      a.lines.push_back(Line{"where s < 0 the gradient is taken as 0", cat("g = ", show(g))});
    a.lines.push_back(Line{"p <- p - sign(g)·step", cat("p = ", show(p), " - ", show(sign), "·",
                                                        show(s.step), " = ", show(q))});
    a.lines.push_back(Line{"g_prev <- g", cat("g_prev = ", show(g))});
    return a;
  }

 private:
  struct State {
    State(Eigen::Index n, double lr) : prev(V::Zero(n)), step(V::Constant(n, lr)) {}
    V prev, step;
  };
  RpropParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo rprop_optimizer() {
  ParamSpec lr = keys::lr(1e-2);
  lr.help = "initial step size of every coordinate";
  return {{"rprop",
           "Ignores the gradient's size: grows a coordinate's step while its sign holds, shrinks "
           "it when the sign flips",
           {lr,
            {.key = "eta_minus",
             .default_value = 0.5,
             .min = 0,
             .max = 1,
             .min_open = true,
             .max_open = true,
             .ui_min = 0.01,
             .ui_max = 0.99,
             .help = "step factor when the gradient's sign flips (overshoot)"},
            {.key = "eta_plus",
             .default_value = 1.2,
             .min = 1,
             .min_open = true,
             .ui_min = 1.01,
             .ui_max = 3,
             .help = "step factor while the gradient's sign holds"},
            {.key = "step_min",
             .default_value = 1e-6,
             .min = 0,
             .ui_min = 1e-9,
             .ui_max = 1,
             .log_scale = true,
             .help = "smallest step size"},
            {.key = "step_max",
             .default_value = 50,
             .min = 0,
             .ui_min = 1e-3,
             .ui_max = 100,
             .log_scale = true,
             .help = "largest step size"}},
           [](const ParamValues& v) {
             RpropParams p{v.at("eta_minus"), v.at("eta_plus"), v.at("step_min"), v.at("step_max")};
             if (p.step_min > p.step_max)
               throw std::invalid_argument("rprop: step_min must not exceed step_max");
             return makers<Rprop>(p);
           }},
          "torch.optim.Rprop; Riedmiller and Braun 1993"};
}

}  // namespace descent
