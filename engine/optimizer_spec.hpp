#pragma once
// What the user asks for: an optimizer by name with some keys set, a schedule and clipping.
// Text form: NAME[:key=value[,key=value...]], where the keys are the optimizer's own, a
// component's selector (schedule=NAME, clip=NAME) and the chosen component's keys, e.g.
// "adam:lr=0.05,amsgrad=1,schedule=step,step_size=100,clip=norm,max_norm=5".
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "registry.hpp"

namespace descent {

struct OptimizerSpec {
  std::string name;
  ParamValues params;         // only the keys set; the others take the registry's defaults
  Choice schedule{"none", {}};  // an entry of schedules()
  Choice clip{"none", {}};      // an entry of clips()

  bool operator==(const OptimizerSpec&) const = default;
};

// A part of every optimizer chosen from a registry of its own: the schedule and the clipping.
struct SpecComponent {
  const char* key;          // the selector in the text form: "schedule"
  const char* description;  // one line
  const AnyRegistry& registry;
  Choice OptimizerSpec::*choice;
  // Values for an entry's keys when a user picks it for a run of `steps` steps.
  std::function<ParamValues(const std::string& entry, std::int64_t steps)> suggest;
};
const std::vector<SpecComponent>& spec_components();

// Parses and fully validates (names, keys, ranges, cross-key rules). Throws
// std::invalid_argument with one line naming the culprit and what is allowed.
OptimizerSpec parse_optimizer_spec(std::string_view text);

// The text form; parse_optimizer_spec(format_optimizer_spec(s)) == s.
std::string format_optimizer_spec(const OptimizerSpec& spec);

}  // namespace descent
