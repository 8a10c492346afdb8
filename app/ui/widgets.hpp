#pragma once
// Small ImGui helpers shared by the panels.
#include <functional>
#include <string>

#include <imgui.h>

#include "palette.hpp"
#include "param.hpp"
#include "registry.hpp"

namespace descent::ui {

inline ImU32 colour(Rgb c, float alpha = 1.f) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255.f + 0.5f));
}
inline ImVec4 colour_vec(Rgb c) {
  return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f);
}

// A number field that can also be typed in. `widget` draws a slider or drag for its argument
// (with ImGuiSliderFlags_NoInput: typing is handled here) and returns whether it moved it.
// `name` scopes the IDs inside. Ctrl+click or double-click opens a text field in its place; Enter
// or clicking elsewhere applies the text, Escape drops it. Text that is not a number, or that
// `refuse` objects to (it returns why, or "" to accept), leaves `value` as it was; the reason,
// naming `name`, is shown in red under the field until the field is changed again; when `message`
// is given it is appended there for the caller to show instead. Returns true when `value` changed.
bool number_field(const char* name, double& value, const std::function<bool(double&)>& widget,
                  const std::function<std::string(double)>& refuse = {},
                  std::string* message = nullptr);

// The widget a hyperparameter's metadata calls for: a checkbox for a flag, a (log) slider
// otherwise, Ctrl+click to type a value (one the spec refuses is shown as refused, under the
// field); its help, range and default as a tooltip. Returns true when `value` changed.
bool param_widget(const ParamSpec& spec, double& value);

// A tooltip for the last item while it is hovered.
void tooltip(const char* text);
// Continues the line when an item `width` wide still fits on it; otherwise the next item starts
// a new line (large text in a narrow panel).
void same_line_if_fits(float width);
// The width of a radio button or checkbox labelled `label`.
float toggle_width(const char* label);

// [SECTION] rows generated from registry metadata, in a two-column table (key, value)
// Starts a row: the key with its tooltip, then the value cell, full width.
void key_cell(const char* key, const char* tip);
// A row per key, its widget showing the value set or else the default. A value changed is
// stored in `set`; one the spec refuses is not (param_widget says why under the field, and
// `error` too should one get past it). Returns true when `set` changed. `after`, when given, is
// called after each key's widget, the last item: to draw on it.
bool param_rows(const std::vector<ParamSpec>& specs, ParamValues& set, std::string& error,
                const std::function<void(const ParamSpec&)>& after = {});
// The screen x of `value` on the slider `spec` just drew (the last item), as ImGui maps it.
float slider_x(const ParamSpec& spec, double value);
// A row with a combo of the registry's entries (those `show` keeps; tooltips: descriptions),
// then a row per key of the chosen entry. A new entry starts with no keys set. Returns true
// when `choice` changed.
bool choice_rows(const char* key, const char* tip, const AnyRegistry& registry, Choice& choice,
                 std::string& error, const std::function<bool(const Entry&)>& show = {});
// The same combo alone, over the whole width: returns true when `name` changed.
bool entry_combo(const char* id, const AnyRegistry& registry, std::string& name,
                 const std::function<bool(const Entry&)>& show = {});

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

// A parameter's name from its axis label: "w" from "w (slope)", "a" from "a: principal
// direction 1", "x" from "x".
inline std::string parameter_name(const std::string& axis_label) {
  std::string name = axis_label.substr(0, axis_label.find(' '));
  if (name.size() > 1 && name.back() == ':') name.pop_back();
  return name;
}

}  // namespace descent::ui
