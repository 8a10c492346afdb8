// Lion (Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms"; not in torch 1.13):
//   p <- p·(1 - lr·wd);  p <- p - lr·sign(beta1·m + (1-beta1)·g);  m <- beta2·m + (1-beta2)·g
// m starts at 0 and sign(0) = 0. Every coordinate moves by exactly lr (or not at all).
#include "all.hpp"

namespace descent {
namespace {

class Lion final : public UpdateRule {
 public:
  struct Params {
    double beta1, beta2, weight_decay;
  };
  explicit Lion(Params p) : m_p(p) {}

  void update(Vec2& p, const Vec2& g, double lr) override {
    p *= 1 - lr * m_p.weight_decay;
    Vec2 blend = m_p.beta1 * m_m + (1 - m_p.beta1) * g;
    Vec2 sign = blend.unaryExpr([](double b) { return b > 0 ? 1.0 : (b < 0 ? -1.0 : 0.0); });
    p -= lr * sign;
    m_m = m_p.beta2 * m_m + (1 - m_p.beta2) * g;
  }
  void reset() override { m_m.setZero(); }

 private:
  Params m_p;
  Vec2 m_m = Vec2::Zero();
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
       [](const ParamValues& v) -> std::unique_ptr<UpdateRule> {
         return std::make_unique<Lion>(
             Lion::Params{v.at("beta1"), v.at("beta2"), v.at("weight_decay")});
       }},
      "Chen et al. 2023 (lion-pytorch semantics)"};
}

}  // namespace descent
