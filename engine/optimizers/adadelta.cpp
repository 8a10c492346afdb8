// Adadelta (torch.optim.Adadelta, 1.13):
//   g <- g + wd·p;  v <- rho·v + (1-rho)·g²
//   d = sqrt(u + eps) / sqrt(v + eps) · g;  u <- rho·u + (1-rho)·d²;  p <- p - lr·d
// Zeiler 2012. The step has the units of p, so lr = 1 is the natural default.
#include "all.hpp"

namespace descent {
namespace {

class Adadelta final : public UpdateRule {
 public:
  struct Params {
    double rho, eps, weight_decay;
  };
  explicit Adadelta(Params p) : m_p(p) {}

  void update(Vec2& p, const Vec2& grad, double lr) override {
    Vec2 g = with_l2(grad, p, m_p.weight_decay);
    auto& s = m_state;
    s.square_avg.array() = m_p.rho * s.square_avg.array() + (1 - m_p.rho) * g.array() * g.array();
    Vec2 std = (s.square_avg.array() + m_p.eps).sqrt();
    Vec2 delta = ((s.acc_delta.array() + m_p.eps).sqrt() / std.array()) * g.array();
    s.acc_delta.array() =
        m_p.rho * s.acc_delta.array() + (1 - m_p.rho) * delta.array() * delta.array();
    p -= lr * delta;
  }
  void reset() override { m_state = {}; }

 private:
  struct State {
    Vec2 square_avg = Vec2::Zero(), acc_delta = Vec2::Zero();
  };
  Params m_p;
  State m_state;
};

}  // namespace

OptimizerInfo adadelta_optimizer() {
  ParamSpec lr = keys::lr(1.0);
  lr.help = "scales the step, which already has the units of the parameters (1 = as derived)";
  return {{"adadelta",
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
           [](const ParamValues& v) -> std::unique_ptr<UpdateRule> {
             return std::make_unique<Adadelta>(
                 Adadelta::Params{v.at("rho"), v.at("eps"), v.at("weight_decay")});
           }},
          "torch.optim.Adadelta; Zeiler 2012"};
}

}  // namespace descent
