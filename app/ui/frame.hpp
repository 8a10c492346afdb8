#pragma once
// What every panel reads during one frame: the lab, the published runs and the playback step.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lab.hpp"
#include "network_insights.hpp"
#include "playback.hpp"
#include "settings.hpp"

namespace descent::ui {

struct RunRow {
  const LabRun* run;
  const RunView* view;    // the Session's; null for a moment after the run was added
  std::size_t shown = 0;  // points revealed at the playback step
};

struct Frame {
  Lab& lab;
  Settings& settings;
  Playback& playback;
  std::shared_ptr<const SessionSnapshot> snapshot;
  std::vector<RunRow> rows;          // in the lab's order
  std::int64_t shown_step = 0;       // the playback step
  std::int64_t last_step = 0;        // the furthest step any run has
  std::optional<RunId> highlighted;  // hovered in a panel: emphasised everywhere
  std::optional<RunId>
      batch_surface;  // show this run's current mini-batch loss instead of the full one
  // A network's decision regions, accuracy and gradient per layer, per run and kept vector;
  // kept across frames (refresh() tells it the objective and the runs).
  NetworkInsights insights;

  Frame(Lab& l, Settings& s) : lab(l), settings(s), playback(l.playback()) {}
  // Fills snapshot, rows, shown_step and last_step from the lab and the playback position,
  // and tells the insights the objective and the runs.
  void refresh();
  // A run's label for this objective: its batch size only where it steps on mini-batches.
  std::string label(const LabRun& run) const {
    return run_label(run, lab.objective() && lab.objective()->sample_count() > 0);
  }
};

}  // namespace descent::ui
