#include "run_arguments.hpp"

#include <cmath>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "dataset.hpp"
#include "lab.hpp"
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

void RunArguments::attach(CLI::App& command, bool required) {
  m_command = &command;
  auto* s = command.add_option("--surface", surface, "Test surface to descend (see descent list)")
                ->type_name("NAME");
  auto* m =
      command
          .add_option("--model", model,
                      "Model whose loss over --data to descend: linear, logistic or logistic2")
          ->type_name("NAME");
  auto* d = command.add_option("--data", data, "CSV file of the data (x,y; x1,x2,y for logistic2)")
                ->type_name("FILE");
  s->excludes(m);
  d->needs(m);
  m->needs(d);
  command
      .add_option("--columns", columns,
                  "Columns to use, features then target, by name or number (e.g. 3,1)")
      ->type_name("A,B[,C]")
      ->needs(m);
  command
      .add_option("--loss", loss, "Loss of the model: mse, mae or huber (linear); bce (logistic)")
      ->type_name("NAME")
      ->needs(m);
  auto* ridge =
      command
          .add_option("--l2", l2, "L2 penalty strength L: adds L·w^2 (the bias is not penalised)")
          ->type_name("L")
          ->check(non_negative_number())
          ->needs(m);
  auto* lasso = command.add_option("--l1", l1, "L1 penalty strength L: adds L·|w|")
                    ->type_name("L")
                    ->check(non_negative_number())
                    ->needs(m);
  ridge->excludes(lasso);
  command.add_option("--huber-delta", huber_delta, "Where the Huber loss turns linear (default 1)")
      ->type_name("D")
      ->check(non_negative_number())
      ->needs(m);
  command
      .add_flag("--standardize", standardize,
                "Fit on standardised features (z-scores); the parameters then refer to them")
      ->needs(m);
  command.add_option("--start", start, "Start point X,Y (write --start=-1.5,2 for a negative X)")
      ->type_name("X,Y")
      ->required(required);
  command.add_option("--opt", opts, "Optimizer SPEC; repeat for several runs, numbered from 0")
      ->type_name("SPEC")
      ->required(required);
  command.add_option("--steps", steps, "Optimizer steps per run (0 to 1e9)")
      ->type_name("N")
      ->required(required)
      ->check(whole_number(0, RunLimits::kMaxSteps));
  command
      .add_option("--batch", batch,
                  "Mini-batch size B (1: stochastic); each epoch reshuffled (default: full batch)")
      ->type_name("B")
      ->check(whole_number(1, 1'000'000))
      ->needs(m);
  command
      .add_option("--seed", seed,
                  "Seed of the batches and the gradient noise, the same for every run (default 0)")
      ->type_name("K")
      ->check(whole_number(0, 9'007'199'254'740'992));
  command
      .add_option("--grad-noise", gradient_noise,
                  "Add Gaussian noise of this standard deviation to every gradient")
      ->type_name("S")
      ->check(non_negative_number());
}

ModelSpec RunArguments::model_spec() const {
  ModelSpec spec = descent::model_spec(model, loss);
  if (l2 >= 0) spec.penalty = PenaltyKind::l2, spec.strength = l2;
  if (l1 >= 0) spec.penalty = PenaltyKind::l1, spec.strength = l1;
  spec.standardize = standardize;
  if (!(huber_delta > 0)) throw std::invalid_argument("--huber-delta: must be > 0");
  spec.huber_delta = huber_delta;
  return spec;
}

ModelScenario RunArguments::model_scenario() const {
  ModelScenario scenario{model_spec(), {}};
  scenario.data.path = data;
  if (!columns.empty()) {
    std::vector<std::string> names;
    for (std::size_t begin = 0;;) {
      auto comma = columns.find(',', begin);
      names.push_back(columns.substr(begin, comma - begin));
      if (comma == std::string::npos) break;
      begin = comma + 1;
    }
    const int features = find_model(scenario.model.model).features;
    if (names.size() != static_cast<std::size_t>(features) + 1)
      throw std::invalid_argument(cat("--columns ", columns, ": choose ", features,
                                      features == 1 ? " feature column" : " feature columns",
                                      " and a target column"));
    scenario.data.columns.target = names.back();
    names.pop_back();
    scenario.data.columns.features = names;
  }
  return scenario;
}

std::shared_ptr<const Objective> RunArguments::objective() const {
  if (surface.empty() && model.empty())
    throw std::invalid_argument(
        "give --surface NAME or --model NAME --data FILE.csv (see descent list)");
  if (!surface.empty()) return find_surface(surface);
  return build_model(model_scenario());
}

Sampling RunArguments::sampling() const {
  return {static_cast<std::size_t>(batch), gradient_noise, static_cast<std::uint64_t>(seed)};
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

void RunArguments::apply(Lab& lab) const {
  if (is_model()) {
    const ModelScenario scenario = model_scenario();
    lab.set_model(scenario, build_model(scenario));
  }
  else if (!surface.empty())
    lab.set_objective(objective());
  else if (!lab.objective())
    objective();  // throws, saying what to give
  if (m_command->count("--steps")) lab.set_step_limit(step_count());
  if (m_command->count("--start")) lab.set_start(start_point());
  const Sampling given = sampling();
  if (!opts.empty()) {
    const std::vector<OptimizerSpec> runs = specs();
    lab.clear_runs();
    for (const auto& spec : runs) lab.add_run(spec, given);
  } else {
    for (const LabRun& run : std::vector<LabRun>(lab.runs())) lab.set_sampling(run.id, given);
  }
}

}  // namespace descent
