#include "frame.hpp"

#include <algorithm>

namespace descent::ui {

void Frame::refresh() {
  snapshot = lab.snapshot();
  last_step = lab.last_step(*snapshot);
  playback.position = std::min(playback.position, static_cast<double>(last_step));
  shown_step = playback.step();
  rows.clear();
  for (const auto& run : lab.runs()) {
    const RunView* view = snapshot->find(run.id);
    std::size_t shown = 0;
    if (view) {
      // The lab records every step, so point i is step i.
      shown =
          std::min<std::size_t>(view->trajectory->size(), static_cast<std::size_t>(shown_step) + 1);
    }
    rows.push_back({&run, view, shown});
  }
}

}  // namespace descent::ui
