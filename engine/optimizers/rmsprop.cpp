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
