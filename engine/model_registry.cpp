#include "model_registry.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

#include "models/glm.hpp"
#include "models/network_model.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

ParamSpec standardize_key() {
  return keys::flag("standardize",
                    "fit on z-scores (x - mean) / std of the features instead of the raw "
                    "features: the parameters then refer to the standardised features");
}

// Every model of the registry but the network is a two-parameter GLM (models/glm.hpp).
std::shared_ptr<const Objective> make_glm(const ModelInfo& model, const ParamValues& values,
                                          const ModelParts& parts) {
  return std::make_shared<GlmObjective>(model, values.at("standardize") != 0, parts);
}

std::vector<ModelInfo> entries() {
  std::vector<ModelInfo> all{
      {{"linear", "Linear regression y ≈ w·x + b", {standardize_key()}, {}},
       1,
       Task::regression,
       "w·x + b",
       "w (slope)",
       "b (intercept)"},
      {{"logistic",
        "Logistic regression on one feature: P(y=1) = σ(w·x + b)",
        {standardize_key()},
        {}},
       1,
       Task::classification,
       "w·x + b",
       "w (weight)",
       "b (bias)"},
      {{"logistic2",
        "Logistic regression on two features through the origin: P(y=1) = σ(w1·x1 + w2·x2)",
        {standardize_key()},
        {}},
       2,
       Task::classification,
       "w1·x1 + w2·x2",
       "w1",
       "w2"},
  };
  for (auto& m : all)
    m.make = [name = m.name](const ParamValues& values, const ModelParts& parts) {
      return make_glm(models().find(name), values, parts);
    };
  ModelInfo mlp{
      {"mlp",
       "A small neural network on two features: hidden layers of tanh, relu or "
       "sigmoid units, one output logit; seen on a plane through its weights",
       {keys::seed("the seed of its initial weights (PyTorch's default "
                   "initialisation: uniform in ±1/√fan_in)",
                   "init_seed"),
        keys::seed("the seed of the random directions of the plane it is drawn on", "plane_seed")},
       make_network},
      2,
      Task::classification,
      "network(x1, x2)",
      "a",
      "b",
      true,
      {"bce"},
      "xor"};
  all.push_back(std::move(mlp));
  return all;
}

}  // namespace

std::optional<std::size_t> center_run(const std::string& center) {
  if (center == "start" || center == "best") return std::nullopt;
  const std::string_view prefix = "run ";
  if (center.starts_with(prefix)) {
    const std::string number = center.substr(prefix.size());
    char* end = nullptr;
    const double k = number.empty() || !std::isdigit(static_cast<unsigned char>(number[0]))
                         ? NAN
                         : std::strtod(number.c_str(), &end);
    if (end && *end == '\0')
      if (const auto whole = to_whole<std::size_t>(k, 1, 1000000)) return *whole - 1;
  }
  throw std::invalid_argument(
      cat("expected start, best or run K (K from 1, a run's position in the list), got \"", center,
          "\""));
}

const Registry<ModelInfo>& models() {
  static const Registry<ModelInfo> all("model", entries());
  return all;
}

bool suits(const LossInfo& loss, const ModelInfo& model) {
  return loss.task == model.task &&
         (model.only_losses.empty() || std::find(model.only_losses.begin(), model.only_losses.end(),
                                                 loss.name) != model.only_losses.end());
}

bool suits(const GeneratorInfo& generator, const ModelInfo& model, const LossInfo& loss) {
  return generator.features == model.features &&
         (loss.task != Task::classification || generator.binary);
}

ModelSpec default_model_spec(std::string_view name) {
  const ModelInfo& model = models().find(name);
  ModelSpec spec;
  spec.model = {model.name, {}};
  for (const auto& loss : losses())
    if (suits(loss, model)) {
      spec.loss = {loss.name, {}};
      break;
    }
  for (const auto& g : generators())
    if (suits(g, model, losses().find(spec.loss.name)) &&
        (model.generator.empty() || g.name == model.generator)) {
      spec.data.generator = {g.name, {}};
      break;
    }
  return spec;
}

std::shared_ptr<const Dataset> load_data(const DataSource& source, int features) {
  return std::make_shared<const Dataset>(
      source.path.empty() ? generate_dataset(source.generator)
                          : load_dataset_csv(source.path, features, source.columns));
}

std::shared_ptr<const Objective> make_model_objective(const ModelSpec& spec,
                                                      std::shared_ptr<const Dataset> data) {
  const ModelInfo& model = models().find(spec.model.name);
  const LossInfo& loss = losses().find(spec.loss.name);
  const std::string owner = cat(model.name, " with ", loss.name);
  if (!suits(loss, model)) {
    std::vector<std::string> allowed;
    for (const auto& l : losses())
      if (suits(l, model)) allowed.push_back(l.name);
    throw std::invalid_argument(cat("model ", model.name, " does not take the loss ", loss.name,
                                    "; it takes ", join(allowed)));
  }
  if (model.network && spec.penalty.name != penalties().front().name)
    throw std::invalid_argument(cat("model ", model.name, " takes no penalty (", spec.penalty.name,
                                    "); an optimizer's weight_decay decays its weights"));
  ModelParts parts{std::move(data), loss, losses().make(spec.loss, owner),
                   penalties().make(spec.penalty, cat(owner, " penalty")), spec.network};
  const Dataset* d = parts.data.get();
  if (!d || d->size() == 0) throw std::invalid_argument(cat(owner, ": the dataset is empty"));
  if (d->feature_count() != model.features)
    throw std::invalid_argument(cat(owner, ": needs ", model.features,
                                    model.features == 1 ? " feature" : " features", " but ",
                                    d->source, " has ", d->feature_count()));
  if (loss.task == Task::classification)
    for (Eigen::Index i = 0; i < d->target.size(); ++i)
      if (d->target[i] != 0 && d->target[i] != 1)
        throw std::invalid_argument(cat(d->source, ": row ", i + 1, ": label ", d->target_name,
                                        " = ", d->target[i], "; ", owner, " needs labels 0 or 1"));
  return models().make(spec.model, "", parts);
}

}  // namespace descent
