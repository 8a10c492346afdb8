#pragma once
// The visualizer's model: the objective, the start point, the runs and their look, the lesson,
// turned into Session commands; and the scenario all of it is. GL- and ImGui-free, so tests
// drive it directly.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model_loader.hpp"
#include "objective.hpp"
#include "objective_spec.hpp"
#include "optimizer_spec.hpp"
#include "palette.hpp"
#include "playback.hpp"
#include "scenario.hpp"
#include "schedule.hpp"
#include "session.hpp"

namespace descent {

struct LabRun {
  RunId id = 0;  // the Session's
  OptimizerSpec spec;
  Sampling sampling;  // as chosen: mini-batches are kept, and used, for objectives with samples
  Rgb colour;
  bool visible = true;
  std::string label;          // "" : named after its spec (see run_label)
  std::optional<Vec2> start;  // its own start; none: the lab's
  Schedule schedule;          // to show the learning rate in effect at any step
};

class Lab {
 public:
  static constexpr std::int64_t kDefaultStepLimit = Scenario::kDefaultSteps;

  explicit Lab(unsigned threads = 0);

  // [SECTION] the objective
  const std::shared_ptr<const Objective>& objective() const { return m_objective; }
  // What the current objective was built from.
  const ObjectiveSpec& objective_spec() const { return m_spec; }
  // A surface or a formula is built at once (throws std::invalid_argument, e.g. for a typo in
  // a formula, and nothing changes); a model over data is built in the background and
  // installed by poll(), the current objective staying until then (and for good when its data
  // cannot be read). A new objective moves the start to the one it suggests, unless it is the
  // same model with the same feature scaling (its parameters mean what they meant); every run
  // recomputes; runs on mini-batches of an objective without samples go full-batch.
  void set_objective(const ObjectiveSpec& spec);
  // Installs an objective built elsewhere from `spec`, at once.
  void set_objective(const ObjectiveSpec& spec, std::shared_ptr<const Objective> objective);
  // Changes when the plane's coordinates start to mean something else: views and fields made
  // for the old ones are of no use.
  std::uint64_t parameter_space() const { return m_parameter_space; }
  // Installs a model or scenario that finished loading; call once a frame. Returns a load
  // error once (naming the file, line and column), else "".
  std::string poll();
  bool loading() const { return m_loader.busy(); }
  // A scenario is waiting for its model's data: the lab is not yet what load() was given.
  bool waiting() const { return m_pending.has_value(); }
  // That scenario, while it waits.
  const std::optional<Scenario>& pending() const { return m_pending; }
  // The number of the last load() asked for, and whether the lab holds that load now (a load
  // is abandoned when another objective is chosen before its data arrives).
  std::uint64_t last_load() const { return m_loads_requested; }
  bool holds(std::uint64_t load) const { return m_loads_applied == load; }

  // [SECTION] start, steps, look
  const Vec2& start() const { return m_start; }
  void set_start(const Vec2& start);  // throws std::invalid_argument for a non-finite point
  std::int64_t step_limit() const { return m_step_limit; }
  void set_step_limit(std::int64_t steps);  // 0 to 1e9; throws std::invalid_argument otherwise
  // Which steps the runs record: all of them, or thinned after a dense start for long runs.
  Recording recording() const { return bounded_recording(m_step_limit); }
  Contours& contours() { return m_contours; }
  const Contours& contours() const { return m_contours; }
  const Lesson& lesson() const { return m_lesson; }
  Playback& playback() { return m_playback; }
  const Playback& playback() const { return m_playback; }
  // What the canvas should show: what a scenario said or the user panned to; none: the
  // objective's view. view_request() changes when a scenario asks for a view anew.
  const std::optional<Box>& view() const { return m_view; }
  void set_view(const std::optional<Box>& view) { m_view = view; }
  std::uint64_t view_request() const { return m_view_request; }

  // [SECTION] runs; on std::invalid_argument nothing changes
  const std::vector<LabRun>& runs() const { return m_runs; }
  const LabRun* find(RunId id) const;
  RunId add_run(const OptimizerSpec& spec, const Sampling& sampling = {});
  RunId duplicate_run(RunId id);
  void remove_run(RunId id);
  void set_spec(RunId id, const OptimizerSpec& spec);
  void set_sampling(RunId id, const Sampling& sampling);
  void set_colour(RunId id, Rgb colour);
  void set_visible(RunId id, bool visible);
  void set_label(RunId id, const std::string& label);
  // A start of the run's own, or none to follow the lab's; throws for a non-finite point.
  void set_run_start(RunId id, std::optional<Vec2> start);
  void clear_runs();

