#pragma once
// Short ways for tests to name models and their data.
#include <memory>
#include <string>

#include "data_generators.hpp"
#include "model_registry.hpp"

namespace descent::test {

// The model with its default loss (or `loss`) on its default data.
inline ModelSpec model_spec(const std::string& model, const std::string& loss = "") {
  ModelSpec spec = default_model_spec(model);
  if (!loss.empty()) spec.loss = {loss, {}};
  return spec;
}

inline std::shared_ptr<const Dataset> generated(const std::string& kind, const ParamValues& values) {
  return std::make_shared<const Dataset>(generate_dataset({kind, values}));
}

// The model's loss over generated data.
inline std::shared_ptr<const Objective> model_over(const std::string& model,
                                                   const std::string& generator,
                                                   const ParamValues& values,
                                                   const std::string& loss = "") {
  return make_model_objective(model_spec(model, loss), generated(generator, values));
}

}  // namespace descent::test
