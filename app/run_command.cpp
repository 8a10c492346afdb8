// `descent run`: runs optimizers headless and prints their trajectories.
#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "commands.hpp"
#include "run_output.hpp"
#include "session.hpp"

namespace descent {

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
  m_args.attach(*m_command);
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
  std::shared_ptr<const Objective> objective;
  try {
    objective = m_args.objective();
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(
        std::string(m_args.surface.empty() && m_args.model.empty() ? "run: " : "") + e.what());
  }
  RunConfig config{objective,
                   {},
                   m_args.start_point(),
                   RunLimits{.max_steps = m_args.step_count(),
                             .tolerance = m_tol,
                             .record_every = static_cast<std::int64_t>(m_every)},
                   m_args.sampling()};
  std::vector<OptimizerSpec> specs = m_args.specs();

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
  RunOutputContext context{m_args.is_model() ? "model" : "surface", m_args.data, config.limits,
                           config.sampling};
  auto write = [&](std::ostream& out) {
    if (m_format == "json")
      write_json(out, *snapshot, context);
    else
      write_csv(out, *snapshot);
  };
  if (m_out.empty()) {
    write(std::cout);
    std::cout.flush();
  } else {
    write_file_atomically(m_out, write);
  }
  return 0;
}

}  // namespace descent
