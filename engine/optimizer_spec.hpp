#pragma once
// What the user asks for: an optimizer by name with some keys set, a schedule and clipping.
// Text form: NAME[:key=value[,key=value...]], e.g. "adam:lr=0.05,amsgrad=1,clip_norm=5".
#include <string>
#include <string_view>

#include "clip.hpp"
#include "param.hpp"

namespace descent {

struct OptimizerSpec {
  std::string name;
  ParamValues params;  // only the keys set; the others take the registry's defaults
  std::string schedule = "none";
  ParamValues schedule_params;
  ClipMode clip = ClipMode::none;
  double clip_max = 0;

  bool operator==(const OptimizerSpec&) const = default;
};

// Parses and fully validates (names, keys, ranges, cross-key rules). Throws
// std::invalid_argument with one line naming the culprit and what is allowed.
OptimizerSpec parse_optimizer_spec(std::string_view text);

// The text form; parse_optimizer_spec(format_optimizer_spec(s)) == s.
std::string format_optimizer_spec(const OptimizerSpec& spec);

}  // namespace descent
