#pragma once
// The runs and their optimizers, generated from the registry: add any optimizer, duplicate,
// remove, hide, recolour; every hyperparameter with its widget and tooltip; schedule, clipping
// and the learning rate in effect at the shown step.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frame.hpp"

namespace descent::ui {

class OptimizersPanel {
 public:
  void draw(Frame& frame);

 private:
  // Plain gradient descent's largest stable lr at the run's shown point, 2(1+β)/λmax, and the
  // curvature it comes from; none where it cannot say (a network, a costly loss).
  struct StableLr {
    double limit, lambda_max, momentum;
    bool analytic;
  };
  std::optional<StableLr> stable_lr(const Frame& frame, const LabRun& run) const;
  void draw_stable_lr(const StableLr& stable, double lr) const;
  void draw_add_button(Frame& frame);
  void draw_run(Frame& frame, const RunRow& row);
  // Rows of the keys table: full batch, mini-batches or noise, and the seed. Returns true
  // when `sampling` changed.
  bool draw_sampling_rows(Frame& frame, RunId id, Sampling& sampling);
  // Rows of the keys table: the run's own start, its label.
  void draw_start_row(Frame& frame, const LabRun& run);
  void draw_label_row(Frame& frame, const LabRun& run);
  // For a run on mini-batches: show its current batch's loss on the canvas instead of the full.
  void draw_batch_surface_switch(Frame& frame, const LabRun& run);
  // Applies an edited spec; a rejected one leaves the run as it was and shows why.
  void apply(Frame& frame, RunId id, const OptimizerSpec& spec);

  std::map<RunId, std::string> m_errors;
  std::string m_add_error;
  // Adding, duplicating and removing runs would invalidate the rows being drawn: they wait
  // until the panel is done.
  std::vector<std::function<void()>> m_deferred;
};

}  // namespace descent::ui