  // [SECTION] scenarios
  // What the lab is, as a scenario.
  Scenario scenario() const;
  // Makes the lab what `scenario` says. Everything is checked first: on std::invalid_argument
  // nothing changes. A model's data is read in the background: the lab switches when poll()
  // has it, or reports why it could not.
  void load(const Scenario& scenario);
  // The same with its objective already built (from scenario.objective), at once.
  void load(const Scenario& scenario, std::shared_ptr<const Objective> objective);
  // Makes the lab what `scenario` says, as undo and redo do: what an edit never changes stays
  // (the playback, the view unless the plane changes, the lesson); the objective is rebuilt
  // only when it differs; runs equal to one in the lab, or in its place, keep their ids and
  // only what changed recomputes. A model's data is read in the background, as for load().
  // Returns the load's number (see last_load()); on std::invalid_argument nothing changes.
  std::uint64_t restore(const Scenario& scenario);
  // The lab a newcomer sees: Rosenbrock, SGD, momentum and Adam.
  static Scenario default_scenario();
  void load_defaults() { load(default_scenario()); }

  // [SECTION] results
  Session& session() { return m_session; }
  const Session& session() const { return m_session; }
  std::shared_ptr<const SessionSnapshot> snapshot() const { return m_session.snapshot(); }
  // The furthest step any run has to show (its last point); what playback runs up to.
  std::int64_t last_step(const SessionSnapshot& snapshot) const;

 private:
  // Makes `objective` the lab's; throws, changing nothing, when it suggests no finite start
  // and the plane changes (always when `new_plane`) and no `start` is given to use instead.
  void install(const ObjectiveSpec& spec, std::shared_ptr<const Objective> objective,
               bool new_plane = false, const std::optional<Vec2>& start = std::nullopt);
  // Installs the scenario's objective and everything else of it: load number `load`; as
  // restore() does when `restoring`.
  void commit(const Scenario& scenario, std::shared_ptr<const Objective> objective,
              std::uint64_t load, bool restoring = false);
  // Everything of `scenario` but the objective, onto the lab with `objective` installed.
  void apply(const Scenario& scenario);
  // The same as an edit: runs matched to the lab's keep their ids and recompute only when
  // they or what they share changed (every run for a `new_objective`); playback and view stay.
  void reconcile(const Scenario& scenario, bool new_objective);
  RunConfig config_for(const LabRun& run) const;
  // The sampling the objective can do: no mini-batches without samples.
  Sampling usable(Sampling sampling) const;
  LabRun& entry(RunId id);
  void recompute_all();
  // A network on a plane that depends on its runs' paths (their principal plane, or through
  // the best point found): once every visible run has its path, moves the runs onto that plane
  // (recomputing them: the same paths, projected).
  void share_network_plane();

  // What a network's runs' paths depend on: the plane is shared anew when it changes.
  struct PathSource {
    ObjectiveSpec spec;
    std::int64_t steps = 0;
    double tolerance = 0;
    std::vector<std::pair<OptimizerSpec, Sampling>> runs;  // the visible ones
    bool operator==(const PathSource&) const = default;
  };
  PathSource path_source() const;

  Session m_session;
  ObjectiveSpec m_spec;
  std::shared_ptr<const Objective> m_objective;
  std::uint64_t m_parameter_space = 0;
  Vec2 m_start = Vec2::Zero();
  std::int64_t m_step_limit = kDefaultStepLimit;
  double m_tolerance = 0;  // runs stop once |gradient| is below it; 0: never
  Contours m_contours;
  Lesson m_lesson;
  Playback m_playback;
  std::optional<Box> m_view;
  std::uint64_t m_view_request = 0;
  std::vector<LabRun> m_runs;
  ModelLoader m_loader{m_session};
  // A scenario waiting for its model's data: installed with it by poll().
  std::optional<Scenario> m_pending;
  std::uint64_t m_pending_request = 0;          // the loader's request for it
  std::uint64_t m_pending_load = 0;             // its load number
  bool m_pending_restore = false;               // restored (undo, redo) rather than loaded
  std::optional<PathSource> m_shared_plane_of;  // the paths the network's plane is the PCA of
  std::uint64_t m_loads_requested = 0, m_loads_applied = 0;
};

// The run's label, or else "adam lr=0.05 batch=32": the keys set, rounded to 3 significant
// digits, and the batch size when the run steps on mini-batches (`batches_used`: the
// objective has samples).
std::string run_label(const LabRun& run, bool batches_used = true);
std::string run_label(const OptimizerSpec& spec);

}  // namespace descent
