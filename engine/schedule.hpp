#pragma once
// Learning-rate schedules with PyTorch's semantics (StepLR, ExponentialLR, CosineAnnealingLR).
#include <cstdint>
#include <functional>
#include <string_view>

#include "registry.hpp"

namespace descent {

// The learning rate after t completed steps (t = 0 for the first step) from the base rate.
using LearningRateRule = std::function<double(double base_lr, std::int64_t t)>;

struct ScheduleInfo : Info<LearningRateRule> {
  // Values for the keys when a user picks the schedule for a run of `steps` steps.
  std::function<ParamValues(std::int64_t steps)> suggest;
};

// The first entry, "none", keeps the learning rate constant.
const Registry<ScheduleInfo>& schedules();

class Schedule {
 public:
  Schedule() = default;  // constant learning rate
  // Validates the choice; throws std::invalid_argument naming `owner` and the culprit key.
  Schedule(std::string_view owner, const Choice& choice);

  double lr(double base_lr, std::int64_t t) const { return m_rule ? m_rule(base_lr, t) : base_lr; }
  bool constant() const { return !m_rule; }

 private:
  LearningRateRule m_rule;  // empty: constant
};

}  // namespace descent
