#pragma once
// One row per run at the shown step: learning rate, loss, gradient, distance to the nearest
// minimum, status, and the step at which it first came within a tolerance.
#include <map>

#include "frame.hpp"
#include "run_stats.hpp"

namespace descent::ui {

class RunsTable {
 public:
  void draw(Frame& frame);

 private:
  std::map<RunId, ToleranceTracker> m_trackers;
};

}  // namespace descent::ui
