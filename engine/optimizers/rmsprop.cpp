// RMSprop (torch.optim.RMSprop, 1.13):
//   g <- g + wd·p;  v <- alpha·v + (1-alpha)·g²
//   centered: a <- alpha·a + (1-alpha)·g;  avg = sqrt(v - a²) + eps;  else avg = sqrt(v) + eps
//   momentum > 0: b <- momentum·b + g/avg, p <- p - lr·b;  else p <- p - lr·g/avg
// Hinton, Coursera lecture 6e (2012); centered form from Graves 2013.
#include "all.hpp"

namespace descent {
namespace {

struct RmsPropParams {
  double alpha, eps, weight_decay, momentum;
  bool centered;
};

template <class V>
class RmsProp final : public UpdateRule<V> {
 public:
  explicit RmsProp(RmsPropParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    V g = with_l2(grad, p, m_p.weight_decay);
    auto& s = m_state.at(p);
    s.square_avg.array() =
        m_p.alpha * s.square_avg.array() + (1 - m_p.alpha) * g.array() * g.array();
    V avg;
    if (m_p.centered) {
      s.grad_avg = m_p.alpha * s.grad_avg + (1 - m_p.alpha) * g;
      avg = (s.square_avg.array() - s.grad_avg.array() * s.grad_avg.array()).sqrt();
    } else {
      avg = s.square_avg.array().sqrt();
    }
    avg.array() += m_p.eps;
    if (m_p.momentum > 0) {
      s.buf.array() = m_p.momentum * s.buf.array() + g.array() / avg.array();
      p -= lr * s.buf;
    } else {
      p.array() -= lr * (g.array() / avg.array());
    }
  }
  void reset() override { m_state.reset(); }

  // The step is -lr·((g + wd·p)/avg + momentum·b) with avg from this step's averages and b the
  // buffer before the step: a gradient and a weight decay part scaled per coordinate by lr/avg,
  // and the buffer's part.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const State& s = *after.m_state.get();
    const State* before = m_state.get();
    const V zero = V::Zero(p.size());
    const V& square_prev = before ? before->square_avg : zero;
    const V& grad_avg_prev = before ? before->grad_avg : zero;
    const V& buf_prev = before ? before->buf : zero;
    const V g = with_l2(grad, p, m_p.weight_decay);
    const V avg = m_p.centered
                      ? V((s.square_avg.array() - s.grad_avg.array().square()).sqrt() + m_p.eps)
                      : V(s.square_avg.array().sqrt() + m_p.eps);
    const bool heavy = m_p.momentum > 0;
    StepAnatomy<V> a;
    a.scale = V(lr / avg.array());
    a.parts.push_back({"gradient", V(-(a.scale->array() * grad.array()).matrix()),
                       m_p.centered
                           ? "-g, scaled per coordinate by lr/(sqrt(v - a²) + eps): divided by the "
                             "running standard deviation of the gradient"
                           : "-g, scaled per coordinate by lr/(sqrt(v) + eps): divided by the "
                             "running RMS of the gradient"});
    if (m_p.weight_decay != 0) a.parts.push_back(scaled_l2_part(*a.scale, p, m_p.weight_decay));
    if (heavy && before)
      a.parts.push_back({"momentum", V(-lr * m_p.momentum * buf_prev),
                         "-lr·momentum·b: the earlier normalised steps, kept by momentum"});
    using Line = typename StepAnatomy<V>::Line;
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    a.lines.push_back(
        Line{"v <- alpha·v + (1-alpha)·g²",
             cat("v = ", show(m_p.alpha), "·", show(square_prev), " + ", show(1 - m_p.alpha), "·",
                 show(V(g.array().square())), " = ", show(s.square_avg))});
    if (m_p.centered) {
      a.lines.push_back(Line{"a <- alpha·a + (1-alpha)·g",
                             cat("a = ", show(m_p.alpha), "·", show(grad_avg_prev), " + ",
                                 show(1 - m_p.alpha), "·", show(g), " = ", show(s.grad_avg))});
      a.lines.push_back(Line{"avg = sqrt(v - a²) + eps", cat("avg = ", show(avg))});
    } else {
      a.lines.push_back(Line{"avg = sqrt(v) + eps", cat("avg = ", show(avg))});
    }
    if (heavy) {
      a.lines.push_back(Line{"b <- momentum·b + g/avg",
                             cat("b = ", show(m_p.momentum), "·", show(buf_prev), " + ",
                                 show(V(g.array() / avg.array())), " = ", show(s.buf))});
      a.lines.push_back(Line{"p <- p - lr·b", cat("p = ", show(p), " - ", show(lr), "·",
                                                  show(s.buf), " = ", show(q))});
    } else {
      a.lines.push_back(Line{"p <- p - lr·g/avg", cat("p = ", show(p), " - ", show(lr), "·",
                                                      show(g), " / ", show(avg), " = ", show(q))});
    }
    return a;
  }

 private:
  struct State {
    explicit State(Eigen::Index n)
        : square_avg(V::Zero(n)), grad_avg(V::Zero(n)), buf(V::Zero(n)) {}
    V square_avg, grad_avg, buf;
  };
  RmsPropParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo rmsprop_optimizer() {
  return {{"rmsprop",
           "Divides each coordinate's step by a running RMS of its recent gradients",
           {keys::lr(1e-2),
            {.key = "alpha",
             .default_value = 0.99,
             .min = 0,
             .ui_min = 0,
             .ui_max = 0.9999,
             .help = "smoothing of the running average of squared gradients"},
            keys::eps(1e-8),
            keys::weight_decay(0),
            {.key = "momentum",
             .default_value = 0,
             .min = 0,
             .ui_min = 0,
             .ui_max = 0.999,
             .help = "momentum applied to the normalised step"},
            keys::flag("centered", "normalise by the gradient's variance instead of its raw RMS")},
           [](const ParamValues& v) {
             return makers<RmsProp>(RmsPropParams{v.at("alpha"), v.at("eps"), v.at("weight_decay"),
                                                  v.at("momentum"), v.at("centered") != 0});
           }},
          "torch.optim.RMSprop; Hinton 2012; Graves 2013 (centered)"};
}

}  // namespace descent
