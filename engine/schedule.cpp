#include "schedule.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "registry.hpp"
#include "text.hpp"

namespace descent {

const std::vector<ScheduleInfo>& schedules() {
  static const std::vector<ScheduleInfo> all = [] {
    ParamSpec step_size{.key = "step_size",
                        .default_value = NAN,
                        .min = 1,
                        .ui_min = 1,
                        .ui_max = 1000,
                        .log_scale = true,
                        .kind = ParamKind::integer,
                        .help = "steps between two multiplications of the learning rate by gamma"};
    ParamSpec gamma{.key = "gamma",
                    .default_value = 0.1,
                    .min = 0,
                    .min_open = true,
                    .ui_min = 0.01,
                    .ui_max = 1,
                    .help = "factor applied to the learning rate"};
    ParamSpec exp_gamma = gamma;
    exp_gamma.default_value = NAN;
    exp_gamma.ui_min = 0.9;
    exp_gamma.help = "factor applied to the learning rate after every step";
    ParamSpec t_max{.key = "t_max",
                    .default_value = NAN,
                    .min = 0,
                    .min_open = true,
                    .ui_min = 1,
                    .ui_max = 100000,
                    .log_scale = true,
                    .help = "steps of a half cosine period, from lr down to eta_min"};
    ParamSpec eta_min{.key = "eta_min",
                      .default_value = 0,
                      .min = 0,
                      .ui_min = 0,
                      .ui_max = 1,
                      .log_scale = true,
                      .help = "the lowest learning rate of the cosine"};
    return std::vector<ScheduleInfo>{
        {ScheduleKind::none, "none", "constant learning rate", {}},
        {ScheduleKind::step, "step", "lr·gamma^floor(t/step_size) (StepLR)", {step_size, gamma}},
        {ScheduleKind::exponential, "exponential", "lr·gamma^t (ExponentialLR)", {exp_gamma}},
        {ScheduleKind::cosine,
         "cosine",
         "eta_min + (lr-eta_min)(1+cos(πt/t_max))/2, periodic past t_max (CosineAnnealingLR)",
         {t_max, eta_min}},
    };
  }();
  return all;
}

const ScheduleInfo& find_schedule(std::string_view name) {
  return find_by_name(schedules(), name, "schedule");
}

std::vector<std::string> schedule_keys() {
  std::vector<std::string> keys;
  for (const auto& s : schedules())
    for (const auto& p : s.params)
      if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) keys.push_back(p.key);
  return keys;
}

Schedule::Schedule(std::string_view owner, std::string_view name, const ParamValues& given) {
  const ScheduleInfo& info = find_schedule(name);
  ParamValues v = resolve_params(cat(owner, " schedule=", name), info.params, given);
  m_kind = info.kind;
  if (auto it = v.find("step_size"); it != v.end()) m_step_size = it->second;
  if (auto it = v.find("gamma"); it != v.end()) m_gamma = it->second;
  if (auto it = v.find("t_max"); it != v.end()) m_t_max = it->second;
  if (auto it = v.find("eta_min"); it != v.end()) m_eta_min = it->second;
}

double Schedule::lr(double base_lr, std::int64_t t) const {
  // Closed forms; PyTorch's recursive updates agree with them to about 1e-14.
  switch (m_kind) {
    case ScheduleKind::none:
      return base_lr;
    case ScheduleKind::step:
      return base_lr * std::pow(m_gamma, std::floor(static_cast<double>(t) / m_step_size));
    case ScheduleKind::exponential:
      return base_lr * std::pow(m_gamma, static_cast<double>(t));
    case ScheduleKind::cosine:
      return m_eta_min + (base_lr - m_eta_min) *
                             (1 + std::cos(std::numbers::pi * static_cast<double>(t) / m_t_max)) /
                             2;
  }
  return base_lr;
}

}  // namespace descent
