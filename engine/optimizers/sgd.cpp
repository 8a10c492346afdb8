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

class Sgd final : public UpdateRule {
 public:
  struct Params {
    double momentum, dampening, weight_decay;
    bool nesterov;
  };
  explicit Sgd(Params p) : m_p(p) {}

  void update(Vec2& p, const Vec2& grad, double lr) override {
    Vec2 d = with_l2(grad, p, m_p.weight_decay);
    if (m_p.momentum != 0) {
      if (m_state.first) {
        m_state.buf = d;
        m_state.first = false;
      } else {
        m_state.buf = m_p.momentum * m_state.buf + (1 - m_p.dampening) * d;
      }
      d = m_p.nesterov ? Vec2(d + m_p.momentum * m_state.buf) : m_state.buf;
    }
    p -= lr * d;
  }
  void reset() override { m_state = {}; }

 private:
  struct State {
    Vec2 buf = Vec2::Zero();
    bool first = true;
  };
  Params m_p;
  State m_state;
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
       [](const ParamValues& v) -> std::unique_ptr<UpdateRule> {
         Sgd::Params p{v.at("momentum"), v.at("dampening"), v.at("weight_decay"),
                       v.at("nesterov") != 0};
         if (p.nesterov && (p.momentum <= 0 || p.dampening != 0))
           throw std::invalid_argument("sgd: nesterov=1 requires momentum > 0 and dampening = 0");
         return std::make_unique<Sgd>(p);
       }},
      "torch.optim.SGD; Polyak 1964; Sutskever et al. 2013"};
}

}  // namespace descent
