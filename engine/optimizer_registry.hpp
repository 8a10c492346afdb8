#pragma once
// The registry of optimizers: one entry per algorithm, defined next to its update rule.
#include <string>
#include <string_view>
#include <vector>

#include "update_rule.hpp"

namespace descent {

const std::vector<OptimizerInfo>& optimizers();
std::vector<std::string> optimizer_names();
// Throws std::invalid_argument naming the valid optimizers when `name` is unknown.
const OptimizerInfo& find_optimizer(std::string_view name);

}  // namespace descent
