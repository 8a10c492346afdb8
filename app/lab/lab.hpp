#pragma once
// The visualizer's model: the objective, the start point, the runs and their look, turned into
// Session commands. GL- and ImGui-free, so tests drive it directly.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "model_loader.hpp"
#include "objective.hpp"
#include "optimizer_spec.hpp"
#include "palette.hpp"
#include "schedule.hpp"
#include "session.hpp"

namespace descent {

struct LabRun {
  RunId id = 0;  // the Session's
  OptimizerSpec spec;
  Sampling sampling;  // as chosen: mini-batches are kept, and used, for objectives with samples
  Rgb colour;
  bool visible = true;
  Schedule schedule;  // to show the learning rate in effect at any step
};

class Lab {
 public:
  static constexpr std::int64_t kDefaultStepLimit = 2000;

  explicit Lab(unsigned threads = 0);

  // [SECTION] scenario
  const std::shared_ptr<const Objective>& objective() const { return m_objective; }
  // Switches to a test surface (or any objective that is not a model over data), forgetting
  // any model still loading: the start moves to its suggested start, parameter_space()
  // changes, every run recomputes; runs on mini-batches of an objective without samples go
  // full-batch.
  void set_objective(std::shared_ptr<const Objective> objective);
  // Changes when the plane's coordinates start to mean something else: views and fields made
  // for the old ones are of no use.
  std::uint64_t parameter_space() const { return m_parameter_space; }
  const Vec2& start() const { return m_start; }
  void set_start(const Vec2& start);  // throws std::invalid_argument for a non-finite point
  std::int64_t step_limit() const { return m_step_limit; }
  void set_step_limit(std::int64_t steps);  // 0 to 1e9; throws std::invalid_argument otherwise

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
  void clear_runs();

  // [SECTION] models over data
  // Builds the model in the background; poll() installs it. Until then the current objective
  // stays, and it stays for good when the data cannot be read.
  void request_model(const ModelScenario& scenario);
  // Installs a finished model; call once a frame. Returns a load error once, else "".
  std::string poll();
  // Installs a model built from `scenario` (see build_model) at once. The same model over
  // other data keeps the start and parameter_space(): its parameters mean what they meant.
  void set_model(const ModelScenario& scenario, std::shared_ptr<const Objective> objective);
  bool loading() const { return m_loader.busy(); }
  // The model and data of the current objective, when it is a model over data.
  const std::optional<ModelScenario>& model() const { return m_model; }

  // [SECTION] results
  Session& session() { return m_session; }
  const Session& session() const { return m_session; }
  std::shared_ptr<const SessionSnapshot> snapshot() const { return m_session.snapshot(); }
  // The furthest step any run has to show (its last point); what playback runs up to.
  std::int64_t last_step(const SessionSnapshot& snapshot) const;

  // The newcomer's lab: Rosenbrock from a start that shows the valley, SGD, momentum and Adam.
  void load_defaults();

 private:
  // The objective switch itself: see set_objective and set_model.
  void install(std::shared_ptr<const Objective> objective, bool same_parameters);
  RunConfig config_for(const LabRun& run) const;
  // The sampling the objective can do: no mini-batches without samples.
  Sampling usable(Sampling sampling) const;
  LabRun& entry(RunId id);
  void recompute_all();

  Session m_session;
  std::shared_ptr<const Objective> m_objective;
  std::uint64_t m_parameter_space = 0;
  Vec2 m_start = Vec2::Zero();
  std::int64_t m_step_limit = kDefaultStepLimit;
  std::vector<LabRun> m_runs;
  ModelLoader m_loader{m_session};
  std::optional<ModelScenario> m_model;
};

// "adam", or "adam lr=0.05" with the keys that differ from the defaults.
std::string run_label(const OptimizerSpec& spec);

}  // namespace descent
