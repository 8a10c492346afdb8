#pragma once
// An update rule that evaluates the loss itself, beyond the gradient a run gives it: line
// searches try points, Newton's method takes the Hessian. Every evaluation is counted, so runs
// can be compared by what they cost (the runs table's and the CSV's `evals`), and the loss and
// gradient at the point a step ends on are handed to the run, which need not evaluate them again.
#include <optional>
#include <stdexcept>

#include "curvature.hpp"
#include "update_rule.hpp"

namespace descent {

template <class V>
class EvaluatingRule : public UpdateRule<V> {
 public:
  bool evaluates() const final { return true; }
  void evaluate_on(const Differentiable<V>* loss) override { m_loss = loss; }
  long long evaluations() const final { return m_count; }
  const BasicValueGradient<V>* known_at(const V& p) const final {
    return m_at && *m_at == p ? &m_known : nullptr;
  }
  void seen(const V& p, const BasicValueGradient<V>& e) final { arrived(p, e); }
  bool stalled() const final { return m_stalled; }

 protected:
  const Differentiable<V>& loss() const {
    if (!m_loss) throw std::logic_error("an evaluating rule stepped without its loss");
    return *m_loss;
  }
  double value(const V& p) {
    ++m_count;
    return loss().value(p);
  }
  BasicValueGradient<V> value_gradient(const V& p) {
    ++m_count;
    return loss().value_gradient(p);
  }
  // The loss at p, the point a step starts from: known when the last step ended there.
  double value_here(const V& p) {
    if (const auto* known = known_at(p)) return known->value;
    return value(p);
  }
  // The Hessian at p: the objective's own where a surface knows it (one evaluation), else
  // central differences of the gradient (2 per parameter).
  HessianOf<V> hessian(const V& p) {
    if constexpr (std::is_same_v<V, Vec2>)
      if (const auto* objective = dynamic_cast<const Objective*>(&loss()))
        if (auto h = objective->hessian(p)) {
          ++m_count;
          return *h;
        }
    m_count += 2 * p.size();
    return difference_hessian(loss(), p);
  }
  // The step ended at p, where the loss and gradient are e.
  void arrived(const V& p, const BasicValueGradient<V>& e) {
    m_at = p;
    m_known = e;
  }
  // No step length along steepest descent lowered the loss (see UpdateRule::stalled).
  void stall() { m_stalled = true; }
  // For reset(): the next update is a first step again (the count goes on).
  void restart() {
    m_at.reset();
    m_stalled = false;
  }

 private:
  const Differentiable<V>* m_loss = nullptr;
  long long m_count = 0;
  std::optional<V> m_at;
  BasicValueGradient<V> m_known{0, V::Zero(V::RowsAtCompileTime == Eigen::Dynamic ? 0 : 2)};
  bool m_stalled = false;
};

}  // namespace descent
