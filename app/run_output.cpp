#include "run_output.hpp"

#include <cmath>
#include <limits>

#include <nlohmann/json.hpp>

#include "batches.hpp"
#include "dataset.hpp"
#include "models/network_model.hpp"
#include "text.hpp"

namespace descent {

std::shared_ptr<const SessionSnapshot> compute_runs(const Scenario& scenario,
                                                    std::shared_ptr<const Objective> objective,
                                                    const RunLimits& limits, unsigned threads) {
  const Vec2 start = scenario.start.value_or(objective->info().start);
  RunLimits all = limits;
  all.parameter_bytes = std::numeric_limits<std::size_t>::max();  // every row's parameters
  Session session(threads);
  // A run's mini-batches are kept for data, as the window keeps them: on a loss without samples
  // it steps on the full batch.
  for (const auto& run : scenario.runs)
    session.add({objective, run.optimizer, run.start.value_or(start), all,
                 usable_sampling(run.sampling, objective->sample_count())});
  session.wait_idle();
  return session.snapshot();
}

RunOutputContext output_context(const Scenario& scenario, const RunLimits& limits) {
  const auto* model = std::get_if<ModelSpec>(&scenario.objective);
  return {kind_of(scenario.objective), model ? model->data.path : "", limits};
}

void write_runs(std::ostream& out, RunFormat format, const SessionSnapshot& snapshot,
                const RunOutputContext& context) {
  if (format == RunFormat::json)
    write_json(out, snapshot, context);
  else
    write_csv(out, snapshot, context.evaluations);
}

namespace {

// Whether the runs are a network's: rows then carry every parameter, not (x, y).
std::size_t network_parameters(const SessionSnapshot& snapshot) {
  if (snapshot.runs.empty()) return 0;
  const NetworkSlice* slice = snapshot.runs[0].config.objective->network_slice();
  return slice ? static_cast<std::size_t>(slice->loss()->dimension()) : 0;
}

// A network's rows: the points whose parameters the run kept (all of them, as `descent run`
// keeps them).
void write_network_csv(std::ostream& out, const SessionSnapshot& snapshot, std::size_t n,
                       bool evaluations) {
  out << "run,optimizer,step,loss";
  if (evaluations) out << ",evals";
  for (std::size_t k = 0; k < n; ++k) out << ",p" << k;
  out << "\n";
  std::string row;
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const RunView& run = snapshot.runs[r];
    const Trajectory& t = *run.trajectory;
    const std::string prefix = std::to_string(r) + "," + run.config.optimizer.name + ",";
    for (std::size_t j = 0, count = t.vector_count(); j < count; ++j) {
      const std::size_t i = t.parameter_point(j);
      row.assign(prefix);
      row.append(std::to_string(t.step(i))).append(",").append(format_exact(t[i].loss));
      if (evaluations) row.append(",").append(std::to_string(t.evaluations(i)));
      for (double p : t.parameters(j)) row.append(",").append(format_exact(p));
      out << row.append("\n");
    }
  }
}

}  // namespace

void write_csv(std::ostream& out, const SessionSnapshot& snapshot, bool evaluations) {
  if (const std::size_t n = network_parameters(snapshot))
    return write_network_csv(out, snapshot, n, evaluations);
  out << (evaluations ? "run,optimizer,step,x,y,loss,evals\n" : "run,optimizer,step,x,y,loss\n");
  std::string row;
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const RunView& run = snapshot.runs[r];
    const Trajectory& t = *run.trajectory;
    const std::string prefix = std::to_string(r) + "," + run.config.optimizer.name + ",";
    for (std::size_t i = 0, n = t.size(); i < n; ++i) {
      row.assign(prefix);
      row.append(std::to_string(t.step(i))).append(",").append(format_exact(t[i].x)).append(",");
      row.append(format_exact(t[i].y)).append(",").append(format_exact(t[i].loss));
      if (evaluations) row.append(",").append(std::to_string(t.evaluations(i)));
      out << row.append("\n");
    }
  }
}

