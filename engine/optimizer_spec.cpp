#include "optimizer_spec.hpp"

#include <algorithm>
#include <stdexcept>

#include "choice_text.hpp"
#include "clip.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "schedule.hpp"
#include "text.hpp"

namespace descent {
namespace {

// The component one of whose entries takes `key`, or null.
const SpecComponent* component_of_key(std::string_view key) {
  for (const auto& c : spec_components())
    for (const Entry* e : c.registry.entries())
      if (find_spec(e->params, key)) return &c;
  return nullptr;
}

// The optimizer's keys, then each component's selector and keys, each once.
std::vector<std::string> all_keys(const Entry& optimizer) {
  std::vector<std::string> keys;
  for (const auto& p : optimizer.params) keys.push_back(p.key);
  for (const auto& c : spec_components()) {
    keys.emplace_back(c.key);
    for (const Entry* e : c.registry.entries())
      for (const auto& p : e->params)
        if (std::find(keys.begin(), keys.end(), p.key) == keys.end()) keys.push_back(p.key);
  }
  return keys;
}

}  // namespace

const std::vector<SpecComponent>& spec_components() {
  static const std::vector<SpecComponent> all{
      {"schedule", "how the learning rate changes over the steps (PyTorch's lr_scheduler)",
       schedules(), &OptimizerSpec::schedule,
       [](const std::string& entry, std::int64_t steps) {
         return schedules().find(entry).suggest(steps);
       }},
      {"clip", "gradient clipping before the update", clips(), &OptimizerSpec::clip,
       [](const std::string&, std::int64_t) { return ParamValues{}; }},
  };
  return all;
}

OptimizerSpec parse_optimizer_spec(std::string_view text) {
  OptimizerSpec spec;
  spec.name = trim(text.substr(0, text.find(':')));
  if (spec.name.empty())
    throw std::invalid_argument(
        cat("optimizer spec '", text,
            "' has no optimizer name; expected NAME[:key=value,...] with NAME one of ",
            join(optimizers().names())));
  const OptimizerInfo& info = optimizers().find(spec.name);
  const std::vector<std::string> valid = all_keys(info);

  for (const auto& [key, value_text] : split_pairs(spec.name, text)) {
    if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
      std::string message = cat(spec.name, ": unknown key '", key, "'");
      if (auto guess = closest_match(key, valid); !guess.empty())
        message += cat(" (did you mean '", guess, "'?)");
      throw std::invalid_argument(message + "; valid keys: " + join(valid));
    }
    auto selector = std::find_if(spec_components().begin(), spec_components().end(),
                                 [&](const SpecComponent& c) { return key == c.key; });
    if (selector != spec_components().end()) {
      selector->registry.find_entry(value_text);  // throws with the valid names
      (spec.*selector->choice).name = value_text;
    } else {
      double value = 0;
      if (!parse_value(value_text, value))
        throw std::invalid_argument(
            cat(spec.name, ": ", key, " = '", value_text, "' is not a number"));
      if (find_spec(info.params, key))
        spec.params[key] = value;
      else
        (spec.*component_of_key(key)->choice).params[key] = value;
    }
  }
  // A component's keys must belong to the entry chosen.
  for (const auto& c : spec_components()) {
    const Choice& choice = spec.*c.choice;
    const Entry& chosen = c.registry.find_entry(choice.name);
    for (const auto& [key, value] : choice.params) {
      if (find_spec(chosen.params, key)) continue;
      std::vector<std::string> owners;
      for (const Entry* e : c.registry.entries())
        if (find_spec(e->params, key)) owners.push_back(cat(c.key, "=", e->name));
      throw std::invalid_argument(cat(spec.name, ": ", key, " applies to ", join(owners, " or "),
                                      ", not to ", c.key, "=", choice.name));
    }
  }
  Optimizer check(spec);  // ranges and cross-key rules
  return spec;
}

std::string format_optimizer_spec(const OptimizerSpec& spec) {
  std::vector<std::string> pairs;
  auto put = [&pairs](const std::vector<ParamSpec>& order, const ParamValues& values) {
    for (const auto& p : order)  // registry order reads better than alphabetical
      if (auto it = values.find(p.key); it != values.end())
        pairs.push_back(cat(p.key, "=", it->second));
  };
  put(optimizers().find(spec.name).params, spec.params);
  for (const auto& c : spec_components()) {
    const Choice& choice = spec.*c.choice;
    if (choice.name == c.registry.entries().front()->name && choice.params.empty()) continue;
    pairs.push_back(cat(c.key, "=", choice.name));
    put(c.registry.find_entry(choice.name).params, choice.params);
  }
  return pairs.empty() ? spec.name : spec.name + ":" + join(pairs, ",");
}

}  // namespace descent
