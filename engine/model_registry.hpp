#pragma once
// The registry of two-parameter models whose loss over a dataset is a 2D surface.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "objective.hpp"

namespace descent {

struct ModelInfo {
  std::string name;
  std::string description;  // one line
  std::string formula;
  // The loss of this model over `data`; throws std::invalid_argument when data cannot fit it.
  std::function<std::shared_ptr<const Objective>(std::shared_ptr<const Dataset>)> make;
};

const std::vector<ModelInfo>& models();
std::vector<std::string> model_names();
// Throws std::invalid_argument naming the valid models when `name` is unknown.
const ModelInfo& find_model(std::string_view name);

}  // namespace descent
