#include "objective_spec.hpp"

#include "formula.hpp"
#include "surfaces.hpp"

namespace descent {

const char* kind_of(const ObjectiveSpec& spec) {
  if (std::holds_alternative<SurfaceSpec>(spec)) return "surface";
  if (std::holds_alternative<FormulaSpec>(spec)) return "formula";
  return "model";
}

std::shared_ptr<const Objective> build_objective(const ObjectiveSpec& spec) {
  if (const auto* surface = std::get_if<SurfaceSpec>(&spec)) return find_surface(surface->name);
  if (const auto* formula = std::get_if<FormulaSpec>(&spec))
    return make_formula_objective(formula->text, formula->box);
  const auto& model = std::get<ModelSpec>(spec);
  return make_model_objective(
      model, load_data(model.data, models().find(model.model.name).features));
}

}  // namespace descent
