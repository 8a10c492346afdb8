// SGD with momentum, dampening, Nesterov momentum and L2 weight decay (torch.optim.SGD, 1.13):
//   g <- g + wd·p
//   b <- g on the first step, else momentum·b + (1 - dampening)·g
//   d <- g + momentum·b (Nesterov) or b (heavy ball);  with momentum 0, d <- g
//   p <- p - lr·d
// Polyak 1964 (heavy ball); Sutskever et al. 2013 (Nesterov form used by PyTorch).
#include <stdexcept>

#include "all.hpp"

namespace descent {
namespace {

struct SgdParams {
  double momentum, dampening, weight_decay;
  bool nesterov;
};

template <class V>
class Sgd final : public UpdateRule<V> {
 public:
  explicit Sgd(SgdParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    V d = with_l2(grad, p, m_p.weight_decay);
    if (m_p.momentum != 0) {
      if (!m_buf) {
        m_buf = d;
      } else {
        *m_buf = m_p.momentum * *m_buf + (1 - m_p.dampening) * d;
      }
      d = m_p.nesterov ? V(d + m_p.momentum * *m_buf) : *m_buf;
    }
    p -= lr * d;
  }
  void reset() override { m_buf.reset(); }

  // The step is -lr·(c_g·(g + wd·p) + c_b·b) with b the buffer before the step: c_g and c_b
  // follow from the momentum rule.
  StepAnatomy<V> explain(const V& p, const V& grad, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, grad, lr);
    const double mu = m_p.momentum, keep = 1 - m_p.dampening;
    const bool first = !m_buf, heavy = mu != 0;
    double c_g = 1, c_b = 0;
    if (heavy) {
      c_g = first ? 1 : keep;
      c_b = first ? 0 : mu;
      if (m_p.nesterov) {  // d + mu·(mu·b + keep·d)
        c_g = 1 + mu * c_g;
        c_b = mu * c_b;
      }
    }
    StepAnatomy<V> a;
    a.parts.push_back({"gradient", V(-lr * c_g * grad), "-lr·g: down the gradient"});
    if (m_p.weight_decay != 0)
      a.parts.push_back({"weight decay", V(-lr * c_g * m_p.weight_decay * p),
                         "-lr·wd·p: pulls the parameters toward 0"});
    if (heavy && !first)
      a.parts.push_back(
          {"momentum", V(-lr * c_b * *m_buf), "the previous steps' direction, kept by momentum"});
    const V d = with_l2(grad, p, m_p.weight_decay);
    if (m_p.weight_decay != 0) a.lines.push_back(l2_line(grad, p, m_p.weight_decay));
    if (heavy) {
      if (first)
        a.lines.push_back({"b <- g (first step)", cat("b = ", show(*after.m_buf))});
      else
        a.lines.push_back({"b <- momentum·b + (1 - dampening)·g",
                           cat("b = ", show(mu), "·", show(*m_buf), " + ", show(keep), "·", show(d),
                               " = ", show(*after.m_buf))});
      a.lines.push_back(m_p.nesterov
                            ? typename StepAnatomy<V>::Line{"d <- g + momentum·b",
                                                            cat("d = ", show(d), " + ", show(mu),
                                                                "·", show(*after.m_buf))}
                            : typename StepAnatomy<V>::Line{"d <- b", ""});
    }
    // d as the update used it: g (with decay), the buffer, or Nesterov's look-ahead.
    const V used = !heavy ? d : m_p.nesterov ? V(d + mu * *after.m_buf) : *after.m_buf;
    if (!heavy && m_p.weight_decay == 0) a.lines.push_back({"d <- g", cat("d = g = ", show(used))});
    a.lines.push_back(
        {"p <- p - lr·d", cat("p = ", show(p), " - ", show(lr), "·", show(used), " = ", show(q))});
    return a;
  }

 private:
  SgdParams m_p;
  std::optional<V> m_buf;  // the momentum buffer, from the first step on
};

}  // namespace

OptimizerInfo sgd_optimizer() {
  return {
      {"sgd",
       "Steps straight down the gradient; momentum lets it build up speed along steady slopes",
       {keys::lr(1e-3),
        {.key = "momentum",
         .default_value = 0,
         .min = 0,
         .ui_min = 0,
         .ui_max = 0.999,
         .help = "fraction of the previous step kept in the next (0: plain gradient descent)"},
        {.key = "dampening",
         .default_value = 0,
         .ui_min = 0,
         .ui_max = 1,
         .help = "scales down the new gradient added to the momentum buffer"},
        keys::flag("nesterov", "look-ahead momentum: uses the gradient plus momentum·buffer"),
        keys::weight_decay(0)},
       [](const ParamValues& v) {
         SgdParams p{v.at("momentum"), v.at("dampening"), v.at("weight_decay"),
                     v.at("nesterov") != 0};
         if (p.nesterov && (p.momentum <= 0 || p.dampening != 0))
           throw std::invalid_argument("sgd: nesterov=1 requires momentum > 0 and dampening = 0");
         return makers<Sgd>(p);
       }},
      "torch.optim.SGD; Polyak 1964; Sutskever et al. 2013"};
}

}  // namespace descent
