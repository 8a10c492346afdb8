#pragma once
// What to descend, as a user describes it: a test surface by name, a formula they typed, or a
// model over data; and building it.
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "model_registry.hpp"
#include "objective.hpp"

namespace descent {

struct SurfaceSpec {
  std::string name = "rosenbrock";  // an entry of surfaces()
  bool operator==(const SurfaceSpec&) const = default;
};

struct FormulaSpec {
  std::string text;        // f(x, y)
  std::optional<Box> box;  // where its minima are sought and its default view; none: default
  bool operator==(const FormulaSpec&) const = default;
};

using ObjectiveSpec = std::variant<SurfaceSpec, FormulaSpec, ModelSpec>;

// "surface", "formula" or "model".
const char* kind_of(const ObjectiveSpec& spec);

// Builds what the spec describes; throws std::invalid_argument naming the culprit. A model reads
// or generates its data here, which can take a while: the window does it in the background.
std::shared_ptr<const Objective> build_objective(const ObjectiveSpec& spec);

}  // namespace descent
