#include "line_search.hpp"

#include <stdexcept>
#include <utility>

namespace descent {

ParamSpec first_trial_key(std::string help) {
  return {.key = "lr",
          .default_value = 1,
          .min = 0,
          .min_open = true,
          .ui_min = 1e-3,
          .ui_max = 10,
          .log_scale = true,
          .help = std::move(help)};
}

ParamSpec armijo_key() {
  return {.key = "c1",
          .default_value = 1e-4,
          .min = 0,
          .max = 1,
          .min_open = true,
          .max_open = true,
          .ui_min = 1e-6,
          .ui_max = 0.05,
          .log_scale = true,
          .help =
              "sufficient decrease (Armijo): a step must lower f by c1 times what the slope "
              "promises"};
}

ParamSpec wolfe_key(double c2, std::string help) {
  return {.key = "c2",
          .default_value = c2,
          .min = 0,
          .max = 1,
          .min_open = true,
          .max_open = true,
          .ui_min = 0.01,
          .ui_max = 0.99,
          .help = std::move(help)};
}

LineSearchSettings line_search_settings(const ParamValues& values, std::string_view owner) {
  LineSearchSettings s;
  s.c1 = values.at("c1");
  if (auto c2 = values.find("c2"); c2 != values.end()) {
    s.c2 = c2->second;
    if (s.c1 >= s.c2)
      throw std::invalid_argument(std::string(owner) + ": c1 must be smaller than c2");
  }
  if (auto shrink = values.find("shrink"); shrink != values.end()) s.shrink = shrink->second;
  return s;
}

}  // namespace descent
