#include "model_registry.hpp"

#include "models/all.hpp"
#include "registry.hpp"

namespace descent {

const std::vector<ModelInfo>& models() {
  static const std::vector<ModelInfo> all{linear_mse_model(), logistic_bce_model()};
  return all;
}

std::vector<std::string> model_names() {
  return names_of(models());
}

const ModelInfo& find_model(std::string_view name) {
  return find_by_name(models(), name, "model");
}

}  // namespace descent