// Written by hand rather than as one nlohmann::json value: a run's rows can be millions.
void write_json(std::ostream& out, const SessionSnapshot& snapshot,
                const RunOutputContext& context) {
  using nlohmann::json;
  json objective = {{"kind", context.objective_kind}};
  if (!snapshot.runs.empty()) {
    const ObjectiveInfo& info = snapshot.runs[0].config.objective->info();
    objective["name"] = info.name;
    objective["formula"] = info.formula;
  }
  if (!context.data_path.empty()) objective["data"] = context.data_path;
  const std::size_t parameters = network_parameters(snapshot);
  if (parameters) objective["parameters"] = parameters;
  out << "{\"objective\":" << objective.dump() << ",\"steps\":" << context.limits.max_steps
      << ",\"every\":" << context.limits.record_every
      << ",\"tolerance\":" << format_exact(context.limits.tolerance) << ",\"runs\":[";
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const RunView& run = snapshot.runs[r];
    const Trajectory& t = *run.trajectory;
    json head = {{"run", r},
                 {"optimizer", run.config.optimizer.name},
                 {"spec", format_optimizer_spec(run.config.optimizer)},
                 {"params", run.params},
                 {"sampling",
                  {{"batch", run.config.sampling.batch},
                   {"noise", run.config.sampling.gradient_noise},
                   {"seed", run.config.sampling.seed}}},
                 {"status", to_string(t.status())},
                 {"status_step", t.status_step()}};
    if (t.status() == RunStatus::diverged) head["reason"] = describe(t.divergence());
    if (t.status() == RunStatus::failed) head["error"] = t.error();
    std::string text = head.dump();
    text.pop_back();  // reopen the object for the rows
    out << (r ? "," : "") << text << ",\"trajectory\":[";
    const std::size_t rows = parameters ? t.vector_count() : t.size();
    for (std::size_t row = 0; row < rows; ++row) {
      const std::size_t i = parameters ? t.parameter_point(row) : row;
      out << (row ? "," : "") << "{\"step\":" << t.step(i);
      if (parameters) {
        out << ",\"loss\":" << format_exact(t[i].loss) << ",\"parameters\":[";
        const auto p = t.parameters(row);
        for (std::size_t k = 0; k < p.size(); ++k) out << (k ? "," : "") << format_exact(p[k]);
        out << "]";
      } else {
        out << ",\"x\":" << format_exact(t[i].x) << ",\"y\":" << format_exact(t[i].y)
            << ",\"loss\":" << format_exact(t[i].loss);
      }
      if (t.has_batch_losses()) {
        // Stored as a float: a diverging run's batch loss may overflow it. JSON has no inf.
        const double batch = t.batch_loss(i);
        out << ",\"batch_loss\":" << (std::isfinite(batch) ? format_exact(batch) : "null");
      }
      if (context.evaluations) out << ",\"evals\":" << t.evaluations(i);
      out << "}";
    }
    out << "]}";
  }
  out << "]}\n";
}

void report_data_warning(std::ostream& out, const Objective& objective) {
  const Dataset* data = nullptr;
  if (const FittedModel* model = objective.fitted_model()) data = &model->data();
  if (const Network* network = network_of(objective)) data = &network->data();
  if (data && !data->warning.empty()) out << "descent: warning: " << data->warning << "\n";
}

void report_divergences(std::ostream& out, const SessionSnapshot& snapshot) {
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const Trajectory& t = *snapshot.runs[r].trajectory;
    if (t.status() == RunStatus::diverged)
      out << "descent: run " << r << " ("
          << format_optimizer_spec(snapshot.runs[r].config.optimizer) << ") diverged at step "
          << t.status_step() << ": " << describe(t.divergence()) << "\n";
  }
}

bool report_failures(std::ostream& out, const SessionSnapshot& snapshot) {
  bool any = false;
  for (std::size_t r = 0; r < snapshot.runs.size(); ++r) {
    const Trajectory& t = *snapshot.runs[r].trajectory;
    if (t.status() != RunStatus::failed) continue;
    out << "descent: run " << r << " (" << format_optimizer_spec(snapshot.runs[r].config.optimizer)
        << ") failed at step " << t.status_step() << ": " << t.error() << "\n";
    any = true;
  }
  return any;
}

}  // namespace descent
