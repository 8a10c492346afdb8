#include "param.hpp"

#include <cmath>
#include <stdexcept>

#include "text.hpp"

namespace descent {

bool ParamSpec::accepts(double value) const {
  if (!std::isfinite(value)) return false;
  if (min_open ? value <= min : value < min) return false;
  if (max_open ? value >= max : value > max) return false;
  if (kind == ParamKind::flag) return value == 0 || value == 1;
  if (kind == ParamKind::integer) return value == std::floor(value);
  return true;
}

std::string ParamSpec::why_refused(double value) const {
  if (accepts(value)) return "";
  const char* what = !std::isfinite(value) ? "is not a finite number"
                     : kind == ParamKind::integer && value != std::floor(value)
                         ? "is not a whole number"
                         : "is out of range";
  return cat(what, "; allowed: ", range_text());
}

std::string ParamSpec::range_text() const {
  if (kind == ParamKind::flag) return "0 or 1";
  bool has_min = min > -kInf, has_max = max < kInf;
  std::string bounds;
  if (has_min && has_max)
    bounds = cat(min, min_open ? " < " : " <= ", key, max_open ? " < " : " <= ", max);
  else if (has_min)
    bounds = cat(key, min_open ? " > " : " >= ", min);
  else if (has_max)
    bounds = cat(key, max_open ? " < " : " <= ", max);
  else
    bounds = "any finite value";
  return kind == ParamKind::integer ? "an integer, " + bounds : bounds;
}

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, std::string_view key) {
  for (const auto& spec : specs)
    if (spec.key == key) return &spec;
  return nullptr;
}

ParamValues resolve_params(std::string_view owner, const std::vector<ParamSpec>& specs,
                           const ParamValues& given) {
  std::vector<std::string> valid;
  for (const auto& spec : specs) valid.push_back(spec.key);
  for (const auto& [key, value] : given) {
    const ParamSpec* spec = find_spec(specs, key);
    if (!spec) {
      std::string message = cat(owner, ": unknown key '", key, "'");
      if (auto guess = closest_match(key, valid); !guess.empty())
        message += cat(" (did you mean '", guess, "'?)");
      throw std::invalid_argument(message +
                                  cat("; valid keys: ", valid.empty() ? "none" : join(valid)));
    }
    if (auto why = spec->why_refused(value); !why.empty())
      throw std::invalid_argument(cat(owner, ": ", key, " = ", value, " ", why));
  }
  ParamValues resolved;
  for (const auto& spec : specs) {
    if (auto it = given.find(spec.key); it != given.end())
      resolved[spec.key] = it->second;
    else if (spec.required())
      throw std::invalid_argument(cat(owner, ": ", spec.key, " is required (", spec.help, ")"));
    else
      resolved[spec.key] = spec.default_value;
  }
  return resolved;
}

namespace keys {

ParamSpec lr(double default_value) {
  return {.key = "lr",
          .default_value = default_value,
          .min = 0,
          .ui_min = 1e-5,
          .ui_max = 10,
          .log_scale = true,
          .help = "learning rate: how far each step moves"};
}

ParamSpec eps(double default_value) {
  return {.key = "eps",
          .default_value = default_value,
          .min = 0,
          .ui_min = 1e-12,
          .ui_max = 1,
          .log_scale = true,
          .help = "added to the denominator so a tiny gradient history cannot blow up the step"};
}

ParamSpec weight_decay(double default_value, std::string help) {
  if (help.empty()) help = "L2 penalty: adds weight_decay·p to the gradient, pulling p toward 0";
  return {.key = "weight_decay",
          .default_value = default_value,
          .min = 0,
          .ui_min = 0,
          .ui_max = 1,
          .log_scale = true,
          .help = std::move(help)};
}

ParamSpec beta(std::string key, double default_value, std::string help) {
  return {.key = std::move(key),
          .default_value = default_value,
          .min = 0,
          .max = 1,
          .max_open = true,
          .ui_min = 0,
          .ui_max = 0.9999,
          .help = std::move(help)};
}

ParamSpec flag(std::string key, std::string help) {
  return {.key = std::move(key),
          .default_value = 0,
          .min = 0,
          .max = 1,
          .ui_min = 0,
          .ui_max = 1,
          .kind = ParamKind::flag,
          .help = std::move(help)};
}

ParamSpec seed(std::string help, std::string key) {
  return {.key = std::move(key),
          .default_value = 0,
          .min = 0,
          .max = 9007199254740992.0,  // 2^53: every integer up to it is exact in a double
          .ui_min = 0,
          .ui_max = 1000,
          .kind = ParamKind::integer,
          .help = std::move(help)};
}

}  // namespace keys
}  // namespace descent
