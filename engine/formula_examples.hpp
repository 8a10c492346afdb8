#pragma once
// The registry of example formulas a user can start typing from.
#include "objective_spec.hpp"
#include "registry.hpp"

namespace descent {

// make gives the formula (text and box).
using FormulaExample = Info<FormulaSpec>;

const Registry<FormulaExample>& formula_examples();

}  // namespace descent
