// Nonlinear conjugate gradient, Polak-Ribière+ with restarts, per step:
//   beta <- max(0, g·(g - g_prev) / |g_prev|²), 0 on the first step and every `restart` steps
//   d <- -g + beta·d_prev;  d <- -g where that is not downhill (g·d >= 0)
//   alpha: strong Wolfe line search along d from alpha_prev·(g_prev·d_prev)/(g·d)
//          (the first step from lr·min(1, 1/|d|))
//   p <- p + alpha·d
// On a quadratic with exact line searches it ends in at most n steps. Polak and Ribière 1969;
// Powell 1986 (the max with 0); Nocedal and Wright 2006, chapter 5.2.
#include <algorithm>
#include <cmath>
#include <optional>

#include "../evaluating_rule.hpp"
#include "all.hpp"
#include "line_search.hpp"

namespace descent {
namespace {

struct CgParams {
  LineSearchSettings search;
  double restart;  // steps between restarts; 0: the number of parameters
};

template <class V>
class ConjugateGradient final : public EvaluatingRule<V> {
 public:
  explicit ConjugateGradient(CgParams p) : m_p(p) {}

  void update(V& p, const V& g, double lr) override {
    const double f0 = this->value_here(p);
    const auto every =
        static_cast<long long>(m_p.restart > 0 ? m_p.restart : static_cast<double>(p.size()));
    m_beta = 0;
    m_restarted = !m_previous || m_since_restart >= every;
    if (!m_restarted) {
      const State& s = *m_previous;
      m_beta = std::max(0.0, g.dot(g - s.g) / s.g.squaredNorm());
      if (!std::isfinite(m_beta)) m_beta = 0;
    }
    V d = -g;
    if (m_beta != 0) d += m_beta * m_previous->d;
    if (!(g.dot(d) < 0)) {  // not downhill: start again from steepest descent
      d = -g;
      m_beta = 0;
      m_restarted = true;
    }
    const double slope = g.dot(d);
    m_d = d;
    if (!(slope < 0)) {  // g = 0: a critical point, nothing to search along
      m_last = {};
      this->stall();
      return;
    }
    // From the last step's length scaled by the ratio of slopes (Nocedal and Wright 3.60), where
    // that is a positive number; else lr, shortened where d is long.
    const double scaled =
        m_previous && m_previous->alpha > 0 ? m_previous->alpha * m_previous->slope / slope : 0;
    const double first =
        scaled > 0 && std::isfinite(scaled) ? scaled : lr * std::min(1.0, 1.0 / d.norm());
    m_last = strong_wolfe<V>([&](double alpha) { return this->value_gradient(V(p + alpha * d)); },
                             [&](const BasicValueGradient<V>& e) { return e.gradient.dot(d); }, f0,
                             slope, first, m_p.search);
    m_since_restart = m_restarted ? 1 : m_since_restart + 1;
    if (m_last.alpha == 0) {           // nothing lowered the loss along d: restart next step
      if (m_restarted) this->stall();  // not even along -g: the limit of precision
      m_previous.reset();
      return;
    }
    m_previous = State{g, d, m_last.alpha, slope};
    p += m_last.alpha * d;
    this->arrived(p, m_last.at);
  }
  void reset() override {
    m_previous.reset();
    m_since_restart = 0;
    this->restart();
  }

  StepAnatomy<V> explain(const V& p, const V& g, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, g, lr);
    const double alpha = after.m_last.alpha;
    StepAnatomy<V> a;
    a.evaluations = after.evaluations() - this->evaluations();
    a.parts.push_back({"gradient", V(-alpha * g), "-alpha·g: steepest descent"});
    if (after.m_beta != 0)
      a.parts.push_back({"conjugate", V(alpha * after.m_beta * m_previous->d),
                         "alpha·beta·d_prev: keeps the step conjugate to the previous ones"});
    a.lines.push_back({"beta <- max(0, g·(g - g_prev)/|g_prev|²)",
                       after.m_restarted ? cat("beta = 0: restart (steepest descent)")
                                         : cat("beta = ", show(after.m_beta))});
    a.lines.push_back({"d <- -g + beta·d_prev", cat("d = ", show(after.m_d))});
    a.lines.push_back(
        {"alpha: strong Wolfe line search along d",
         alpha > 0 ? cat("alpha = ", show(alpha), " after ", after.m_last.trials,
                         after.m_last.trials == 1 ? " trial" : " trials",
                         after.m_last.accepted ? "" : " (best with sufficient decrease)")
                   : cat("no step lowered f in ", after.m_last.trials, " trials: p stays")});
    a.lines.push_back({"p <- p + alpha·d", cat("p = ", show(q))});
    return a;
  }

 private:
  struct State {
    V g, d;
    double alpha, slope;
  };
  CgParams m_p;
  std::optional<State> m_previous;  // the last step's gradient, direction, length and slope
  long long m_since_restart = 0;
  double m_beta = 0;
  bool m_restarted = true;
  V m_d = V::Zero(V::RowsAtCompileTime == Eigen::Dynamic ? 0 : 2);  // the last direction
  LineSearchResult<V> m_last;
};

}  // namespace

OptimizerInfo cg_optimizer() {
  return {
      {"cg",
       "Conjugate gradient (Polak-Ribière+): each step mixes the gradient with the last "
       "direction, so it does not undo earlier progress",
       {first_trial_key("the first step's trial length (times 1/|d| when |d| > 1); later "
                        "steps start from the last step's"),
        armijo_key(),
        wolfe_key(0.1,
                  "curvature condition (strong Wolfe): the slope along d must shrink "
                  "to c2 times the first; small for conjugate gradient"),
        {.key = "restart",
         .default_value = 0,
         .min = 0,
         .max = 1e9,
         .ui_min = 0,
         .ui_max = 50,
         .kind = ParamKind::integer,
         .help = "restart from steepest descent every this many steps (0: the number of "
                 "parameters)"}},
       [](const ParamValues& v) {
         return makers<ConjugateGradient>(CgParams{line_search_settings(v, "cg"), v.at("restart")});
       }},
      "Polak and Ribière 1969; Powell 1986; Nocedal and Wright 2006, chapter 5.2"};
}

}  // namespace descent
