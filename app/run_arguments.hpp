#pragma once
// The arguments `descent run` and `descent render` share: what to descend, from where, with
// which optimizers, for how many steps.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "objective.hpp"
#include "optimizer_spec.hpp"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace descent {

struct RunArguments {
  std::string surface, model, data, start;
  std::vector<std::string> opts;
  double steps = 0;  // a whole number; a double so that 1e6 reads

  // Adds --surface, --model, --data, --start, --opt and --steps to `command`.
  void attach(CLI::App& command);

  // Each throws std::invalid_argument naming the flag and what is allowed.
  std::shared_ptr<const Objective> objective() const;
  Vec2 start_point() const;
  std::vector<OptimizerSpec> specs() const;
  std::int64_t step_count() const { return static_cast<std::int64_t>(steps); }
  bool is_model() const { return !model.empty(); }
};

// CLI11 checks with messages that say what is allowed.
CLI::Validator whole_number(std::int64_t lo, std::int64_t hi);
CLI::Validator non_negative_number();

}  // namespace descent
