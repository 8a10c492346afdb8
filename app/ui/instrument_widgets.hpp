#pragma once
// What the instruments' tabs share: how a lane ended in words, a map's progress or error, and
// a coloured swatch with its text.
#include <string>

#include "lane_map.hpp"
#include "palette.hpp"

namespace descent::ui {

// "converged at step 28", "diverged at step 3", "not converged by step 500", "refused: ...".
std::string status_text(const LaneOutcome& outcome);
// The map's error in red, or a progress bar while it computes; nothing once it is done.
void progress_line(const LaneMapper& mapper, const char* what);
// A square of colour `c` the height of a line, then `text` on the same line.
void swatch(Rgb c, const std::string& text);

}  // namespace descent::ui
