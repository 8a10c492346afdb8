// Adamax (torch.optim.Adamax, 1.13), per step t from 1:
//   g <- g + wd·p;  m <- beta1·m + (1-beta1)·g;  u <- max(beta2·u, |g| + eps)
//   p <- p - lr/(1-beta1^t) · m/u
// Kingma and Ba 2015, section 7 (Adam with the infinity norm).
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct AdamaxParams {
  double beta1, beta2, eps, weight_decay;
};

template <class V>
class Adamax final : public UpdateRule<V> {
 public:
  explicit Adamax(AdamaxParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    ++s.t;
    V g = with_l2(grad, p, m_p.weight_decay);
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.u = (m_p.beta2 * s.u).cwiseMax((g.array().abs() + m_p.eps).matrix());
    double clr = lr / (1 - std::pow(m_p.beta1, static_cast<double>(s.t)));
    p.array() -= clr * (s.m.array() / s.u.array());
  }
  void reset() override { m_state.reset(); }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)), u(V::Zero(n)) {}
    long long t = 0;
    V m, u;
  };
  AdamaxParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo adamax_optimizer() {
  return {{"adamax",
           "Adam with the running maximum of |gradient| in place of the RMS",
           {keys::lr(2e-3),
            keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
            keys::beta("beta2", 0.999, "decay of the running maximum of |gradient|"),
            keys::eps(1e-8), keys::weight_decay(0)},
           [](const ParamValues& v) {
             return makers<Adamax>(
                 AdamaxParams{v.at("beta1"), v.at("beta2"), v.at("eps"), v.at("weight_decay")});
           }},
          "torch.optim.Adamax; Kingma and Ba 2015"};
}

}  // namespace descent
