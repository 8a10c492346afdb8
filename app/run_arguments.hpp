#pragma once
// The arguments `descent run` and `descent render` share: what to descend, from where, with
// which optimizers, for how many steps.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "batches.hpp"
#include "model_loader.hpp"
#include "model_registry.hpp"
#include "objective.hpp"
#include "optimizer_spec.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace descent {

class Lab;

struct RunArguments {
  std::string surface, model, data, start, loss, columns;
  std::vector<std::string> opts;
  double steps = 0;  // whole numbers: doubles so that 1e6 reads
  double l2 = -1, l1 = -1, huber_delta = 1, batch = 0, seed = 0, gradient_noise = 0;
  bool standardize = false;

  // Adds the objective's flags (--surface, or --model, --data and the model's options),
  // --start, --opt, --steps and the sampling flags (--batch, --seed, --grad-noise). Without
  // `required`, --start, --opt and --steps may be left out (the visualizer's defaults).
  void attach(CLI::App& command, bool required = true);

  // Each throws std::invalid_argument naming the flag and what is allowed.
  std::shared_ptr<const Objective> objective() const;
  ModelSpec model_spec() const;
  // The model and where its data comes from (--model, --data, --columns and the model flags).
  ModelScenario model_scenario() const;
  Vec2 start_point() const;
  std::vector<OptimizerSpec> specs() const;
  Sampling sampling() const;
  std::int64_t step_count() const { return static_cast<std::int64_t>(steps); }
  bool is_model() const { return !model.empty(); }

  // Sets `lab` up as the flags given say: the objective (with the start it suggests), the
  // step limit, the start, the runs (replacing the lab's when --opt is given) with their
  // sampling. What was not given stays as it was. Throws std::invalid_argument.
  void apply(Lab& lab) const;

 private:
  const CLI::App* m_command = nullptr;  // where the flags were attached
};

// CLI11 checks with messages that say what is allowed.
CLI::Validator whole_number(std::int64_t lo, std::int64_t hi);
CLI::Validator non_negative_number();

}  // namespace descent
