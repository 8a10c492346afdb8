#pragma once
// What `descent map` and `descent sweep` share: the scenario's one optimizer on a two-parameter
// loss, full-batch, its limits, and writing the lanes.
#include <memory>
#include <string>
#include <vector>

#include "lane_output.hpp"
#include "scenario.hpp"

namespace CLI {
class App;
}

namespace descent {

struct LaneJob {
  std::shared_ptr<const Objective> objective;
  OptimizerSpec optimizer;
  LaneLimits limits;
  Vec2 start;  // the scenario's (or the objective's)
  Box view;    // the scenario's (--box) or the objective's
};

// Checks what lanes can run: exactly one --opt, no mini-batches or gradient noise, a loss of
// two parameters (not a network). `command` names the command in messages. Throws
// std::invalid_argument.
LaneJob lane_job(const Scenario& scenario, const std::string& command);

// Adds --threads, --format (from `formats`) and --out.
void attach_lane_output(CLI::App& command, double& threads, std::string& format,
                        const std::vector<std::string>& formats, std::string& out);

// Writes the table as `format` ("csv" or "json") to `out` or, when it is empty, stdout.
void write_lane_table(const LaneTable& table, const LaneJob& job, const LaneContext& context,
                      const std::string& format, const std::string& out);

}  // namespace descent
