#include "run_output.hpp"

#include <nlohmann/json.hpp>

#include "text.hpp"

namespace descent {

std::string runs_to_csv(const SessionSnapshot& snapshot) {
  std::string out = "run,optimizer,step,x,y,loss\n";
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const RunView& run = snapshot.runs[r];
    const Trajectory& t = *run.trajectory;
    std::string prefix = std::to_string(r) + "," + run.config.optimizer.name + ",";
    for (std::size_t i = 0, n = t.size(); i < n; ++i) {
      const TrajectoryPoint& p = t[i];
      out += prefix;
      out += std::to_string(p.step) + "," + format_exact(p.x) + "," + format_exact(p.y) + "," +
             format_exact(p.loss) + "\n";
    }
  }
  return out;
}

std::string runs_to_json(const SessionSnapshot& snapshot, const RunOutputContext& context) {
  using nlohmann::json;
  json runs = json::array();
  std::string objective_name;
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const RunView& run = snapshot.runs[r];
    const Trajectory& t = *run.trajectory;
    objective_name = run.config.objective->info().name;
    json rows = json::array();
    for (std::size_t i = 0, n = t.size(); i < n; ++i)
      rows.push_back({{"step", t[i].step}, {"x", t[i].x}, {"y", t[i].y}, {"loss", t[i].loss}});
    json entry = {{"run", r},
                  {"optimizer", run.config.optimizer.name},
                  {"spec", format_optimizer_spec(run.config.optimizer)},
                  {"params", run.params},
                  {"status", to_string(t.status())},
                  {"status_step", t.status_step()},
                  {"trajectory", std::move(rows)}};
    if (t.status() == RunStatus::diverged) entry["reason"] = describe(t.divergence());
    runs.push_back(std::move(entry));
  }
  json objective = {{"kind", context.objective_kind}, {"name", objective_name}};
  if (!context.data_path.empty()) objective["data"] = context.data_path;
  json out = {{"objective", objective},
              {"steps", context.limits.max_steps},
              {"every", context.limits.record_every},
              {"tolerance", context.limits.tolerance},
              {"runs", std::move(runs)}};
  return out.dump() + "\n";
}

}  // namespace descent
