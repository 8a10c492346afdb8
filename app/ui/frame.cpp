#include "frame.hpp"

#include <algorithm>

namespace descent::ui {

void Frame::refresh() {
  snapshot = lab.snapshot();
  last_step = lab.last_step(*snapshot);
  playback.position = std::min(playback.position, static_cast<double>(last_step));
  shown_step = playback.step();
  rows.clear();
  std::vector<RunId> ids;
  for (const auto& run : lab.runs()) {
    ids.push_back(run.id);
    const RunView* view = snapshot->find(run.id);
    std::size_t shown = 0;
    // A long run is thinned after its start: between two recorded steps, the earlier shows.
    if (view) shown = view->trajectory->points_through(shown_step);
    rows.push_back({&run, view, shown});
  }
  insights.update(lab.objective(), ids);
}

}  // namespace descent::ui
