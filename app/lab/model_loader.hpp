#pragma once
// Building a model's loss in the background: reading or generating the data, standardising,
// finding the minimum can take a while for a million samples, and the window must not wait.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "dataset.hpp"
#include "model_registry.hpp"
#include "param.hpp"
#include "published.hpp"
#include "session.hpp"

namespace descent {

// Where a model's data comes from: a generator with some of its keys set, or a CSV file.
struct DataSource {
  std::string generator = "linear";
  ParamValues generator_values;  // the keys set; the others take the registry's defaults
  std::string path;              // a CSV file instead, when not empty
  ColumnChoice columns;          // which of its columns (empty: by name or in order)

  bool operator==(const DataSource& other) const {
    return generator == other.generator && generator_values == other.generator_values &&
           path == other.path && columns.features == other.columns.features &&
           columns.target == other.columns.target;
  }
};

struct ModelScenario {
  ModelSpec model;
  DataSource data;
  bool operator==(const ModelScenario&) const = default;
};

// Reads or generates the data and builds the model's loss over it. Throws
// std::invalid_argument naming the culprit (the file, line and column of a bad cell).
std::shared_ptr<const Objective> build_model(const ModelScenario& scenario);

class ModelLoader {
 public:
  struct Result {
    std::uint64_t request = 0;
    ModelScenario scenario;
    std::shared_ptr<const Objective> objective;  // null when it failed
    std::string error;                           // what failed, naming the file, line and column
  };

  explicit ModelLoader(Session& session) : m_session(session) {}

  // Starts building `scenario`; a request still running for an older one is left to finish
  // unseen.
  void request(const ModelScenario& scenario);
  // The newest request's result once it is ready, once.
  std::optional<Result> take();
  bool busy() const { return m_taken.load() != m_requested.load(); }

 private:
  Session& m_session;
  std::atomic<std::uint64_t> m_requested{0}, m_taken{0};
  Published<Result> m_result{nullptr};
};

}  // namespace descent
