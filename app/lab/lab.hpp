#pragma once
// The visualizer's model: the objective, the start point, the runs and their look, turned into
// Session commands. GL- and ImGui-free, so tests drive it directly.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "objective.hpp"
#include "optimizer_spec.hpp"
#include "palette.hpp"
#include "schedule.hpp"
#include "session.hpp"

namespace descent {

struct LabRun {
  RunId id = 0;  // the Session's
  OptimizerSpec spec;
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
  // Switches objective; the start moves to its suggested start and every run recomputes.
  void set_objective(std::shared_ptr<const Objective> objective);
  const Vec2& start() const { return m_start; }
  void set_start(const Vec2& start);  // throws std::invalid_argument for a non-finite point
  std::int64_t step_limit() const { return m_step_limit; }
  void set_step_limit(std::int64_t steps);  // 0 to 1e9; throws std::invalid_argument otherwise

  // [SECTION] runs; on std::invalid_argument nothing changes
  const std::vector<LabRun>& runs() const { return m_runs; }
  const LabRun* find(RunId id) const;
  RunId add_run(const OptimizerSpec& spec);
  RunId duplicate_run(RunId id);
  void remove_run(RunId id);
  void set_spec(RunId id, const OptimizerSpec& spec);
  void set_colour(RunId id, Rgb colour);
  void set_visible(RunId id, bool visible);
  void clear_runs();

  // [SECTION] results
  Session& session() { return m_session; }
  // The newest sampled field if it is of this objective: a field of the previous surface is
  // not shown while the new one is sampled.
  std::shared_ptr<const FieldGrid> field() const;
  std::shared_ptr<const SessionSnapshot> snapshot() const { return m_session.snapshot(); }
  // The furthest step any run has to show (its last point); what playback runs up to.
  std::int64_t last_step(const SessionSnapshot& snapshot) const;

  // The newcomer's lab: Rosenbrock from a start that shows the valley, SGD, momentum and Adam.
  void load_defaults();

 private:
  RunConfig config_for(const OptimizerSpec& spec) const;
  LabRun& entry(RunId id);
  void recompute_all();

  Session m_session;
  std::shared_ptr<const Objective> m_objective;
  Vec2 m_start = Vec2::Zero();
  std::int64_t m_step_limit = kDefaultStepLimit;
  std::vector<LabRun> m_runs;
};

// "adam", or "adam lr=0.05" with the keys that differ from the defaults.
std::string run_label(const OptimizerSpec& spec);

}  // namespace descent
