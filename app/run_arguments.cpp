#include "run_arguments.hpp"

#include <cmath>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "dataset.hpp"
#include "model_registry.hpp"
#include "run.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent {

CLI::Validator whole_number(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double value = 0;
        if (!parse_number(text, value) || value != std::floor(value) ||
            value < static_cast<double>(lo) || value > static_cast<double>(hi))
          return cat("'", text, "' is not a whole number from ", lo, " to ", hi);
        return "";
      },
      "");
}

CLI::Validator non_negative_number() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        if (!parse_number(text, value) || !std::isfinite(value) || value < 0)
          return cat("'", text, "' is not a finite number >= 0");
        return "";
      },
      "");
}

void RunArguments::attach(CLI::App& command) {
  auto* s = command.add_option("--surface", surface, "Test surface to descend (see descent list)")
                ->type_name("NAME");
  auto* m = command
                .add_option("--model", model,
                            "Model whose loss over --data to descend: linear_mse or logistic_bce")
                ->type_name("NAME");
  auto* d = command.add_option("--data", data, "CSV file with columns x,y for --model")
                ->type_name("FILE");
  s->excludes(m);
  d->needs(m);
  m->needs(d);
  command.add_option("--start", start, "Start point X,Y (write --start=-1.5,2 for a negative X)")
      ->type_name("X,Y")
      ->required();
  command.add_option("--opt", opts, "Optimizer SPEC; repeat for several runs, numbered from 0")
      ->type_name("SPEC")
      ->required();
  command.add_option("--steps", steps, "Optimizer steps per run (0 to 1e9)")
      ->type_name("N")
      ->required()
      ->check(whole_number(0, RunLimits::kMaxSteps));
}

std::shared_ptr<const Objective> RunArguments::objective() const {
  if (surface.empty() && model.empty())
    throw std::invalid_argument(
        "give --surface NAME or --model NAME --data FILE.csv (see descent list)");
  if (!surface.empty()) return find_surface(surface);
  const ModelInfo& info = find_model(model);
  return info.make(std::make_shared<const Dataset>(load_dataset_csv(data)));
}

Vec2 RunArguments::start_point() const {
  auto comma = start.find(',');
  double x = 0, y = 0;
  if (comma == std::string::npos || !parse_number(start.substr(0, comma), x) ||
      !parse_number(start.substr(comma + 1), y))
    throw std::invalid_argument(
        cat("--start: expected X,Y (two numbers and a comma, e.g. --start=-1.5,2) but got '", start,
            "'"));
  if (!std::isfinite(x) || !std::isfinite(y))
    throw std::invalid_argument(cat("--start: ", start, " is not a finite point"));
  return {x, y};
}

std::vector<OptimizerSpec> RunArguments::specs() const {
  std::vector<OptimizerSpec> out;
  for (const auto& text : opts) {
    try {
      out.push_back(parse_optimizer_spec(text));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(cat("--opt ", text, ": ", e.what()));
    }
  }
  return out;
}

}  // namespace descent
