// L-BFGS, per step, with the last m pairs s_i = p_{i+1} - p_i, y_i = g_{i+1} - g_i:
//   d <- -H·g by the two-loop recursion, H0 = (s·y / y·y) of the newest pair
//        (d <- -g with no pairs yet, or when -H·g is not downhill: the pairs are dropped)
//   alpha: strong Wolfe line search along d from lr (the first step from lr·min(1, 1/|g|))
//   p <- p + alpha·d;  keep (s, y) when s·y > 0, dropping the oldest past m
// Nocedal 1980; Liu and Nocedal 1989; Nocedal and Wright 2006, algorithms 7.4 and 7.5.
#include <algorithm>
#include <cmath>
#include <deque>

#include "../evaluating_rule.hpp"
#include "all.hpp"
#include "line_search.hpp"

namespace descent {
namespace {

struct LbfgsParams {
  LineSearchSettings search;
  std::size_t history;
};

template <class V>
class Lbfgs final : public EvaluatingRule<V> {
 public:
  explicit Lbfgs(LbfgsParams p) : m_p(p) {}

  void update(V& p, const V& g, double lr) override {
    const double f0 = this->value_here(p);
    V d = m_pairs.empty() ? V(-g) : V(-two_loop(g));
    m_steepest = m_pairs.empty();
    if (!(g.dot(d) < 0)) {
      m_pairs.clear();
      d = -g;
      m_steepest = true;
    }
    m_d = d;
    if (!(g.dot(d) < 0)) {  // g = 0: a critical point, nothing to search along
      m_last = {};
      this->stall();
      return;
    }
    const double first = m_steepest ? lr * std::min(1.0, 1.0 / g.norm()) : lr;
    m_last = strong_wolfe<V>([&](double alpha) { return this->value_gradient(V(p + alpha * d)); },
                             [&](const BasicValueGradient<V>& e) { return e.gradient.dot(d); }, f0,
                             g.dot(d), first, m_p.search);
    if (m_last.alpha == 0) {          // nothing lowered the loss along d: start again from -g
      if (m_steepest) this->stall();  // not even along -g: the limit of precision
      m_pairs.clear();
      return;
    }
    V s = m_last.alpha * d, y = m_last.at.gradient - g;
    const double sy = s.dot(y);
    p += s;
    m_kept = sy > 1e-10 * s.norm() * y.norm() && std::isfinite(sy);
    if (m_kept) {
      m_pairs.push_back({std::move(s), std::move(y), 1 / sy});
      if (m_pairs.size() > m_p.history) m_pairs.pop_front();
    }
    this->arrived(p, m_last.at);
  }
  void reset() override {
    m_pairs.clear();
    this->restart();
  }

  StepAnatomy<V> explain(const V& p, const V& g, double lr) const override {
    const auto [after, q] = updated_copy(*this, p, g, lr);
    const double alpha = after.m_last.alpha;
    StepAnatomy<V> a;
    a.evaluations = after.evaluations() - this->evaluations();
    // -alpha·H·g = -alpha·gamma·g + the history's correction: the first is where the pairs'
    // scale alone would step, the second what their curvature adds.
    const double gamma = after.m_steepest ? 1 : scale();
    a.parts.push_back({"scaled gradient", V(-alpha * gamma * g),
                       "-alpha·H0·g: the gradient scaled by the newest pair's s·y/y·y"});
    if (!after.m_steepest)
      a.parts.push_back({"curvature", V(alpha * (after.m_d + gamma * g)),
                         "what the last pairs' curvature adds to -H0·g (two-loop recursion)"});
    a.lines.push_back({cat("d <- -H·g (", m_pairs.size(), " of m = ", m_p.history, " pairs)"),
                       after.m_steepest ? cat("no pairs: d = -g = ", show(after.m_d))
                                        : cat("H0 = ", show(gamma), ", d = ", show(after.m_d))});
    a.lines.push_back(
        {"alpha: strong Wolfe line search along d",
         alpha > 0 ? cat("alpha = ", show(alpha), " after ", after.m_last.trials,
                         after.m_last.trials == 1 ? " trial" : " trials",
                         after.m_last.accepted ? "" : " (best with sufficient decrease)")
                   : cat("no step lowered f in ", after.m_last.trials, " trials: p stays")});
    a.lines.push_back({"p <- p + alpha·d; keep s = alpha·d, y = g_new - g if s·y > 0",
                       cat("p = ", show(q), after.m_kept || alpha == 0 ? "" : "; pair dropped")});
    return a;
  }

 private:
  struct Pair {
    V s, y;
    double rho;  // 1/(s·y)
  };
  double scale() const {
    const Pair& newest = m_pairs.back();
    return newest.s.dot(newest.y) / newest.y.squaredNorm();
  }
  // H·g for the inverse Hessian approximation H the pairs define.
  V two_loop(const V& g) const {
    V q = g;
    std::vector<double> alphas(m_pairs.size());
    for (std::size_t i = m_pairs.size(); i-- > 0;) {
      alphas[i] = m_pairs[i].rho * m_pairs[i].s.dot(q);
      q -= alphas[i] * m_pairs[i].y;
    }
    V r = scale() * q;
    for (std::size_t i = 0; i < m_pairs.size(); ++i) {
      const double beta = m_pairs[i].rho * m_pairs[i].y.dot(r);
      r += (alphas[i] - beta) * m_pairs[i].s;
    }
    return r;
  }

  LbfgsParams m_p;
  std::deque<Pair> m_pairs;
  V m_d = V::Zero(V::RowsAtCompileTime == Eigen::Dynamic ? 0 : 2);  // the last direction
  bool m_steepest = true, m_kept = false;
  LineSearchResult<V> m_last;
};

}  // namespace

OptimizerInfo lbfgs_optimizer() {
  return {{"lbfgs",
           "Quasi-Newton: learns the curvature from its last m steps and gradients, and steps "
           "as Newton would with it",
           {first_trial_key("the trial step length along d (the first step: times 1/|g| when "
                            "|g| > 1); 1 is the quasi-Newton step"),
            {.key = "history",
             .default_value = 10,
             .min = 1,
             .max = 1000,
             .ui_min = 1,
             .ui_max = 50,
             .kind = ParamKind::integer,
             .help = "m: how many recent steps and gradient changes the curvature is learned "
                     "from"},
            armijo_key(),
            wolfe_key(0.9,
                      "curvature condition (strong Wolfe): the slope along d must shrink "
                      "to c2 times the first")},
           [](const ParamValues& v) {
             return makers<Lbfgs>(LbfgsParams{line_search_settings(v, "lbfgs"),
                                              static_cast<std::size_t>(v.at("history"))});
           }},
          "Nocedal 1980; Liu and Nocedal 1989; Nocedal and Wright 2006, algorithm 7.5"};
}

}  // namespace descent
