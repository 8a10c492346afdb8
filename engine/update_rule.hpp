#pragma once
// The per-algorithm part of an optimizer step, and the registry entry describing one.
//
// Every rule is one class template over the parameter vector V: Vec2 (a surface, fixed-size and
// as fast as a hand-written loop) or VecX (a network's weights). Its state vectors are sized to
// the parameters on the first update.
#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "anatomy.hpp"
#include "objective.hpp"
#include "registry.hpp"
#include "types.hpp"

namespace descent {

// A small stateful update rule. It owns its state (moments, step count) and never loops:
// stopping, clipping, schedules and recording belong to Optimizer and Run.
template <class V>
class UpdateRule {
 public:
  virtual ~UpdateRule() = default;
  // Moves p one step given the (clipped) gradient g and the current, scheduled learning rate.
  virtual void update(V& p, const V& g, double lr) = 0;
  // Forgets all state: the next update is a first step again.
  virtual void reset() = 0;
  // What update(p, g, lr) would do now, without doing it: parts that add up to its step, and
  // its formula with the numbers of this step.
  virtual StepAnatomy<V> explain(const V& p, const V& g, double lr) const = 0;

  // Rules that evaluate the loss themselves (EvaluatingRule: line searches, Newton's Hessian)
  // are given it before their first update; the others never look.
  virtual bool evaluates() const { return false; }
  virtual void evaluate_on(const Differentiable<V>* /*loss*/) {}
  // The evaluations they made so far, and the loss and gradient at the point they last moved
  // p to, which a run need not evaluate again (null when they do not know it).
  virtual long long evaluations() const { return 0; }
  virtual const BasicValueGradient<V>* known_at(const V& /*p*/) const { return nullptr; }
  // The run's own evaluation at p, the point the next update starts from.
  virtual void seen(const V& /*p*/, const BasicValueGradient<V>& /*e*/) {}
  // True once no step length along -g lowers the loss: a minimum to the limit of precision
  // (the run then ends, converged, rather than search again every step).
  virtual bool stalled() const { return false; }
};

// The rule's state after update(p, g, lr) and the point it moves p to, without touching the
// rule: what explain() takes apart.
template <class Rule, class V>
std::pair<Rule, V> updated_copy(const Rule& rule, const V& p, const V& g, double lr) {
  std::pair<Rule, V> after{rule, p};
  after.first.update(after.second, g, lr);
  return after;
}

template <class V>
using RulePtr = std::unique_ptr<UpdateRule<V>>;

// Builds an entry's rule for either parameter type, from its resolved keys.
struct RuleMakers {
  std::function<RulePtr<Vec2>()> two;
  std::function<RulePtr<VecX>()> many;

  template <class V>
  RulePtr<V> make() const {
    if constexpr (std::is_same_v<V, Vec2>)
      return two();
    else
      return many();
  }
};

// The makers of Rule<Vec2> and Rule<VecX>, both built from `params`.
template <template <class> class Rule, class Params>
RuleMakers makers(const Params& params) {
  return {[params] { return std::make_unique<Rule<Vec2>>(params); },
          [params] { return std::make_unique<Rule<VecX>>(params); }};
}

// A rule's state, made on the first update from the parameters it will move, forgotten on reset.
template <class State>
class LazyState {
 public:
  template <class V, class... Args>
  State& at(const V& p, Args&&... args) {
    if (!m_state) m_state.emplace(p.size(), std::forward<Args>(args)...);
    return *m_state;
  }
  void reset() { m_state.reset(); }
  // Null before the first update.
  const State* get() const { return m_state ? &*m_state : nullptr; }

 private:
  std::optional<State> m_state;
};

// One optimizer in the registry: the idea as its description, its keys, how to build its rule.
struct OptimizerInfo : Info<RuleMakers> {
  std::string reference;  // where the rule comes from
};

// 1 - beta^t, computed as PyTorch does (pow) until it rounds to 1, from where it stays 1
// (beta^t only shrinks): the same numbers without a pow call a step for the rest of a run.
class BiasCorrection {
 public:
  double at(double beta, double t) {
    if (m_settled) return 1;
    const double c = 1 - std::pow(beta, t);
    m_settled = c == 1;
    return c;
  }

 private:
  bool m_settled = false;
};

// g + weight_decay·p, PyTorch's L2 weight decay.
template <class V>
V with_l2(const V& g, const V& p, double weight_decay) {
  return weight_decay != 0 ? V(g + weight_decay * p) : g;
}

// [SECTION] what explain() shows of the pieces many rules share
// with_l2's formula line, with its numbers.
template <class V>
FormulaLine l2_line(const V& g, const V& p, double weight_decay) {
  return {"g <- g + wd·p", cat("g = ", show(g), " + ", show(weight_decay), "·", show(p), " = ",
                               show(with_l2(g, p, weight_decay)))};
}

// The part L2 decay adds to a step that scales the gradient by `scale` per coordinate.
template <class V>
typename StepAnatomy<V>::Arrow scaled_l2_part(const V& scale, const V& p, double weight_decay) {
  return {"weight decay", V(-(scale.array() * weight_decay * p.array()).matrix()),
          "wd·p added to g (L2), scaled as the gradient is: pulls the parameters toward 0"};
}

}  // namespace descent
