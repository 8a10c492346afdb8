#include "network_text.hpp"

#include <stdexcept>

#include "models/network.hpp"
#include "text.hpp"

namespace descent {

std::string network_start_text(const ModelSpec& spec) {
  if (!spec.network.start.empty())
    return cat("given start (", spec.network.start.size(), " parameters)");
  double seed = 0;
  if (auto it = spec.model.params.find("init_seed"); it != spec.model.params.end())
    seed = it->second;
  else if (const ParamSpec* key = find_spec(models().find(spec.model.name).params, "init_seed"))
    seed = key->default_value;
  return cat("init_seed ", format_number(seed));
}

std::string layers_problem(std::string_view text) {
  try {
    parse_network_shape(text);
    return "";
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

}  // namespace descent
