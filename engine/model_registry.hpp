#pragma once
// The registries of models and losses: two-parameter models whose loss over a dataset is a
// 2D surface, and the pointwise losses they average.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dataset.hpp"
#include "objective.hpp"

namespace descent {

enum class LossKind { mse, mae, huber, bce };
enum class PenaltyKind { none, l2, l1 };

struct LossInfo {
  LossKind kind;
  std::string name;
  std::string description;  // one line
  std::string formula;      // of one sample, in r = prediction - y (or z and y for bce)
};

const std::vector<LossInfo>& losses();
const LossInfo& loss_info(LossKind kind);
// Throws std::invalid_argument naming the valid losses when `name` is unknown.
const LossInfo& find_loss(std::string_view name);

struct ModelInfo {
  std::string name;
  std::string description;       // one line
  int features;                  // 1 or 2
  std::vector<LossKind> losses;  // the losses it takes; the first is its default
  std::string prediction;        // "w·x + b"
  std::string param_x, param_y;  // the two parameters: the canvas's axes
  bool bias;                     // the second parameter is a bias: penalties leave it alone
};

const std::vector<ModelInfo>& models();
std::vector<std::string> model_names();
// Throws std::invalid_argument naming the valid models when `name` is unknown.
const ModelInfo& find_model(std::string_view name);

struct ModelSpec {
  std::string model = "linear";
  LossKind loss = LossKind::mse;
  PenaltyKind penalty = PenaltyKind::none;
  double strength = 0;       // λ: L2 adds λ·w², L1 adds λ·|w| (per penalised parameter)
  bool standardize = false;  // fit on z-scored features; the axes say so
  double huber_delta = 1;    // where Huber's loss turns from quadratic to linear

  bool operator==(const ModelSpec&) const = default;
};

// A model by name with its default loss, or with `loss` when given. Also takes the names
// "linear_mse" and "logistic_bce". Throws std::invalid_argument for an unknown name or a loss
// the model does not take (listing the ones it does).
ModelSpec model_spec(std::string_view model, std::string_view loss = "");

// The loss of `spec` over `data`; throws std::invalid_argument (naming the culprit) when the
// spec is invalid or the data cannot fit the model (wrong feature count, labels not 0/1,
// no samples, a constant feature to standardise).
std::shared_ptr<const Objective> make_model_objective(const ModelSpec& spec,
                                                      std::shared_ptr<const Dataset> data);

}  // namespace descent
