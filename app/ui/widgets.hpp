#pragma once
// Small ImGui helpers shared by the panels.
#include <string>

#include <imgui.h>

#include "palette.hpp"
#include "param.hpp"

namespace descent::ui {

inline ImU32 colour(Rgb c, float alpha = 1.f) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.f + 0.5f));
}
inline ImVec4 colour_vec(Rgb c) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

// The widget a hyperparameter's metadata calls for: a checkbox for a flag, a (log) slider
// otherwise, Ctrl+click to type a value; its help, range and default as a tooltip.
// Returns true when `value` changed.
bool param_widget(const ParamSpec& spec, double& value);

// A tooltip for the last item while it is hovered.
void tooltip(const char* text);

enum class Icon {
  play,
  pause,
  step_forward,
  step_back,
  restart,
  fit,
  duplicate,
  remove,
  eye,
  eye_off
};

// A square button drawn with shapes, so it needs no font glyph. `tip` is its tooltip.
bool icon_button(const char* id, Icon icon, const char* tip, float size = 0);

// A parameter's name from its axis label: "w" from "w (slope)", "x" from "x".
inline std::string parameter_name(const std::string& axis_label) {
  return axis_label.substr(0, axis_label.find(' '));
}

// Text drawn with a dark backdrop, readable over any part of the field.
void text_with_backdrop(ImDrawList* draw, ImVec2 at, ImU32 colour, const char* text);

}  // namespace descent::ui
