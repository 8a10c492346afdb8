#pragma once
// The anatomy of any step of a run (StepAnatomy: the parts of its update and its formula with
// the numbers), found by replaying the run to that step: runs are deterministic, and keeping
// every step's optimizer state would cost more than stepping again. A network's step is drawn
// projected on the plane its runs are drawn on; its formula keeps the whole vectors' numbers.
#include <cstdint>
#include <functional>
#include <optional>
#include <variant>

#include "anatomy.hpp"
#include "session.hpp"

namespace descent {

struct ExplainedStep {
  std::int64_t step = 0;      // the step from the point recorded at `step` to the next
  Vec2 from{0, 0};            // where it starts, on the canvas
  StepAnatomy<Vec2> anatomy;  // its vectors on the canvas (projected, for a network)
  Eigen::Index parameters = 2;
};

class StepExplainer {
 public:
  // Throws std::invalid_argument as the run would.
  explicit StepExplainer(const RunConfig& config);

  // Step `step`'s anatomy: forward from the last step explained, from the start for an earlier
  // one. None when the run ends before it takes that step (it converged, diverged, or reached
  // its step limit), or when `abandoned` turned true (checked every few thousand steps).
  std::optional<ExplainedStep> explain(std::int64_t step,
                                       const std::function<bool()>& abandoned = {});

 private:
  RunConfig m_config;
  std::optional<std::variant<Run, NetworkRun>> m_run;
};

}  // namespace descent
