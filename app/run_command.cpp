// `descent run`: runs optimizers headless and prints their trajectories.
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "run_output.hpp"
#include "session.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {

void RunCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand("run", "Run optimizers headless and print their trajectories");
  m_command->footer(
      spec_help() +
      "\n`descent list` shows every surface, model, optimizer and key.\n"
      "--every, --threads, --format and --out say how to write what runs: a saved scenario does "
      "not keep them.\n\n"
      "Example:\n"
      "  descent run --surface rosenbrock --start=-1.5,2 --opt sgd:lr=1e-3,momentum=0.9 \\\n"
      "              --opt adam:lr=0.05 --steps 500 --every 50");
  m_args.attach(*m_command, true);
  m_command->add_option("--every", m_every, "Record every K-th step, and the last (default 1)")
      ->type_name("K")
      ->check(whole_number(1, RunLimits::kMaxSteps));
  m_command
      ->add_option(
          "--threads", m_threads,
          "Worker threads, 0 to 256 (default 0: one per core); results do not depend on it")
      ->type_name("T")
      ->check(whole_number(0, 256));
  m_command->add_option("--format", m_format, "Output format (default csv)")
      ->type_name("csv|json")
      ->check(CLI::IsMember({"csv", "json"}).description(""));
  m_command->add_flag("--evals", m_evals,
                      "Add an evals column: the loss evaluations each point took (steps, plus "
                      "line-search trials and Hessians)");
  m_command->add_option("--out", m_out, "Write to this file (atomically) instead of stdout")
      ->type_name("FILE")
      ->check(file_name());
}

int RunCommand::execute() {
  Scenario scenario = m_args.scenario();
  if (scenario.runs.empty())
    throw std::invalid_argument(
        "give at least one --opt SPEC (or a --scenario or --lesson with runs)");
  const auto objective = build_objective(scenario.objective);
  report_data_warning(std::cerr, *objective);
  if (!scenario.start && !objective->network_slice()) scenario.start = objective->info().start;
  const RunLimits limits{
      .max_steps = scenario.steps,
      .tolerance = scenario.tolerance,
      .record_every = to_whole<std::int64_t>(m_every, 1, RunLimits::kMaxSteps).value()};
  save_scenario_if_asked(scenario, m_args.save_path());
  auto snapshot = compute_runs(scenario, objective, limits,
                               to_whole(m_threads, 0u, 256u).value());  // checked when parsed
  report_divergences(std::cerr, *snapshot);
  // What a failed run computed before it failed is still written: it may be what was wanted.
  const bool failed = report_failures(std::cerr, *snapshot);

  auto write = [&](std::ostream& out) {
    RunOutputContext context = output_context(scenario, limits);
    context.evaluations = m_evals;
    write_runs(out, m_format == "json" ? RunFormat::json : RunFormat::csv, *snapshot, context);
  };
  if (m_out.empty()) {
    write(std::cout);
    std::cout.flush();
  } else {
    write_file_atomically(m_out, write);
  }
  return failed ? 1 : 0;
}

}  // namespace descent
