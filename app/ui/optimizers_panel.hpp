#pragma once
// The runs and their optimizers, generated from the registry: add any optimizer, duplicate,
// remove, hide, recolour; every hyperparameter with its widget and tooltip; schedule, clipping
// and the learning rate in effect at the shown step.
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "frame.hpp"

namespace descent::ui {

// A two-column table row: the key, then its widget (param_widget).
bool key_row(const ParamSpec& spec, double& value);

class OptimizersPanel {
 public:
  void draw(Frame& frame);

 private:
  void draw_add_button(Frame& frame);
  void draw_run(Frame& frame, const RunRow& row);
  // Full batch, mini-batches or noise, and the seed.
  void draw_sampling(Frame& frame, const LabRun& run);
  // Applies an edited spec; a rejected one leaves the run as it was and shows why.
  void apply(Frame& frame, RunId id, const OptimizerSpec& spec);

  std::map<RunId, std::string> m_errors;
  std::string m_add_error;
  // Adding, duplicating and removing runs would invalidate the rows being drawn: they wait
  // until the panel is done.
  std::vector<std::function<void()>> m_deferred;
};

}  // namespace descent::ui
