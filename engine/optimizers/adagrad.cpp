// Adagrad (torch.optim.Adagrad, 1.13), per step t from 1:
//   g <- g + wd·p;  clr = lr / (1 + (t-1)·lr_decay)
//   s <- s + g²;    p <- p - clr·g / (sqrt(s) + eps)
// s starts at initial_accumulator_value. Duchi, Hazan and Singer 2011.
#include "all.hpp"

namespace descent {
namespace {

struct AdagradParams {
  double lr_decay, weight_decay, initial_accumulator_value, eps;
};

template <class V>
class Adagrad final : public UpdateRule<V> {
 public:
  explicit Adagrad(AdagradParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p, m_p.initial_accumulator_value);
    ++s.t;
    V g = with_l2(grad, p, m_p.weight_decay);
    double clr = lr / (1 + static_cast<double>(s.t - 1) * m_p.lr_decay);
    s.sum.array() += g.array() * g.array();
    V std = s.sum.array().sqrt() + m_p.eps;
    p.array() -= clr * (g.array() / std.array());
  }
  void reset() override { m_state.reset(); }

  // The step is -scale·(g + wd·p) with scale = clr/(sqrt(s) + eps) from the sum s after this
  // step's square is added: a gradient part and a weight decay part, scaled per coordinate.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V initial = V::Constant(p.size(), m_p.initial_accumulator_value);
    const V& sum_prev = m_state.get() ? m_state.get()->sum : initial;
    const double clr = lr / (1 + static_cast<double>(s.t - 1) * m_p.lr_decay);
    const V denom = s.sum.array().sqrt() + m_p.eps;
    StepAnatomy<V> a;
    a.scale = V(clr / denom.array());
    a.parts.push_back({"gradient", V(-(a.scale->array() * grad.array()).matrix()),
                       "-g, scaled per coordinate by clr/(sqrt(s) + eps): s sums every squared "
                       "gradient so far, so steps only shrink"});
    if (m_p.weight_decay != 0) a.parts.push_back(scaled_l2_part(*a.scale, p, m_p.weight_decay));
    const V g = with_l2(grad, p, m_p.weight_decay);
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    if (m_p.lr_decay != 0)
      a.lines.push_back(Line{"clr = lr / (1 + (t-1)·lr_decay)",
                             cat("t = ", s.t, ": clr = ", show(lr), " / (1 + ", s.t - 1, "·",
                                 show(m_p.lr_decay), ") = ", show(clr))});
    a.lines.push_back(Line{"s <- s + g²", cat("s = ", show(sum_prev), " + ",
                                              show(V(g.array().square())), " = ", show(s.sum))});
    a.lines.push_back(Line{
        m_p.lr_decay != 0 ? "p <- p - clr·g / (sqrt(s) + eps)" : "p <- p - lr·g / (sqrt(s) + eps)",
        cat("p = ", show(p), " - ", show(clr), "·", show(g), " / ", show(denom), " = ", show(q))});
    return a;
  }

 private:
  struct State {
    State(Eigen::Index n, double initial) : sum(V::Constant(n, initial)) {}
    long long t = 0;
    V sum;
  };
  AdagradParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo adagrad_optimizer() {
  return {{"adagrad",
           "Divides each coordinate's step by the root of its summed squared gradients: steps "
           "only ever shrink",
           {keys::lr(1e-2),
            {.key = "lr_decay",
             .default_value = 0,
             .min = 0,
             .ui_min = 0,
             .ui_max = 1,
             .log_scale = true,
             .help = "learning rate of step t is lr / (1 + (t-1)·lr_decay)"},
            keys::weight_decay(0),
            {.key = "initial_accumulator_value",
             .default_value = 0,
             .min = 0,
             .ui_min = 0,
             .ui_max = 10,
             .log_scale = true,
             .help = "starting value of the sum of squared gradients: smaller first steps"},
            keys::eps(1e-10)},
           [](const ParamValues& v) {
             return makers<Adagrad>(AdagradParams{v.at("lr_decay"), v.at("weight_decay"),
                                                  v.at("initial_accumulator_value"), v.at("eps")});
           }},
          "torch.optim.Adagrad; Duchi, Hazan and Singer 2011"};
}

}  // namespace descent
