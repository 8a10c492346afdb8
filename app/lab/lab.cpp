#include "lab.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "network_plane.hpp"
#include "optimizer.hpp"
#include "rounded.hpp"
#include "text.hpp"

namespace descent {
namespace {

bool finite(const Vec2& p) {
  return std::isfinite(p.x()) && std::isfinite(p.y());
}

// Whether the plane's coordinates keep their meaning from one objective to the next: the same
// model with the same feature scaling, or a formula edited within the same box.
bool same_parameters(const ObjectiveSpec& a, const ObjectiveSpec& b) {
  const auto *ma = std::get_if<ModelSpec>(&a), *mb = std::get_if<ModelSpec>(&b);
  // A network's layers, activation, start or plane give its plane other coordinates.
  if (ma && mb) return ma->model == mb->model && ma->network == mb->network;
  const auto *fa = std::get_if<FormulaSpec>(&a), *fb = std::get_if<FormulaSpec>(&b);
  return fa && fb && fa->box == fb->box;
}

void check_steps(std::int64_t steps) {
  if (steps < 0 || steps > RunLimits::kMaxSteps)
    throw std::invalid_argument(
        cat("step limit ", steps, " is out of range; allowed: 0 to ", RunLimits::kMaxSteps));
}

}  // namespace

Lab::Lab(unsigned threads) : m_session(threads) {}

RunConfig Lab::config_for(const LabRun& run) const {
  // The window keeps every step of a long run's start, where most happens, then thins: 8 runs of
  // a billion steps would otherwise need 192 GB.
  const Recording recording = bounded_recording(m_step_limit);
  return {m_objective, run.spec, run.start.value_or(m_start),
          RunLimits{.max_steps = m_step_limit,
                    .tolerance = m_tolerance,
                    .record_every = recording.every,
                    .thin_after = recording.thin_after,
                    .thin_every = recording.thin_every},
          usable(run.sampling)};
}

Sampling Lab::usable(Sampling sampling) const {
  return m_objective ? usable_sampling(sampling, m_objective->sample_count()) : sampling;
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

// [SECTION] the objective
void Lab::set_objective(const ObjectiveSpec& spec) {
  if (const auto* model = std::get_if<ModelSpec>(&spec)) {
    m_pending.reset();
    m_loader.request(*model);
    return;
  }
  set_objective(spec, build_objective(spec));  // throws before anything changes
}

void Lab::set_objective(const ObjectiveSpec& spec, std::shared_ptr<const Objective> objective) {
  if (!objective) throw std::invalid_argument("no objective");
  m_loader.cancel();  // a model still loading must not replace what was chosen since
  m_pending.reset();
  install(spec, std::move(objective));
  recompute_all();
}

void Lab::install(const ObjectiveSpec& spec, std::shared_ptr<const Objective> objective,
                  bool new_plane, const std::optional<Vec2>& start) {
  m_shared_plane_of.reset();  // a network's new objective is shared anew
  const bool same = !new_plane && m_objective && same_parameters(m_spec, spec);
  if (!same && !start && !finite(objective->info().start))  // checked before anything changes
    throw std::invalid_argument(objective->info().name + " suggests no finite start point");
  m_spec = spec;
  m_objective = std::move(objective);
  if (!same) {
    m_start = start.value_or(m_objective->info().start);
    m_view.reset();
    ++m_parameter_space;
  }
}

Lab::PathSource Lab::path_source() const {
  PathSource source{m_spec, m_step_limit, m_tolerance, {}};
  for (const LabRun& run : m_runs)
    if (run.visible) source.runs.emplace_back(run.spec, run.sampling);
  return source;
}

void Lab::share_network_plane() {
  const NetworkSlice* slice = m_objective ? m_objective->network_slice() : nullptr;
  const auto* model = std::get_if<ModelSpec>(&m_spec);
  if (!slice || !model || !plane_needs_paths(model->network)) return;
  PathSource source = path_source();
  if (source == m_shared_plane_of) return;
  const auto snap = snapshot();
  std::vector<std::shared_ptr<const Trajectory>> paths;
  const std::optional<std::size_t> center = center_run(model->network.center);
  CenterRun end_of;
  for (std::size_t i = 0; i < m_runs.size(); ++i) {
    const RunView* view = m_runs[i].visible ? snap->find(m_runs[i].id) : nullptr;
    if (!view) continue;
    if (view->trajectory->status() == RunStatus::running) return;  // not every path yet
    if (i == center) end_of = {paths.size(), run_label(m_runs[i], m_objective->sample_count() > 0)};
    paths.push_back(view->trajectory);
  }
  if (paths.empty()) return;
  const double seed = models().resolve(model->model).at("plane_seed");
  if (auto shared =
          shared_slice(*slice, model->network, static_cast<std::uint64_t>(seed), paths, end_of)) {
    install(m_spec, std::move(shared), true);
    recompute_all();
  }
  m_shared_plane_of = std::move(source);  // after install(), which forgets it
}

std::string Lab::poll() {
  share_network_plane();
  auto result = m_loader.take();
  if (!result) return "";
  const bool scenario = m_pending && result->request == m_pending_request;
  if (!result->objective) {
    m_pending.reset();
    return result->error;
  }
  if (scenario) {
    Scenario s = std::move(*m_pending);
    m_pending.reset();
    try {
      commit(s, result->objective, m_pending_load, m_pending_restore);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
  } else {
    try {
      install(result->spec, result->objective);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    recompute_all();
  }
  return "";
}

// [SECTION] start, steps
void Lab::set_start(const Vec2& start) {
  if (!finite(start)) throw std::invalid_argument("the start must be a finite point");
  if (start == m_start) return;
  m_start = start;
  recompute_all();
}

void Lab::set_step_limit(std::int64_t steps) {
  check_steps(steps);
  if (steps == m_step_limit) return;
  m_step_limit = steps;
  recompute_all();
}

// [SECTION] runs
RunId Lab::add_run(const OptimizerSpec& spec, const Sampling& sampling) {
  if (!m_objective) throw std::invalid_argument("choose a surface before adding runs");
  Optimizer check(spec);
  std::vector<Rgb> used;
  for (const auto& run : m_runs) used.push_back(run.colour);
  LabRun run;
  run.spec = spec;
  run.sampling = sampling;
  run.colour = next_run_colour(used);
  run.schedule = Schedule(spec.name, spec.schedule);
  run.id = m_session.add(config_for(run));
  m_runs.push_back(run);
  return run.id;
}

RunId Lab::duplicate_run(RunId id) {
  const LabRun original = entry(id);
  RunId copy = add_run(original.spec, original.sampling);
  entry(copy).start = original.start;
  if (original.start) m_session.update(copy, config_for(entry(copy)));
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
  Schedule schedule(spec.name, spec.schedule);  // throws first
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
void Lab::set_label(RunId id, const std::string& label) {
  entry(id).label = label;
}

void Lab::set_run_start(RunId id, std::optional<Vec2> start) {
  LabRun& run = entry(id);
  if (start && !finite(*start)) throw std::invalid_argument("the start must be a finite point");
  if (start == run.start) return;
  run.start = start;
  m_session.update(id, config_for(run));
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

// [SECTION] scenarios
Scenario Lab::scenario() const {
  Scenario s;
  s.lesson = m_lesson;
  s.objective = m_spec;
  // A network starts where its spec says, on a plane chosen anew: its plane's coordinates are
  // not kept.
  const bool network = m_objective && m_objective->network_slice();
  if (!network) s.start = m_start;
  s.steps = m_step_limit;
  s.tolerance = m_tolerance;
  s.contours = m_contours;
  if (!network) s.view = m_view;
  s.position = std::floor(m_playback.position);
  s.speed = m_playback.speed;
  for (const auto& run : m_runs)
    s.runs.push_back({run.spec, run.sampling, run.colour, run.visible, run.label, run.start});
  return s;
}

namespace {

// Everything of a scenario the lab could refuse, but its objective.
void validate(const Scenario& s) {
  check_steps(s.steps);
  if (!(s.tolerance >= 0) || !std::isfinite(s.tolerance))
    throw std::invalid_argument(cat("tolerance ", s.tolerance, " is out of range; allowed: >= 0"));
  if (s.start && !finite(*s.start)) throw std::invalid_argument("the start must be a finite point");
  for (std::size_t i = 0; i < s.runs.size(); ++i) {
    try {
      Optimizer check(s.runs[i].optimizer);
      make_sampling(sampling_values(s.runs[i].sampling));
      if (s.runs[i].start && !finite(*s.runs[i].start))
        throw std::invalid_argument("the start must be a finite point");
    } catch (const std::invalid_argument& e) {
      throw std::invalid_argument(cat("run ", i, ": ", e.what()));
    }
  }
}

}  // namespace

void Lab::load(const Scenario& s) {
  validate(s);
  if (const auto* model = std::get_if<ModelSpec>(&s.objective)) {
    m_pending = s;
    m_pending_restore = false;
    m_pending_request = m_loader.request(*model);
    m_pending_load = ++m_loads_requested;
    return;
  }
  load(s, build_objective(s.objective));  // throws for a formula with a typo
}

std::uint64_t Lab::restore(const Scenario& s) {
  validate(s);
  if (m_objective && s.objective == m_spec) {  // the objective stays as it is, built
    m_loader.cancel();
    m_pending.reset();
    reconcile(s, false);
    return m_loads_applied = ++m_loads_requested;
  }
  if (const auto* model = std::get_if<ModelSpec>(&s.objective)) {
    m_pending = s;
    m_pending_restore = true;
    m_pending_request = m_loader.request(*model);
    return m_pending_load = ++m_loads_requested;
  }
  auto objective = build_objective(s.objective);  // throws, changing nothing
  commit(s, std::move(objective), ++m_loads_requested, true);
  m_loader.cancel();
  m_pending.reset();
  return m_loads_requested;
}

void Lab::load(const Scenario& s, std::shared_ptr<const Objective> objective) {
  validate(s);
  if (!objective) throw std::invalid_argument("no objective");
  commit(s, std::move(objective), ++m_loads_requested);
  m_loader.cancel();
  m_pending.reset();
}

void Lab::commit(const Scenario& s, std::shared_ptr<const Objective> objective, std::uint64_t load,
                 bool restoring) {
  if (restoring) {
    // The plane changes only with the objective's parameters; the scenario's start replaces
    // the one the objective suggests.
    install(s.objective, std::move(objective), false, s.start);
    reconcile(s, true);
  } else {
    install(s.objective, std::move(objective), true);  // a scenario is a new plane, always
    apply(s);
  }
  m_loads_applied = load;
}

void Lab::apply(const Scenario& s) {
  clear_runs();
  m_step_limit = s.steps;
  m_tolerance = s.tolerance;
  m_contours = s.contours;
  m_lesson = s.lesson;
  m_playback = Playback{.position = s.position, .playing = false, .speed = s.speed};
  m_view = s.view;
  ++m_view_request;
  if (s.start) m_start = *s.start;
  for (const auto& spec : s.runs) {
    LabRun& run = entry(add_run(spec.optimizer, spec.sampling));
    if (spec.colour) run.colour = *spec.colour;
    run.visible = spec.visible;
    run.label = spec.label;
    if (spec.start) set_run_start(run.id, spec.start);
  }
}

void Lab::reconcile(const Scenario& s, bool new_objective) {
  std::vector<RunSpec> have;
  for (const auto& run : m_runs)
    have.push_back({run.spec, run.sampling, run.colour, run.visible, run.label, run.start});
  // Each run of the scenario takes an equal run of the lab, else the first one left over in
  // order: an edit of one run changes that run, and a removed run comes back as a new one.
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> match(s.runs.size(), kNone);
  std::vector<bool> taken(m_runs.size(), false);
  for (std::size_t i = 0; i < s.runs.size(); ++i)
    for (std::size_t j = 0; j < have.size(); ++j)
      if (!taken[j] && have[j] == s.runs[i]) {
        match[i] = j, taken[j] = true;
        break;
      }
  for (std::size_t i = 0, j = 0; i < s.runs.size(); ++i) {
    if (match[i] != kNone) continue;
    while (j < have.size() && taken[j]) ++j;
    if (j == have.size()) break;
    match[i] = j, taken[j] = true;
  }

  const bool all = new_objective || s.steps != m_step_limit || s.tolerance != m_tolerance ||
                   (s.start && *s.start != m_start);
  m_step_limit = s.steps;
  m_tolerance = s.tolerance;
  m_contours = s.contours;
  if (s.start) m_start = *s.start;
  for (std::size_t j = 0; j < m_runs.size(); ++j)
    if (!taken[j]) m_session.remove(m_runs[j].id);
  std::vector<LabRun> runs;
  std::vector<Rgb> used;
  for (const auto& spec : s.runs)
    if (spec.colour) used.push_back(*spec.colour);
  for (std::size_t i = 0; i < s.runs.size(); ++i) {
    const RunSpec& spec = s.runs[i];
    LabRun run = match[i] != kNone ? m_runs[match[i]] : LabRun{};
    const bool recompute = all || match[i] == kNone || run.spec != spec.optimizer ||
                           run.sampling != spec.sampling || run.start != spec.start;
    run.spec = spec.optimizer;
    run.sampling = spec.sampling;
    run.colour = spec.colour ? *spec.colour : next_run_colour(used);
    used.push_back(run.colour);
    run.visible = spec.visible;
    run.label = spec.label;
    run.start = spec.start;
    run.schedule = Schedule(spec.optimizer.name, spec.optimizer.schedule);
    if (match[i] == kNone)
      run.id = m_session.add(config_for(run));
    else if (recompute)
      m_session.update(run.id, config_for(run));
    runs.push_back(std::move(run));
  }
  m_runs = std::move(runs);
}

Scenario Lab::default_scenario() {
  Scenario s;
  s.objective = SurfaceSpec{"rosenbrock"};
  s.start = Vec2(-1.2, 1);  // the classic start: down into the valley, then along it
  for (const char* spec : {"sgd:lr=0.001", "sgd:lr=0.001,momentum=0.9", "adam:lr=0.05"})
    s.runs.push_back({.optimizer = parse_optimizer_spec(spec)});
  return s;
}

std::string run_label(const OptimizerSpec& spec) {
  // The text form's pairs in its order, each number rounded: a label is read, not parsed.
  std::string text = format_optimizer_spec(spec);
  auto colon = text.find(':');
  if (colon == std::string::npos) return text;
  std::string out = text.substr(0, colon);
  std::string_view rest = std::string_view(text).substr(colon + 1);
  while (!rest.empty()) {
    const std::string_view pair = rest.substr(0, rest.find(','));
    rest.remove_prefix(std::min(rest.size(), pair.size() + 1));
    const auto eq = pair.find('=');
    double number = 0;
    if (eq != std::string_view::npos && parse_number(pair.substr(eq + 1), number))
      out += cat(" ", pair.substr(0, eq + 1), rounded(number));
    else
      out += cat(" ", pair);
  }
  return out;
}

std::string run_label(const LabRun& run, bool batches_used) {
  if (!run.label.empty()) return run.label;
  std::string label = run_label(run.spec);
  if (batches_used && run.sampling.batch > 0)
    label += " batch=" + std::to_string(run.sampling.batch);
  return label;
}

}  // namespace descent
