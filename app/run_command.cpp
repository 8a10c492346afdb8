// `descent run`: runs optimizers headless and prints their trajectories.
#include <cmath>
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "dataset.hpp"
#include "model_registry.hpp"
#include "run_output.hpp"
#include "session.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent {
namespace {

Vec2 parse_start(const std::string& text) {
  auto comma = text.find(',');
  double x = 0, y = 0;
  if (comma == std::string::npos || !parse_number(text.substr(0, comma), x) ||
      !parse_number(text.substr(comma + 1), y))
    throw std::invalid_argument(
        cat("--start: expected X,Y (two numbers and a comma, e.g. --start=-1.5,2) but got '", text,
            "'"));
  if (!std::isfinite(x) || !std::isfinite(y))
    throw std::invalid_argument(cat("--start: ", text, " is not a finite point"));
  return {x, y};
}

// A CLI11 check for a whole number in [lo, hi], with a message that says so.
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

}  // namespace

void RunCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand("run", "Run optimizers headless and print their trajectories");
  m_command->footer(
      "SPEC := NAME[:key=value[,key=value...]]   e.g. adam:lr=0.05,amsgrad=1\n"
      "  schedule=step|exponential|cosine with step_size, gamma, t_max, eta_min\n"
      "  clip_norm=M | clip_value=M\n"
      "`descent list` shows every surface, model, optimizer and key.\n\n"
      "Example:\n"
      "  descent run --surface rosenbrock --start=-1.5,2 --opt sgd:lr=1e-3,momentum=0.9 \\\n"
      "              --opt adam:lr=0.05 --steps 500 --every 50");
  auto* surface =
      m_command->add_option("--surface", m_surface, "Test surface to descend (see descent list)")
          ->type_name("NAME");
  auto* model =
      m_command
          ->add_option("--model", m_model,
                       "Model whose loss over --data to descend: linear_mse or logistic_bce")
          ->type_name("NAME");
  auto* data = m_command->add_option("--data", m_data, "CSV file with columns x,y for --model")
                   ->type_name("FILE");
  surface->excludes(model);
  data->needs(model);
  model->needs(data);
  m_command
      ->add_option("--start", m_start, "Start point X,Y (write --start=-1.5,2 for a negative X)")
      ->type_name("X,Y")
      ->required();
  m_command->add_option("--opt", m_opts, "Optimizer SPEC; repeat for several runs, numbered from 0")
      ->type_name("SPEC")
      ->required();
  m_command->add_option("--steps", m_steps, "Optimizer steps per run (0 to 1e9)")
      ->type_name("N")
      ->required()
      ->check(whole_number(0, RunLimits::kMaxSteps));
  m_command->add_option("--every", m_every, "Record every K-th step, and the last (default 1)")
      ->type_name("K")
      ->check(whole_number(1, RunLimits::kMaxSteps));
  m_command->add_option("--tol", m_tol, "Stop a run once |gradient| < T (default 0: never)")
      ->type_name("T")
      ->check(non_negative_number());
  m_command
      ->add_option(
          "--threads", m_threads,
          "Worker threads, 0 to 256 (default 0: one per core); results do not depend on it")
      ->type_name("T")
      ->check(whole_number(0, 256));
  m_command->add_option("--format", m_format, "Output format (default csv)")
      ->type_name("csv|json")
      ->check(CLI::IsMember({"csv", "json"}).description(""));
  m_command->add_option("--out", m_out, "Write to this file (atomically) instead of stdout")
      ->type_name("FILE");
}

int RunCommand::execute() {
  if (m_surface.empty() && m_model.empty())
    throw std::invalid_argument(
        "run: give --surface NAME or --model NAME --data FILE.csv (see descent list)");
  std::shared_ptr<const Objective> objective;
  if (!m_surface.empty()) {
    objective = find_surface(m_surface);
  } else {
    const ModelInfo& model = find_model(m_model);
    objective = model.make(std::make_shared<const Dataset>(load_dataset_csv(m_data)));
  }
  RunConfig config{objective,
                   {},
                   parse_start(m_start),
                   RunLimits{.max_steps = static_cast<std::int64_t>(m_steps),
                             .tolerance = m_tol,
                             .record_every = static_cast<std::int64_t>(m_every)}};
  std::vector<OptimizerSpec> specs;
  for (const auto& text : m_opts) {
    try {
      specs.push_back(parse_optimizer_spec(text));
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(cat("--opt ", text, ": ", e.what()));
    }
  }

  Session session(m_threads);
  for (const auto& spec : specs) {
    config.optimizer = spec;
    session.add(config);
  }
  session.wait_idle();
  auto snapshot = session.snapshot();

  for (std::size_t r = 0; r < snapshot->runs.size(); ++r) {
    const Trajectory& t = *snapshot->runs[r].trajectory;
    if (t.status() == RunStatus::diverged)
      std::cerr << "descent: run " << r << " ("
                << format_optimizer_spec(snapshot->runs[r].config.optimizer)
                << ") diverged at step " << t.status_step() << ": " << describe(t.divergence())
                << "\n";
  }
  std::string text = m_format == "json"
                         ? runs_to_json(*snapshot, {m_surface.empty() ? "model" : "surface", m_data,
                                                    config.limits})
                         : runs_to_csv(*snapshot);
  if (m_out.empty())
    std::cout << text << std::flush;
  else
    write_file_atomically(m_out, text);
  return 0;
}

}  // namespace descent
