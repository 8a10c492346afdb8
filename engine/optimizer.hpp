#pragma once
// An optimizer as a run uses it: update rule + learning-rate schedule + gradient clipping, over
// parameters V (Vec2, or VecX for a network). Optimizer is the two-parameter one.
#include <cstdint>
#include <memory>

#include "clip.hpp"
#include "optimizer_spec.hpp"
#include "schedule.hpp"
#include "update_rule.hpp"

namespace descent {

template <class V>
class BasicOptimizer {
 public:
  // Validates the spec against the registries; throws std::invalid_argument naming the culprit.
  explicit BasicOptimizer(const OptimizerSpec& spec);

  // One PyTorch step: clip g, update p with the scheduled lr, then advance the schedule.
  void step(V& p, V g) {
    m_clip.apply(g);
    step_clipped(p, g);
  }
  // The step after the caller clipped g with clip(): many runs stepped as one vector (lanes.hpp)
  // clip each run's own part.
  void step_clipped(V& p, const V& g) {
    m_rule->update(p, g, lr());
    ++m_t;
  }
  const Clip& clip() const { return m_clip; }
  // Whether the rule evaluates the loss itself (evaluating_rule.hpp): then a run gives it the
  // loss before the first step, and counts its evaluations.
  bool evaluates() const { return m_rule->evaluates(); }
  void evaluate_on(const Differentiable<V>* loss) { m_rule->evaluate_on(loss); }
  long long evaluations() const { return m_rule->evaluations(); }
  const BasicValueGradient<V>* known_at(const V& p) const { return m_rule->known_at(p); }
  void seen(const V& p, const BasicValueGradient<V>& e) { m_rule->seen(p, e); }
  bool stalled() const { return m_rule->stalled(); }
  // What step(p, g) would do now, without doing it: the rule's parts and formula, with the
  // clipping and the schedule of this step, and -lr·g to compare with.
  StepAnatomy<V> explain(const V& p, const V& g) const;
  // Forgets all state: the next step is a first step again.
  void reset() {
    m_rule->reset();
    m_t = 0;
  }

  // The learning rate the next step uses.
  double lr() const { return m_schedule.constant() ? m_base_lr : m_schedule.lr(m_base_lr, m_t); }
  std::int64_t steps_taken() const { return m_t; }
  const OptimizerSpec& spec() const { return m_spec; }
  // Every key of the optimizer with its value (defaults filled in).
  const ParamValues& params() const { return m_params; }

 private:
  OptimizerSpec m_spec;
  ParamValues m_params;
  RulePtr<V> m_rule;
  Schedule m_schedule;
  Clip m_clip;
  double m_base_lr = 0;
  std::int64_t m_t = 0;
};

extern template class BasicOptimizer<Vec2>;
extern template class BasicOptimizer<VecX>;

using Optimizer = BasicOptimizer<Vec2>;

}  // namespace descent
