#include "model_registry.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "models/glm.hpp"
#include "registry.hpp"
#include "text.hpp"

namespace descent {

const std::vector<LossInfo>& losses() {
  static const std::vector<LossInfo> all{
      {LossKind::mse, "mse", "mean squared error: large errors dominate", "r^2"},
      {LossKind::mae, "mae", "mean absolute error: robust to outliers, not smooth at r = 0", "|r|"},
      {LossKind::huber, "huber", "quadratic near 0, linear beyond delta: robust and smooth",
       "r^2/2 if |r| <= delta, else delta·(|r| - delta/2)"},
      {LossKind::bce, "bce", "binary cross-entropy of P(y=1) = σ(z)",
       "max(z,0) - z·y + log(1+exp(-|z|))"},
  };
  return all;
}

const LossInfo& loss_info(LossKind kind) {
  for (const auto& l : losses())
    if (l.kind == kind) return l;
  throw std::logic_error("unregistered loss");
}

const LossInfo& find_loss(std::string_view name) {
  return find_by_name(losses(), name, "loss");
}

const std::vector<ModelInfo>& models() {
  static const std::vector<ModelInfo> all{
      {"linear",
       "Linear regression y ≈ w·x + b",
       1,
       {LossKind::mse, LossKind::mae, LossKind::huber},
       "w·x + b",
       "w (slope)",
       "b (intercept)",
       true},
      {"logistic",
       "Logistic regression on one feature: P(y=1) = σ(w·x + b)",
       1,
       {LossKind::bce},
       "w·x + b",
       "w (weight)",
       "b (bias)",
       true},
      {"logistic2",
       "Logistic regression on two features through the origin: P(y=1) = σ(w1·x1 + w2·x2)",
       2,
       {LossKind::bce},
       "w1·x1 + w2·x2",
       "w1",
       "w2",
       false},
  };
  return all;
}

std::vector<std::string> model_names() {
  return names_of(models());
}

const ModelInfo& find_model(std::string_view name) {
  return find_by_name(models(), name, "model");
}

ModelSpec model_spec(std::string_view model, std::string_view loss) {
  ModelSpec spec;
  std::string_view base = model;
  std::string implied;
  // "linear_mse" names a model and its loss at once.
  if (auto underscore = model.rfind('_'); underscore != std::string_view::npos) {
    std::string_view tail = model.substr(underscore + 1);
    if (std::any_of(losses().begin(), losses().end(),
                    [&](const LossInfo& l) { return l.name == tail; })) {
      base = model.substr(0, underscore);
      implied = tail;
    }
  }
  std::vector<std::string> names = model_names();
  for (const auto& m : models())
    for (LossKind k : m.losses) names.push_back(m.name + "_" + loss_info(k).name);
  if (std::find(names.begin(), names.end(), base) == names.end())
    throw std::invalid_argument(unknown_name_message("model", model, names));
  const ModelInfo& info = find_model(base);
  spec.model = info.name;
  spec.loss = info.losses.front();
  std::string wanted = !loss.empty() ? std::string(loss) : implied;
  if (!wanted.empty()) {
    if (!implied.empty() && !loss.empty() && implied != loss)
      throw std::invalid_argument(
          cat("model ", model, " already names its loss (", implied, "); drop the loss ", loss));
    LossKind kind = find_loss(wanted).kind;
    if (std::find(info.losses.begin(), info.losses.end(), kind) == info.losses.end()) {
      std::vector<std::string> allowed;
      for (LossKind k : info.losses) allowed.push_back(loss_info(k).name);
      throw std::invalid_argument(cat("model ", info.name, " does not take the loss ", wanted,
                                      "; it takes ", join(allowed)));
    }
    spec.loss = kind;
  }
  return spec;
}

std::shared_ptr<const Objective> make_model_objective(const ModelSpec& spec,
                                                      std::shared_ptr<const Dataset> data) {
  const ModelInfo& model = find_model(spec.model);
  const std::string owner = cat(model.name, "_", loss_info(spec.loss).name);
  if (std::find(model.losses.begin(), model.losses.end(), spec.loss) == model.losses.end())
    throw std::invalid_argument(
        cat("model ", model.name, " does not take the loss ", loss_info(spec.loss).name));
  if (!std::isfinite(spec.strength) || spec.strength < 0)
    throw std::invalid_argument(
        cat(owner, ": penalty strength ", spec.strength, " is out of range; allowed: >= 0"));
  if (!std::isfinite(spec.huber_delta) || spec.huber_delta <= 0)
    throw std::invalid_argument(
        cat(owner, ": huber delta ", spec.huber_delta, " is out of range; allowed: > 0"));
  if (!data || data->size() == 0) throw std::invalid_argument(cat(owner, ": the dataset is empty"));
  if (data->feature_count() != model.features)
    throw std::invalid_argument(cat(owner, ": needs ", model.features,
                                    model.features == 1 ? " feature" : " features", " but ",
                                    data->source, " has ", data->feature_count()));
  if (spec.loss == LossKind::bce)
    for (Eigen::Index i = 0; i < data->target.size(); ++i)
      if (data->target[i] != 0 && data->target[i] != 1)
        throw std::invalid_argument(cat(data->source, ": row ", i + 1, ": label ",
                                        data->target_name, " = ", data->target[i], "; ", owner,
                                        " needs labels 0 or 1"));
  return std::make_shared<GlmObjective>(model, spec, std::move(data));
}

}  // namespace descent
