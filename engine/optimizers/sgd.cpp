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
