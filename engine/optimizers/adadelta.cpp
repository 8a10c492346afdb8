// Adadelta (torch.optim.Adadelta, 1.13):
//   g <- g + wd·p;  v <- rho·v + (1-rho)·g²
//   d = sqrt(u + eps) / sqrt(v + eps) · g;  u <- rho·u + (1-rho)·d²;  p <- p - lr·d
// Zeiler 2012. The step has the units of p, so lr = 1 is the natural default.
#include "all.hpp"

namespace descent {
namespace {

struct AdadeltaParams {
  double rho, eps, weight_decay;
};

template <class V>
class Adadelta final : public UpdateRule<V> {
 public:
  explicit Adadelta(AdadeltaParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    V g = with_l2(grad, p, m_p.weight_decay);
    auto& s = m_state.at(p);
    s.square_avg.array() = m_p.rho * s.square_avg.array() + (1 - m_p.rho) * g.array() * g.array();
    V std = (s.square_avg.array() + m_p.eps).sqrt();
    V delta = ((s.acc_delta.array() + m_p.eps).sqrt() / std.array()) * g.array();
    s.acc_delta.array() =
        m_p.rho * s.acc_delta.array() + (1 - m_p.rho) * delta.array() * delta.array();
    p -= lr * delta;
  }
  void reset() override { m_state.reset(); }

  // The step is -lr·r·(g + wd·p) with r = sqrt(u + eps)/sqrt(v + eps), u the accumulated squared
  // updates before this step and v the squared gradients after it: a gradient part and a
  // weight decay part, each scaled per coordinate by lr·r.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const V zero = V::Zero(p.size());
    const V& square_prev = m_state.get() ? m_state.get()->square_avg : zero;
    const V& acc_prev = m_state.get() ? m_state.get()->acc_delta : zero;
    const V g = with_l2(grad, p, m_p.weight_decay);
    const V rms_update = (acc_prev.array() + m_p.eps).sqrt();
    const V rms_grad = (s.square_avg.array() + m_p.eps).sqrt();
    const V ratio = rms_update.array() / rms_grad.array();
    const V delta = ratio.array() * g.array();
    StepAnatomy<V> a;
    a.scale = V(lr * ratio.array());
    a.parts.push_back({"gradient", V(-(a.scale->array() * grad.array()).matrix()),
                       "-g times the update ratio sqrt(u + eps)/sqrt(v + eps): the RMS of recent "
                       "steps over the RMS of recent gradients, per coordinate"});
    if (m_p.weight_decay != 0) a.parts.push_back(scaled_l2_part(*a.scale, p, m_p.weight_decay));
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(
        Line{"v <- rho·v + (1-rho)·g²",
             cat("v = ", show(m_p.rho), "·", show(square_prev), " + ", show(1 - m_p.rho), "·",
                 show(V(g.array().square())), " = ", show(s.square_avg))});
    a.lines.push_back(Line{
        "d = sqrt(u + eps) / sqrt(v + eps) · g",
        cat("d = ", show(rms_update), " / ", show(rms_grad), " · ", show(g), " = ", show(delta))});
    a.lines.push_back(Line{"u <- rho·u + (1-rho)·d²",
                           cat("u = ", show(m_p.rho), "·", show(acc_prev), " + ", show(1 - m_p.rho),
                               "·", show(V(delta.array().square())), " = ", show(s.acc_delta))});
    a.lines.push_back(Line{
        "p <- p - lr·d", cat("p = ", show(p), " - ", show(lr), "·", show(delta), " = ", show(q))});
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n) : square_avg(V::Zero(n)), acc_delta(V::Zero(n)) {}
    V square_avg, acc_delta;
  };
  AdadeltaParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo adadelta_optimizer() {
  ParamSpec lr = keys::lr(1.0);
  lr.help = "scales the step, which already has the units of the parameters (1 = as derived)";
  return {
      {"adadelta",
       "Scales each step by the ratio of recent step sizes to recent gradient sizes",
       {lr,
        {.key = "rho",
         .default_value = 0.9,
         .min = 0,
         .max = 1,
         .ui_min = 0,
         .ui_max = 0.9999,
         .help = "smoothing of the running averages of squared gradients and steps"},
        keys::eps(1e-6),
        keys::weight_decay(0)},
       [](const ParamValues& v) {
         return makers<Adadelta>(AdadeltaParams{v.at("rho"), v.at("eps"), v.at("weight_decay")});
       }},
      "torch.optim.Adadelta; Zeiler 2012"};
}

}  // namespace descent
