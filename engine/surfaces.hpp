#pragma once
// The registry of analytic test surfaces (Rosenbrock, Beale, ...).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "objective.hpp"
#include "registry.hpp"

namespace descent {

// An entry makes its surface, which takes no keys; its info() has the formula, view and minima.
using SurfaceInfo = Info<std::shared_ptr<const Objective>>;

// Every surface, in the order `descent list` and the GUI show them.
const Registry<SurfaceInfo>& surfaces();

// Throws std::invalid_argument naming the valid surfaces when `name` is unknown.
std::shared_ptr<const Objective> find_surface(std::string_view name);

}  // namespace descent
