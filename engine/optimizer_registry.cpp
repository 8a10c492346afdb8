#include "optimizer_registry.hpp"

#include "optimizers/all.hpp"
#include "registry.hpp"

namespace descent {

const std::vector<OptimizerInfo>& optimizers() {
  static const std::vector<OptimizerInfo> all{
      sgd_optimizer(),   adagrad_optimizer(), rmsprop_optimizer(), adadelta_optimizer(),
      adam_optimizer(),  adamw_optimizer(),   adamax_optimizer(),  nadam_optimizer(),
      radam_optimizer(), rprop_optimizer(),   lion_optimizer(),
  };
  return all;
}

std::vector<std::string> optimizer_names() {
  return names_of(optimizers());
}

const OptimizerInfo& find_optimizer(std::string_view name) {
  return find_by_name(optimizers(), name, "optimizer");
}

}  // namespace descent
