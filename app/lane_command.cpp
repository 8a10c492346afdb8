#include "lane_command.hpp"

#include <iostream>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "batches.hpp"
#include "scenario_arguments.hpp"
#include "text.hpp"

namespace descent {

LaneJob lane_job(const Scenario& scenario, const std::string& command) {
  if (scenario.runs.size() != 1)
    throw std::invalid_argument(
        cat(command, " takes exactly one --opt SPEC, got ", scenario.runs.size()));
  LaneJob job{.objective = build_objective(scenario.objective),
              .optimizer = scenario.runs[0].optimizer,
              .limits = {.max_steps = scenario.steps, .tolerance = scenario.tolerance}};
  if (job.objective->network_slice())
    throw std::invalid_argument(
        cat(command,
            " needs a loss of two parameters: a network's runs move all its weights, not a "
            "point of its plane"));
  const Sampling sampling =
      usable_sampling(scenario.runs[0].sampling, job.objective->sample_count());
  if (sampling.batch > 0 || sampling.gradient_noise > 0)
    throw std::invalid_argument(cat(command,
                                    " steps full-batch runs without gradient noise: drop --batch "
                                    "and --noise"));
  job.start = scenario.runs[0].start.value_or(scenario.start.value_or(job.objective->info().start));
  job.view = scenario.view.value_or(job.objective->info().view);
  return job;
}

void attach_lane_output(CLI::App& command, double& threads, std::string& format,
                        const std::vector<std::string>& formats, std::string& out) {
  command
      .add_option("--threads", threads,
                  "Worker threads, 0 to 256 (default 0: one per core); results do not depend on it")
      ->type_name("T")
      ->check(whole_number(0, 256));
  command.add_option("--format", format, "Output format (default csv)")
      ->type_name(join(formats, "|"))
      ->check(CLI::IsMember(formats).description(""));
  command.add_option("--out", out, "Write to this file (atomically) instead of stdout")
      ->type_name("FILE")
      ->check(file_name());
}

void write_lane_table(const LaneTable& table, const LaneJob& job, const LaneContext& context,
                      const std::string& format, const std::string& out) {
  auto write = [&](std::ostream& o) {
    if (format == "json")
      write_lanes_json(o, table, job.objective->info(), context);
    else
      write_lanes_csv(o, table, job.objective->info());
  };
  if (out.empty()) {
    write(std::cout);
    std::cout.flush();
  } else {
    write_file_atomically(out, write);
  }
}

}  // namespace descent
