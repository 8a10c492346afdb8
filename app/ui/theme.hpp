#pragma once
// Fonts and style of the visualizer: readable from the back of a classroom, in three themes.
#include "appearance.hpp"

namespace descent::ui {

// The text size at 100% and content scale 1, in pixels; layout sizes in the settings are
// pixels at this size.
constexpr float kBaseFontSize = 19.f;
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// Loads DejaVu Sans at kBaseFontSize·scale (ImGui's own font when the file is missing) and
// styles ImGui in `theme` with its sizes scaled by `scale` (the monitor's content scale times
// the user's text size). Call before the font atlas is built. Returns false when it had to
// fall back to ImGui's font.
bool apply_theme(float scale, Theme theme = Theme::dark);

// "|∇f|" when the font has the glyph, "|grad f|" otherwise.
const char* grad_norm_symbol();

}  // namespace descent::ui
