// RAdam (torch.optim.RAdam, 1.13), per step t from 1:
//   g <- g + wd·p;  m, v as in Adam;  m_hat = m/(1-beta1^t)
//   rho_inf = 2/(1-beta2) - 1;  rho_t = rho_inf - 2t·beta2^t/(1-beta2^t)
//   rho_t > 5: r = sqrt((rho_t-4)(rho_t-2)rho_inf / ((rho_inf-4)(rho_inf-2)rho_t))
//              p <- p - m_hat·lr·sqrt(1-beta2^t)/(sqrt(v) + eps)·r   (eps outside the root,
//              as in PyTorch's code; its pseudo-code puts it inside)
//   otherwise  p <- p - lr·m_hat   (the variance estimate is not yet trustworthy)
// Liu et al. 2020.
#include <cmath>

#include "all.hpp"

namespace descent {
namespace {

struct RadamParams {
  double beta1, beta2, eps, weight_decay;
};

template <class V>
class Radam final : public UpdateRule<V> {
 public:
  explicit Radam(RadamParams p) : m_p(p) {}

  void update(V& p, const V& grad, double lr) override {
    auto& s = m_state.at(p);
    ++s.t;
    double t = static_cast<double>(s.t);
    V g = with_l2(grad, p, m_p.weight_decay);
    s.m = m_p.beta1 * s.m + (1 - m_p.beta1) * g;
    s.v.array() = m_p.beta2 * s.v.array() + (1 - m_p.beta2) * g.array() * g.array();
    double bias_correction1 = 1 - std::pow(m_p.beta1, t);
    double beta2_t = std::pow(m_p.beta2, t);
    double bias_correction2 = 1 - beta2_t;
    V m_hat = s.m / bias_correction1;
    double rho_inf = 2 / (1 - m_p.beta2) - 1;
    double rho_t = rho_inf - 2 * t * beta2_t / bias_correction2;
    if (rho_t > 5) {
      double rect =
          std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t));
      V adaptive_lr = std::sqrt(bias_correction2) / (s.v.array().sqrt() + m_p.eps);
      p.array() -= ((m_hat.array() * lr) * adaptive_lr.array()) * rect;
    } else {
      p -= m_hat * lr;
    }
  }
  void reset() override { m_state.reset(); }

 private:
  struct State {
    explicit State(Eigen::Index n) : m(V::Zero(n)), v(V::Zero(n)) {}
    long long t = 0;
    V m, v;
  };
  RadamParams m_p;
  LazyState<State> m_state;
};

}  // namespace

OptimizerInfo radam_optimizer() {
  return {{"radam",
           "Adam that starts with plain momentum steps until its variance estimate can be trusted",
           {keys::lr(1e-3),
            keys::beta("beta1", 0.9, "decay of the running mean of gradients (momentum)"),
            keys::beta("beta2", 0.999, "decay of the running mean of squared gradients"),
            keys::eps(1e-8), keys::weight_decay(0)},
           [](const ParamValues& v) {
             return makers<Radam>(
                 RadamParams{v.at("beta1"), v.at("beta2"), v.at("eps"), v.at("weight_decay")});
           }},
          "torch.optim.RAdam; Liu et al. 2020"};
}

}  // namespace descent
