#pragma once
// The registry of models: two-parameter models whose loss over a dataset is a 2D surface;
// and how a user describes one (model, loss, penalty, data) and has it built.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data_generators.hpp"
#include "dataset.hpp"
#include "models/loss.hpp"
#include "models/penalty.hpp"
#include "objective.hpp"

namespace descent {

// Where a model's data comes from: a generator with some of its keys set, or a CSV file.
struct DataSource {
  Choice generator{"linear", {}};  // an entry of generators()
  std::string path;                // a CSV file instead, when not empty
  ColumnChoice columns;            // which of its columns (empty: by name or in order)

  bool operator==(const DataSource&) const = default;
};

// What only a network (a model with `network` set, "mlp") has: its layers, its hidden
// activation, and where it starts.
struct NetworkSpec {
  std::string layers = "2-4-1";   // widths, inputs to output (models/network.hpp)
  Choice activation{"tanh", {}};  // an entry of activations()
  std::vector<double> start;      // every parameter; empty: drawn with the model's init_seed
  // The plane it is drawn on: "pca" (the principal directions of the runs' paths, once there
  // are paths; until then the random one) or "random" (filter-normalised, plane_seed).
  std::string plane = "pca";
  // Where the plane passes: "start"; "best", the lowest-loss point any visible run reached; or
  // "run K", the last point the K-th run (from 1) has reached (once there are paths).
  std::string center = "start";

  bool operator==(const NetworkSpec&) const = default;
};

// For a center "run K", K - 1; none for "start" and "best". Throws std::invalid_argument
// saying what is expected for anything else.
std::optional<std::size_t> center_run(const std::string& center);

struct ModelSpec {
  Choice model{"linear", {}};  // an entry of models()
  Choice loss{"mse", {}};      // an entry of losses() that suits the model's task
  Choice penalty{"none", {}};  // an entry of penalties()
  DataSource data;
  NetworkSpec network;  // a network's; ignored by the other models

  bool operator==(const ModelSpec&) const = default;
};

// What a model's make gets besides its own keys.
struct ModelParts {
  std::shared_ptr<const Dataset> data;
  const LossInfo& loss_info;
  std::shared_ptr<const Loss> loss;
  std::shared_ptr<const Penalty> penalty;  // null: none
  const NetworkSpec& network;
};

struct ModelInfo : Info<std::shared_ptr<const Objective>, const ModelParts&> {
  int features;                  // 1 or 2
  Task task;                     // which losses it takes
  std::string prediction;        // "w·x + b"
  std::string param_x, param_y;  // the two parameters: the canvas's axes
  // A network: its loss is over all its weights, drawn on a plane through them (a
  // NetworkSlice); it takes only the losses named in `only_losses` and no penalty.
  bool network = false;
  std::vector<std::string> only_losses;  // empty: every loss of its task
  std::string generator;                 // of its default data; "": the first that suits
};

const Registry<ModelInfo>& models();

// The model with the first loss that suits it, and its data from the first generator that does.
ModelSpec default_model_spec(std::string_view model);
// Whether a loss or a generator can serve a model.
bool suits(const LossInfo& loss, const ModelInfo& model);
bool suits(const GeneratorInfo& generator, const ModelInfo& model, const LossInfo& loss);

// Reads or generates the data. Throws std::invalid_argument naming the culprit (the file,
// line and column of a bad cell).
std::shared_ptr<const Dataset> load_data(const DataSource& source, int features);
// The loss of `spec` over `data` (which load_data(spec.data) gave); throws
// std::invalid_argument naming the culprit: an unknown name or key, a loss the model does not
// take, data the model cannot fit (feature count, labels not 0/1, no samples).
std::shared_ptr<const Objective> make_model_objective(const ModelSpec& spec,
                                                      std::shared_ptr<const Dataset> data);

}  // namespace descent
