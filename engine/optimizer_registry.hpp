#pragma once
// The registry of optimizers: one entry per algorithm, defined next to its update rule.
#include "update_rule.hpp"

namespace descent {

const Registry<OptimizerInfo>& optimizers();

}  // namespace descent
