#pragma once
// A run: an optimizer descending a loss from a start point, recorded step by step, over two
// parameters (Run, a surface) or many (NetworkRun, a network: drawn projected on a plane).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "batches.hpp"
#include "objective.hpp"
#include "optimizer.hpp"
#include "plane.hpp"
#include "rng.hpp"
#include "trajectory.hpp"

namespace descent {

struct RunLimits {
  static constexpr std::int64_t kMaxSteps = 1'000'000'000;
  std::int64_t max_steps = 1000;
  double tolerance = 0;           // converged when |gradient| < tolerance; 0: never
  std::int64_t record_every = 1;  // record every k-th step (and always the first and last)
  // Past this step (a multiple of record_every), record every thin_every-th step only: long runs
  // in bounded memory (see recording.hpp).
  std::int64_t thin_after = Recording::kNever;
  std::int64_t thin_every = 1;
  // A network's run keeps its parameter vectors (every point's, or every k-th point's) in at
  // most about this many bytes.
  std::size_t parameter_bytes = kParameterBytes;
  static constexpr std::size_t kParameterBytes = std::size_t{16} << 20;

  Recording recording() const {
    return {.every = record_every, .thin_after = thin_after, .thin_every = thin_every};
  }
};

// Divergence: a non-finite loss or gradient, or a point beyond this magnitude.
constexpr double kDivergedMagnitude = 1e15;

// Above this gradient cost (Objective::gradient_cost) a trajectory stores |gradient| at its
// points, which readers could not afford to compute again.
constexpr double kCostlyEvaluation = 1000;

// Steps and records a run; owns the loop that update rules never have. Single-threaded:
// the Session gives each run to one worker at a time.
//
// At each point it evaluates what the point needs: the loss over all samples (recorded, and
// the gradient of a full-batch run), and for a mini-batch run the batch of that step, whose
// gradient moves the point on. A mini-batch run skips the full loss at points it does not
// record (unless a tolerance needs it): the path is the same, only cheaper.
//
// A run over VecX records each point projected on its plane (the first two parameters when it
// has none) with its distance from it, |gradient|, and the whole parameter vector at every
// point or, past RunLimits::parameter_bytes, at evenly spaced ones and the last.
template <class V>
class BasicRun {
 public:
  // Throws std::invalid_argument for bad limits, a non-finite start, or sampling the
  // objective cannot do (mini-batches of an objective without samples, negative noise).
  BasicRun(std::shared_ptr<const Differentiable<V>> objective, BasicOptimizer<V> optimizer, V start,
           RunLimits limits, Sampling sampling = {}, std::shared_ptr<const Plane> plane = nullptr);

  // The trajectory the run writes into; readers on other threads may hold it.
  const std::shared_ptr<Trajectory>& trajectory() const { return m_trajectory; }

  // Takes up to `budget` more steps. Returns false once the run has ended (its status is then
  // final in the trajectory). An error while stepping (out of memory, an objective that throws)
  // ends the run as failed, with its message, rather than escaping.
  bool advance(std::int64_t budget);
  // Ends the run early without a result (a newer version of it replaced it).
  void cancel();
  // Ends the run as failed at the current step, with a message for the user.
  void fail(std::string error);
  // The steps taken so far and the point they reached.
  std::int64_t steps_taken() const { return m_step; }
  const V& point() const { return m_p; }
  // What the next step would do from the current point, without taking it (step anatomy);
  // none once the run has ended.
  std::optional<StepAnatomy<V>> explain_next() const;

 private:
  static std::size_t capacity_for(const RunLimits& limits);
  TrajectoryColumns columns() const;
  bool recorded(std::int64_t step) const {
    return m_recording.records(step) || step == m_limits.max_steps;
  }
  bool step_through(std::int64_t budget);  // advance() without the error handling
  // The gradient the next step uses: the batch's or the full one, with noise drawn from `noise`.
  V step_gradient(Rng& noise) const;
  // Evaluates what the current point needs; a reason when something is not finite.
  Divergence arrive();
  void record(std::int64_t step);
  void end(RunStatus status, std::int64_t step, Divergence divergence = Divergence::none);

  std::shared_ptr<const Differentiable<V>> m_objective;
  BasicOptimizer<V> m_optimizer;
  RunLimits m_limits;
  Recording m_recording;
  Sampling m_sampling;
  std::shared_ptr<const Plane> m_plane;  // null: a two-parameter run, or the first two axes
  std::optional<BatchSchedule> m_batches;
  Rng m_noise;
  std::shared_ptr<Trajectory> m_trajectory;
  V m_p;
  BasicValueGradient<V> m_eval{};        // over all samples, at m_p when m_have_eval
  BasicValueGradient<V> m_batch_eval{};  // over the batch of step m_step, at m_p (mini-batch)
  bool m_have_eval = false;
  bool m_evaluates = false;        // the rule evaluates the loss itself (evaluating_rule.hpp)
  std::int64_t m_evaluations = 0;  // the run's own value_gradient() calls over all samples
  std::int64_t m_step = 0;
  std::int64_t m_recorded_step = -1;  // the step of the last recorded point
  bool m_started = false, m_ended = false;
};

extern template class BasicRun<Vec2>;
extern template class BasicRun<VecX>;

using Run = BasicRun<Vec2>;
using NetworkRun = BasicRun<VecX>;

}  // namespace descent
