#pragma once
// Learning-rate schedules with PyTorch's semantics (StepLR, ExponentialLR, CosineAnnealingLR).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "param.hpp"

namespace descent {

enum class ScheduleKind { none, step, exponential, cosine };

struct ScheduleInfo {
  ScheduleKind kind;
  std::string name;
  std::string description;  // one line, with the formula
  std::vector<ParamSpec> params;
};

const std::vector<ScheduleInfo>& schedules();
// Throws std::invalid_argument naming the valid schedules when `name` is unknown.
const ScheduleInfo& find_schedule(std::string_view name);
// Every key of every schedule, each once.
std::vector<std::string> schedule_keys();

class Schedule {
 public:
  Schedule() = default;  // constant learning rate
  // Validates `given` against the schedule's keys; throws std::invalid_argument naming `owner`.
  Schedule(std::string_view owner, std::string_view name, const ParamValues& given);

  // The learning rate after t completed steps (t = 0 for the first step).
  double lr(double base_lr, std::int64_t t) const;
  ScheduleKind kind() const { return m_kind; }

 private:
  ScheduleKind m_kind = ScheduleKind::none;
  double m_step_size = 1, m_gamma = 1, m_t_max = 1, m_eta_min = 0;
};

}  // namespace descent
