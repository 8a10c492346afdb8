#include "optimizer_spec.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "schedule.hpp"
#include "text.hpp"

namespace descent {
namespace {

constexpr std::string_view kSchedule = "schedule", kClipNorm = "clip_norm",
                           kClipValue = "clip_value";

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

// Flags also read as true/false, which is what people type.
bool parse_value(std::string_view text, double& out) {
  if (text == "true") return out = 1, true;
  if (text == "false") return out = 0, true;
  return parse_number(text, out);
}

std::vector<std::string> all_keys(const OptimizerInfo& info) {
  std::vector<std::string> keys;
  for (const auto& p : info.params) keys.push_back(p.key);
  keys.emplace_back(kSchedule);
  for (auto& k : schedule_keys()) keys.push_back(std::move(k));
  keys.emplace_back(kClipNorm);
  keys.emplace_back(kClipValue);
  return keys;
}

}  // namespace

OptimizerSpec parse_optimizer_spec(std::string_view text) {
  OptimizerSpec spec;
  auto colon = text.find(':');
  spec.name = trim(text.substr(0, colon));
  if (spec.name.empty())
    throw std::invalid_argument(
        cat("optimizer spec '", text,
            "' has no optimizer name; expected NAME[:key=value,...] with NAME one of ",
            join(optimizer_names())));
  const OptimizerInfo& info = find_optimizer(spec.name);
  const std::vector<std::string> valid = all_keys(info);
  const std::vector<std::string> sched_keys = schedule_keys();

  std::string_view rest = colon == std::string_view::npos ? "" : text.substr(colon + 1);
  while (colon != std::string_view::npos) {
    auto comma = rest.find(',');
    std::string pair = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    auto eq = pair.find('=');
    if (pair.empty() || eq == std::string::npos)
      throw std::invalid_argument(
          cat(spec.name, ": expected key=value but found '", pair, "' in '", text, "'"));
    std::string key = trim(pair.substr(0, eq)), value_text = trim(pair.substr(eq + 1));
    if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
      std::string message = cat(spec.name, ": unknown key '", key, "'");
      if (auto guess = closest_match(key, valid); !guess.empty())
        message += cat(" (did you mean '", guess, "'?)");
      throw std::invalid_argument(message + "; valid keys: " + join(valid));
    }
    if (key == kSchedule) {
      spec.schedule = value_text;
      find_schedule(spec.schedule);  // throws with the valid names
    } else {
      double value = 0;
      if (!parse_value(value_text, value))
        throw std::invalid_argument(
            cat(spec.name, ": ", key, " = '", value_text, "' is not a number"));
      if (key == kClipNorm || key == kClipValue) {
        if (spec.clip != ClipMode::none)
          throw std::invalid_argument(
              cat(spec.name, ": give one of clip_norm and clip_value, not both"));
        spec.clip = key == kClipNorm ? ClipMode::norm : ClipMode::value;
        spec.clip_max = value;
      } else if (std::find(sched_keys.begin(), sched_keys.end(), key) != sched_keys.end()) {
        spec.schedule_params[key] = value;
      } else {
        spec.params[key] = value;
      }
    }
    if (comma == std::string_view::npos) break;
  }
  // Schedule keys must belong to the chosen schedule.
  const ScheduleInfo& schedule = find_schedule(spec.schedule);
  for (const auto& [key, value] : spec.schedule_params) {
    if (find_spec(schedule.params, key)) continue;
    std::vector<std::string> owners;
    for (const auto& s : schedules())
      if (find_spec(s.params, key)) owners.push_back("schedule=" + s.name);
    throw std::invalid_argument(cat(spec.name, ": ", key, " applies to ", join(owners, " or "),
                                    ", not to schedule=", spec.schedule));
  }
  Optimizer check(spec);  // ranges and cross-key rules
  return spec;
}

std::string format_optimizer_spec(const OptimizerSpec& spec) {
  std::vector<std::string> pairs;
  const OptimizerInfo& info = find_optimizer(spec.name);
  for (const auto& p : info.params)  // registry order reads better than alphabetical
    if (auto it = spec.params.find(p.key); it != spec.params.end())
      pairs.push_back(cat(p.key, "=", it->second));
  if (spec.schedule != "none") {
    pairs.push_back(cat("schedule=", spec.schedule));
    for (const auto& [key, value] : spec.schedule_params) pairs.push_back(cat(key, "=", value));
  }
  if (spec.clip != ClipMode::none)
    pairs.push_back(cat(spec.clip == ClipMode::norm ? kClipNorm : kClipValue, "=", spec.clip_max));
  return pairs.empty() ? spec.name : spec.name + ":" + join(pairs, ",");
}

}  // namespace descent
