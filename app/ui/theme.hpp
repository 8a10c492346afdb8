#pragma once
// Fonts and style of the visualizer: readable from the back of a classroom.

namespace descent::ui {

constexpr float kBaseFontSize = 19.f;  // pixels at content scale 1
constexpr const char* kFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// Loads DejaVu Sans at kBaseFontSize·scale (ImGui's own font when the file is missing) and
// styles ImGui for `scale`, the monitor's content scale. Call before the font atlas is built.
// Returns false when it had to fall back to ImGui's font.
bool apply_theme(float scale);

// "|∇f|" when the font has the glyph, "|grad f|" otherwise.
const char* grad_norm_symbol();

}  // namespace descent::ui
