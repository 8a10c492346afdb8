#pragma once
// Short ways for tests to name models and their data.
#include <memory>
#include <string>
#include <vector>

#include "data_generators.hpp"
#include "model_registry.hpp"

namespace descent::test {

// The model with its default loss (or `loss`) on its default data.
inline ModelSpec model_spec(const std::string& model, const std::string& loss = "") {
  ModelSpec spec = default_model_spec(model);
  if (!loss.empty()) spec.loss = {loss, {}};
  return spec;
}

inline std::shared_ptr<const Dataset> generated(const std::string& kind,
                                                const ParamValues& values) {
  return std::make_shared<const Dataset>(generate_dataset({kind, values}));
}

// The model's loss over generated data.
inline std::shared_ptr<const Objective> model_over(const std::string& model,
                                                   const std::string& generator,
                                                   const ParamValues& values,
                                                   const std::string& loss = "") {
  return make_model_objective(model_spec(model, loss), generated(generator, values));
}

// Two features x1, x2 and a target y (a label or a value), as columns.
inline std::shared_ptr<const Dataset> two_feature_data(const std::vector<double>& x1,
                                                       const std::vector<double>& x2,
                                                       const std::vector<double>& y) {
  auto data = std::make_shared<Dataset>();
  data->source = std::string("test data");  // not = "...": GCC 12 warns falsely (PR 105329)
  data->feature_names = {"x1", "x2"};
  const auto n = static_cast<Eigen::Index>(y.size());
  data->features.push_back(Eigen::Map<const Eigen::ArrayXd>(x1.data(), n));
  data->features.push_back(Eigen::Map<const Eigen::ArrayXd>(x2.data(), n));
  data->target_name = std::string("y");
  data->target = Eigen::Map<const Eigen::ArrayXd>(y.data(), n);
  return data;
}

}  // namespace descent::test
