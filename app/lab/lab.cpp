#include "lab.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "optimizer.hpp"
#include "surfaces.hpp"
#include "text.hpp"

namespace descent {

Lab::Lab(unsigned threads) : m_session(threads) {}

RunConfig Lab::config_for(const LabRun& run) const {
  return {m_objective, run.spec, m_start, RunLimits{.max_steps = m_step_limit},
          usable(run.sampling)};
}

Sampling Lab::usable(Sampling sampling) const {
  if (m_objective && m_objective->sample_count() == 0) sampling.batch = 0;
  return sampling;
}

LabRun& Lab::entry(RunId id) {
  for (auto& run : m_runs)
    if (run.id == id) return run;
  throw std::invalid_argument(cat("no run with id ", id));
}

const LabRun* Lab::find(RunId id) const {
  for (const auto& run : m_runs)
    if (run.id == id) return &run;
  return nullptr;
}

void Lab::recompute_all() {
  for (const auto& run : m_runs) m_session.update(run.id, config_for(run));
}

void Lab::set_objective(std::shared_ptr<const Objective> objective) {
  if (!objective) throw std::invalid_argument("no objective");
  m_loader.cancel();  // a model still loading must not replace what the user chose since
  install(std::move(objective), false);
  m_model.reset();
}

void Lab::install(std::shared_ptr<const Objective> objective, bool same_parameters) {
  m_objective = std::move(objective);
  if (!same_parameters) {
    m_start = m_objective->info().start;
    ++m_parameter_space;
  }
  recompute_all();
}

void Lab::request_model(const ModelScenario& scenario) {
  m_loader.request(scenario);
}

std::string Lab::poll() {
  auto result = m_loader.take();
  if (!result) return "";
  if (!result->objective) return result->error;
  set_model(result->scenario, result->objective);
  return "";
}

void Lab::set_model(const ModelScenario& scenario, std::shared_ptr<const Objective> objective) {
  // The same model with the same feature scaling: its parameters mean what they meant, so the
  // start the user chose and the view stay.
  if (!objective) throw std::invalid_argument("no objective");
  bool same_parameters = m_model && m_model->model.model == scenario.model.model &&
                         m_model->model.standardize == scenario.model.standardize;
  install(std::move(objective), same_parameters);
  m_model = scenario;
}

void Lab::set_start(const Vec2& start) {
  if (!std::isfinite(start.x()) || !std::isfinite(start.y()))
    throw std::invalid_argument("the start must be a finite point");
  if (start == m_start) return;
  m_start = start;
  recompute_all();
}

void Lab::set_step_limit(std::int64_t steps) {
  if (steps < 0 || steps > RunLimits::kMaxSteps)
    throw std::invalid_argument(
        cat("step limit ", steps, " is out of range; allowed: 0 to ", RunLimits::kMaxSteps));
  if (steps == m_step_limit) return;
  m_step_limit = steps;
  recompute_all();
}

RunId Lab::add_run(const OptimizerSpec& spec, const Sampling& sampling) {
  if (!m_objective) throw std::invalid_argument("choose a surface before adding runs");
  Optimizer check(spec);
  std::vector<Rgb> used;
  for (const auto& run : m_runs) used.push_back(run.colour);
  LabRun run{0,        spec,
             sampling, next_run_colour(used),
             true,     Schedule(spec.name, spec.schedule, spec.schedule_params)};
  run.id = m_session.add(config_for(run));
  m_runs.push_back(run);
  return run.id;
}

RunId Lab::duplicate_run(RunId id) {
  const LabRun original = entry(id);
  RunId copy = add_run(original.spec, original.sampling);
  // Place the copy right after its original, where the user is looking.
  auto it =
      std::find_if(m_runs.begin(), m_runs.end(), [id](const LabRun& r) { return r.id == id; });
  std::rotate(it + 1, m_runs.end() - 1, m_runs.end());
  return copy;
}

void Lab::remove_run(RunId id) {
  entry(id);
  m_session.remove(id);
  std::erase_if(m_runs, [id](const LabRun& r) { return r.id == id; });
}

void Lab::set_spec(RunId id, const OptimizerSpec& spec) {
  LabRun& run = entry(id);
  if (spec == run.spec) return;
  Schedule schedule(spec.name, spec.schedule, spec.schedule_params);  // throws first
  LabRun changed = run;
  changed.spec = spec;
  m_session.update(id, config_for(changed));
  run.spec = spec;
  run.schedule = schedule;
}

void Lab::set_sampling(RunId id, const Sampling& sampling) {
  LabRun& run = entry(id);
  LabRun changed = run;
  changed.sampling = sampling;
  if (changed.sampling == run.sampling) return;
  m_session.update(id, config_for(changed));
  run.sampling = changed.sampling;
}

void Lab::set_colour(RunId id, Rgb colour) {
  entry(id).colour = colour;
}
void Lab::set_visible(RunId id, bool visible) {
  entry(id).visible = visible;
}

void Lab::clear_runs() {
  m_session.clear();
  m_runs.clear();
}

std::int64_t Lab::last_step(const SessionSnapshot& snapshot) const {
  std::int64_t last = 0;
  for (const auto& run : snapshot.runs) {
    const Trajectory& t = *run.trajectory;
    std::size_t n = t.size();
    if (t.status() == RunStatus::running || t.status() == RunStatus::cancelled)
      last = std::max(last, run.config.limits.max_steps);  // still computing: up to the limit
    else if (n)
      last = std::max(last, t.step(n - 1));
  }
  return last;
}

void Lab::load_defaults() {
  clear_runs();
  m_step_limit = kDefaultStepLimit;
  set_objective(find_surface("rosenbrock"));
  set_start({-1.2, 1});  // the classic start: down into the valley, then along it
  for (const char* spec : {"sgd:lr=0.001", "sgd:lr=0.001,momentum=0.9", "adam:lr=0.05"})
    add_run(parse_optimizer_spec(spec));
}

std::string run_label(const OptimizerSpec& spec) {
  std::string text = format_optimizer_spec(spec);
  auto colon = text.find(':');
  if (colon == std::string::npos) return text;
  std::string keys = text.substr(colon + 1);
  std::replace(keys.begin(), keys.end(), ',', ' ');
  return text.substr(0, colon) + " " + keys;
}

}  // namespace descent
