#include "schedule.hpp"

#include <cmath>
#include <numbers>

#include "text.hpp"

namespace descent {
namespace {

ParamSpec step_size() {
  return {.key = "step_size",
          .default_value = NAN,
          .min = 1,
          .ui_min = 1,
          .ui_max = 1000,
          .log_scale = true,
          .kind = ParamKind::integer,
          .help = "steps between two multiplications of the learning rate by gamma"};
}

ParamSpec gamma(double default_value, double ui_min, std::string help) {
  return {.key = "gamma",
          .default_value = default_value,
          .min = 0,
          .min_open = true,
          .ui_min = ui_min,
          .ui_max = 1,
          .help = std::move(help)};
}

ParamSpec t_max() {
  return {.key = "t_max",
          .default_value = NAN,
          .min = 0,
          .min_open = true,
          .ui_min = 1,
          .ui_max = 100000,
          .log_scale = true,
          .help = "steps of a half cosine period, from lr down to eta_min"};
}

ParamSpec eta_min() {
  return {.key = "eta_min",
          .default_value = 0,
          .min = 0,
          .ui_min = 0,
          .ui_max = 1,
          .log_scale = true,
          .help = "the lowest learning rate of the cosine"};
}

double at_least_four(std::int64_t steps) {
  return static_cast<double>(std::max<std::int64_t>(steps, 4));
}

// Closed forms; PyTorch's recursive updates agree with them to about 1e-14.
std::vector<ScheduleInfo> entries() {
  return {
      {{"none", "constant learning rate", {}, [](const ParamValues&) { return LearningRateRule{}; }},
       [](std::int64_t) { return ParamValues{}; }},
      {{"step",
        "lr·gamma^floor(t/step_size) (StepLR)",
        {step_size(), gamma(0.1, 0.01, "factor applied to the learning rate")},
        [](const ParamValues& v) -> LearningRateRule {
          return [size = v.at("step_size"), g = v.at("gamma")](double lr, std::int64_t t) {
            return lr * std::pow(g, std::floor(static_cast<double>(t) / size));
          };
        }},
       // Four drops by half over the run.
       [](std::int64_t steps) {
         return ParamValues{{"step_size", std::round(at_least_four(steps) / 4)}, {"gamma", 0.5}};
       }},
      {{"exponential",
        "lr·gamma^t (ExponentialLR)",
        {gamma(NAN, 0.9, "factor applied to the learning rate after every step")},
        [](const ParamValues& v) -> LearningRateRule {
          return [g = v.at("gamma")](double lr, std::int64_t t) {
            return lr * std::pow(g, static_cast<double>(t));
          };
        }},
       // Down to 1% of the learning rate by the end of the run.
       [](std::int64_t steps) {
         return ParamValues{{"gamma", std::pow(0.01, 1 / at_least_four(steps))}};
       }},
      {{"cosine",
        "eta_min + (lr-eta_min)(1+cos(πt/t_max))/2, periodic past t_max (CosineAnnealingLR)",
        {t_max(), eta_min()},
        [](const ParamValues& v) -> LearningRateRule {
          return [t_max = v.at("t_max"), eta_min = v.at("eta_min")](double lr, std::int64_t t) {
            return eta_min +
                   (lr - eta_min) * (1 + std::cos(std::numbers::pi * static_cast<double>(t) / t_max)) /
                       2;
          };
        }},
       // One half period over the run.
       [](std::int64_t steps) { return ParamValues{{"t_max", at_least_four(steps)}}; }},
  };
}

}  // namespace

const Registry<ScheduleInfo>& schedules() {
  static const Registry<ScheduleInfo> all("schedule", entries());
  return all;
}

Schedule::Schedule(std::string_view owner, const Choice& choice)
    : m_rule(schedules().make(choice, cat(owner, " schedule=", choice.name))) {}

}  // namespace descent
