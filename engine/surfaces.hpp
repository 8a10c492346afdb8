#pragma once
// The registry of analytic test surfaces (Rosenbrock, Beale, ...).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "objective.hpp"

namespace descent {

// Every surface, in the order `descent list` and the GUI show them.
const std::vector<std::shared_ptr<const Objective>>& surfaces();
std::vector<std::string> surface_names();

// Throws std::invalid_argument naming the valid surfaces when `name` is unknown.
std::shared_ptr<const Objective> find_surface(std::string_view name);

}  // namespace descent
