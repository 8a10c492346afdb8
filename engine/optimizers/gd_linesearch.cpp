// Gradient descent with Armijo backtracking line search, per step:
//   d <- -g;  alpha <- lr
//   while f(p + alpha·d) > f(p) + c1·alpha·(g·d):  alpha <- shrink·alpha
//   p <- p + alpha·d
// Each trial evaluates the loss (and its gradient, which the run then takes at the new point).
// Armijo 1966; Nocedal and Wright, Numerical Optimization (2006), algorithm 3.1.
#include "../evaluating_rule.hpp"
#include "all.hpp"
#include "line_search.hpp"

namespace descent {
namespace {

template <class V>
class GdLineSearch final : public EvaluatingRule<V> {
 public:
  explicit GdLineSearch(LineSearchSettings s) : m_s(s) {}

  void update(V& p, const V& g, double lr) override {
    m_f0 = this->value_here(p);
    if (g.squaredNorm() == 0) {  // a critical point: no direction to search along
      m_last = {};
      this->stall();
      return;
    }
    m_last = backtrack<V>([&](double alpha) { return this->value_gradient(V(p - alpha * g)); },
                          m_f0, -g.squaredNorm(), lr, m_s);
    if (!m_last.accepted) {  // no step length lowered the loss: p stays, and the run ends
      this->stall();
      return;
    }
    p -= m_last.alpha * g;
    this->arrived(p, m_last.at);
  }
  void reset() override {
    m_last = {};
    this->restart();
  }

  StepAnatomy<V> explain(const V& p, const V& g, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, g, lr);
    const auto& r = after.m_last;
    StepAnatomy<V> a;
    a.evaluations = after.evaluations() - this->evaluations();
    a.parts.push_back({"line search", V(q - p),
                       "-alpha·g: down the gradient, as far as the line search accepted"});
    a.lines.push_back({"d <- -g", cat("|g| = ", show(g.norm()))});
    a.lines.push_back(
        {"alpha <- lr, shrink·alpha, ... until f(p + alpha·d) <= f(p) + c1·alpha·(g·d)",
         r.accepted ? cat("alpha = ", show(r.alpha), " after ", r.trials,
                          r.trials == 1 ? " trial" : " trials", ": f = ", show(r.at.value),
                          " <= ", show(after.m_f0 - m_s.c1 * r.alpha * g.squaredNorm()))
                    : cat("no step length in ", r.trials, " trials lowered f: p stays")});
    a.lines.push_back({"p <- p + alpha·d", cat("p = ", show(q))});
    return a;
  }

 private:
  LineSearchSettings m_s;
  LineSearchResult<V> m_last;
  double m_f0 = 0;
};

}  // namespace

OptimizerInfo gd_linesearch_optimizer() {
  return {{"gd_linesearch",
           "Gradient descent that picks each step's length: it halves a trial step until the "
           "loss falls enough (Armijo)",
           {first_trial_key("the first trial step length along -g, halved until it is accepted"),
            armijo_key(),
            {.key = "shrink",
             .default_value = 0.5,
             .min = 0,
             .max = 1,
             .min_open = true,
             .max_open = true,
             .ui_min = 0.1,
             .ui_max = 0.9,
             .help = "the factor a rejected trial step is multiplied by"}},
           [](const ParamValues& v) { return makers<GdLineSearch>(line_search_settings(v)); }},
          "Armijo 1966; Nocedal and Wright 2006, algorithm 3.1"};
}

}  // namespace descent
