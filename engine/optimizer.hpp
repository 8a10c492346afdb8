#pragma once
// An optimizer as a run uses it: update rule + learning-rate schedule + gradient clipping.
#include <cstdint>
#include <memory>

#include "clip.hpp"
#include "optimizer_spec.hpp"
#include "schedule.hpp"
#include "update_rule.hpp"

namespace descent {

class Optimizer {
 public:
  // Validates the spec against the registries; throws std::invalid_argument naming the culprit.
  explicit Optimizer(const OptimizerSpec& spec);

  // One PyTorch step: clip g, update p with the scheduled lr, then advance the schedule.
  void step(Vec2& p, Vec2 g) {
    m_clip.apply(g);
    m_rule->update(p, g, lr());
    ++m_t;
  }
  // Forgets all state: the next step is a first step again.
  void reset();

  // The learning rate the next step uses.
  double lr() const {
    return m_schedule.constant() ? m_base_lr : m_schedule.lr(m_base_lr, m_t);
  }
  std::int64_t steps_taken() const { return m_t; }
  const OptimizerSpec& spec() const { return m_spec; }
  // Every key of the optimizer with its value (defaults filled in).
  const ParamValues& params() const { return m_params; }

 private:
  OptimizerSpec m_spec;
  ParamValues m_params;
  std::unique_ptr<UpdateRule> m_rule;
  Schedule m_schedule;
  Clip m_clip;
  double m_base_lr = 0;
  std::int64_t m_t = 0;
};

}  // namespace descent
