#pragma once
// What the scenario panel says about a network in words: where it starts, and why typed layers
// make no network.
#include <string>
#include <string_view>

#include "model_registry.hpp"

namespace descent {

// Where a network's runs start: "init_seed 3" (weights drawn with the model's init_seed, its
// default when not set) or "given start (17 parameters)".
std::string network_start_text(const ModelSpec& spec);

// Why `text` does not describe a network's layers (parse_network_shape's message), "" when it
// does.
std::string layers_problem(std::string_view text);

}  // namespace descent
