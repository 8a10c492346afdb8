#include "widgets.hpp"

#include <cmath>
#include <map>

#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "text.hpp"

namespace descent::ui {

void tooltip(const char* text) {
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

// [SECTION] typed numbers
namespace {

// What the typed-number fields of the current ImGui context remember between frames: the one
// field being typed in, and the fields whose last text was refused, with the reason.
struct TypedNumbers {
  ImGuiID editing = 0;
  std::string text;      // what is typed so far
  int opened_frame = 0;  // when the text field opened: it takes a frame or two to get focus
  std::map<ImGuiID, std::string> refused;
};

const ImVec4 kRefusedColour(1, 0.45f, 0.45f, 1);

// Per context: the window's, and the offscreen ones exports draw the window in, stay apart.
std::map<ImGuiContext*, TypedNumbers>& typed_states() {
  static std::map<ImGuiContext*, TypedNumbers> states;
  return states;
}

TypedNumbers& typed_numbers() {
  ImGuiContext* context = ImGui::GetCurrentContext();
  auto [it, added] = typed_states().try_emplace(context);
  if (added) {
    // A later context may get the same address: forget this one's when it ends.
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_Shutdown;
    hook.Callback = [](ImGuiContext* ended, ImGuiContextHook*) { typed_states().erase(ended); };
    ImGui::AddContextHook(context, &hook);
  }
  return it->second;
}

}  // namespace

bool number_field(const char* name, double& value, const std::function<bool(double&)>& widget,
                  const std::function<std::string(double)>& refuse, std::string* message) {
  TypedNumbers& state = typed_numbers();
  // Its own ID scope: two fields drawn with the same widget ID ("##drag") stay apart.
  ImGui::PushID(name);
  const ImGuiID id = ImGui::GetID("##field");
  bool changed = false;
  if (state.editing == id) {
    if (ImGui::GetFrameCount() == state.opened_frame) ImGui::SetKeyboardFocusHere();
    const bool enter =
        ImGui::InputText("##typed", &state.text,
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
    const bool left = ImGui::IsItemDeactivated();
    const bool lost = !ImGui::IsItemActive() && ImGui::GetFrameCount() > state.opened_frame + 2;
    if (enter || left || lost) {
      // Escape restores the text the field opened with: applying it changes nothing.
      const std::string text = trim(state.text);
      state.editing = 0;
      double typed = 0;
      std::string problem = number_problem(text, typed);
      if (!problem.empty())
        problem = cat(name, ": ", problem);
      else if (refuse)
        problem = refuse(typed);
      if (problem.empty() && !std::isfinite(typed))
        problem = cat(name, " = ", typed, " is not a finite number");
      if (!problem.empty()) {
        state.refused[id] = problem;
      } else {
        state.refused.erase(id);
        changed = typed != value;
        value = typed;
      }
    }
  } else {
    double v = value;
    const bool moved = widget(v);
    if (ImGui::IsItemActivated() &&
        (ImGui::GetIO().KeyCtrl || ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left))) {
      // A click moves a slider to where it is: the typed value starts from the one before.
      state.editing = id;
      state.text = format_number(value);
      state.opened_frame = ImGui::GetFrameCount() + 1;
    } else if (moved && v != value) {
      state.refused.erase(id);
      value = v;
      changed = true;
    }
  }
  if (auto it = state.refused.find(id); it != state.refused.end()) {
    if (message) {
      *message += (message->empty() ? "" : "\n") + it->second;
    } else {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(kRefusedColour, "%s", it->second.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::PopID();
  return changed;
}

bool param_widget(const ParamSpec& spec, double& value) {
  bool changed = false;
  ImGui::PushID(spec.key.c_str());
  ImGui::SetNextItemWidth(-1);
  if (spec.kind == ParamKind::flag) {
    bool on = value != 0;
    if (ImGui::Checkbox("##flag", &on)) {
      value = on ? 1 : 0;
      changed = true;
    }
  } else {
    const ImGuiSliderFlags flags = (spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0) |
                                   ImGuiSliderFlags_NoRoundToFormat | ImGuiSliderFlags_NoInput;
    const char* format = spec.kind == ParamKind::integer ? "%.0f" : "%.4g";
    changed = number_field(
        spec.key.c_str(), value,
        [&](double& v) {
          ImGui::SetNextItemWidth(-1);
          if (!ImGui::SliderScalar("##value", ImGuiDataType_Double, &v, &spec.ui_min, &spec.ui_max,
                                   format, flags))
            return false;
          if (spec.kind == ParamKind::integer) v = std::round(v);
          return true;
        },
        [&](double v) {
          std::string why = spec.why_refused(v);
          return why.empty() ? why : cat(spec.key, " = ", v, " ", why);
        });
  }
  std::string tip = spec.help + "\nallowed: " + spec.range_text() +
                    (spec.required() ? "" : "\ndefault: " + format_number(spec.default_value));
  if (spec.kind != ParamKind::flag) tip += "\nCtrl+click to type a value";
  tooltip(tip.c_str());
  ImGui::PopID();
  return changed;
}

void key_cell(const char* key, const char* tip) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(key);
  tooltip(tip);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
}

float slider_x(const ParamSpec& spec, double value) {
  const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  const ImGuiStyle& style = ImGui::GetStyle();
  // ImGui's slider: a grab of GrabMinSize moving within the frame less 2 pixels a side.
  const float padding = 2, grab = style.GrabMinSize;
  const float usable = hi.x - lo.x - 2 * padding - grab;
  double t = 0;
  // ImGui 1.86 raises a log slider's lower end to 10^-precision of its format (%.4g: 1e-4).
  const double lowest = std::max(spec.ui_min, 1e-4);
  if (spec.log_scale && spec.ui_min > 0 && value > 0)
    t = std::log(value / lowest) / std::log(spec.ui_max / lowest);
  else
    t = (value - spec.ui_min) / (spec.ui_max - spec.ui_min);
  return lo.x + padding + grab / 2 + static_cast<float>(std::clamp(t, 0.0, 1.0)) * usable;
}

bool param_rows(const std::vector<ParamSpec>& specs, ParamValues& set, std::string& error,
                const std::function<void(const ParamSpec&)>& after) {
  bool changed = false;
  for (const auto& spec : specs) {
    auto it = set.find(spec.key);
    double value =
        it != set.end() ? it->second : (spec.required() ? spec.ui_min : spec.default_value);
    key_cell(spec.key.c_str(), (spec.help + "\nallowed: " + spec.range_text()).c_str());
    const bool edited = param_widget(spec, value);
    if (after) after(spec);
    if (!edited) continue;
    if (auto why = spec.why_refused(value); !why.empty()) {
      error = cat(spec.key, " = ", format_number(value), " ", why);
      continue;
    }
    set[spec.key] = value;
    changed = true;
  }
  return changed;
}

bool entry_combo(const char* id, const AnyRegistry& registry, std::string& name,
                 const std::function<bool(const Entry&)>& show) {
  bool changed = false;
  if (ImGui::BeginCombo(id, name.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const Entry* e : registry.entries()) {
      if (show && !show(*e)) continue;
      if (ImGui::Selectable(e->name.c_str(), e->name == name) && e->name != name) {
        name = e->name;
        changed = true;
      }
      tooltip(e->description.c_str());
    }
    ImGui::EndCombo();
  }
  if (const Entry* e = registry.entry(name)) tooltip(e->description.c_str());
  return changed;
}

bool choice_rows(const char* key, const char* tip, const AnyRegistry& registry, Choice& choice,
                 std::string& error, const std::function<bool(const Entry&)>& show) {
  key_cell(key, tip);
  ImGui::PushID(key);
  bool changed = entry_combo("##entry", registry, choice.name, show);
  if (changed) choice.params.clear();
  if (const Entry* e = registry.entry(choice.name))
    changed |= param_rows(e->params, choice.params, error);
  ImGui::PopID();
  return changed;
}

namespace {

void draw_icon(ImDrawList* d, Icon icon, ImVec2 c, float r, ImU32 col) {
  const float t = std::max(1.5f, r * 0.16f);
  switch (icon) {
    case Icon::play:
      d->AddTriangleFilled({c.x - r * 0.55f, c.y - r * 0.7f}, {c.x - r * 0.55f, c.y + r * 0.7f},
                           {c.x + r * 0.75f, c.y}, col);
      break;
    case Icon::pause:
      d->AddRectFilled({c.x - r * 0.6f, c.y - r * 0.7f}, {c.x - r * 0.15f, c.y + r * 0.7f}, col);
      d->AddRectFilled({c.x + r * 0.15f, c.y - r * 0.7f}, {c.x + r * 0.6f, c.y + r * 0.7f}, col);
      break;
    case Icon::step_forward:
      d->AddTriangleFilled({c.x - r * 0.65f, c.y - r * 0.65f}, {c.x - r * 0.65f, c.y + r * 0.65f},
                           {c.x + r * 0.35f, c.y}, col);
      d->AddRectFilled({c.x + r * 0.4f, c.y - r * 0.65f}, {c.x + r * 0.7f, c.y + r * 0.65f}, col);
      break;
    case Icon::step_back:
      d->AddTriangleFilled({c.x + r * 0.65f, c.y - r * 0.65f}, {c.x + r * 0.65f, c.y + r * 0.65f},
                           {c.x - r * 0.35f, c.y}, col);
      d->AddRectFilled({c.x - r * 0.7f, c.y - r * 0.65f}, {c.x - r * 0.4f, c.y + r * 0.65f}, col);
      break;
    case Icon::restart:
      d->PathArcTo(c, r * 0.6f, 0.9f, 5.9f, 20);
      d->PathStroke(col, 0, t);
      d->AddTriangleFilled({c.x + r * 0.35f, c.y - r * 0.1f}, {c.x + r * 0.95f, c.y - r * 0.1f},
                           {c.x + r * 0.65f, c.y + r * 0.4f}, col);
      break;
    case Icon::fit:
      for (int sx : {-1, 1})
        for (int sy : {-1, 1}) {
          ImVec2 corner{c.x + sx * r * 0.7f, c.y + sy * r * 0.7f};
          d->AddLine(corner, {corner.x - sx * r * 0.5f, corner.y}, col, t);
          d->AddLine(corner, {corner.x, corner.y - sy * r * 0.5f}, col, t);
        }
      break;
    case Icon::duplicate:
      d->AddRect({c.x - r * 0.7f, c.y - r * 0.7f}, {c.x + r * 0.25f, c.y + r * 0.25f}, col, 0, 0,
                 t);
      d->AddRect({c.x - r * 0.25f, c.y - r * 0.25f}, {c.x + r * 0.7f, c.y + r * 0.7f}, col, 0, 0,
                 t);
      break;
    case Icon::remove:
      d->AddLine({c.x - r * 0.55f, c.y - r * 0.55f}, {c.x + r * 0.55f, c.y + r * 0.55f}, col,
                 t * 1.3f);
      d->AddLine({c.x - r * 0.55f, c.y + r * 0.55f}, {c.x + r * 0.55f, c.y - r * 0.55f}, col,
                 t * 1.3f);
      break;
    case Icon::eye:
    case Icon::eye_off:
      for (int i = 0; i < 24; ++i) {
        float a = i * 2 * 3.14159265f / 24;
        d->PathLineTo({c.x + r * 0.85f * std::cos(a), c.y + r * 0.5f * std::sin(a)});
      }
      d->PathStroke(col, ImDrawFlags_Closed, t);
      d->AddCircleFilled(c, r * 0.28f, col);
      if (icon == Icon::eye_off)
        d->AddLine({c.x - r * 0.8f, c.y + r * 0.7f}, {c.x + r * 0.8f, c.y - r * 0.7f}, col,
                   t * 1.3f);
      break;
  }
}

}  // namespace

void same_line_if_fits(float width) {
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine();
}

float toggle_width(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
         ImGui::CalcTextSize(label).x;
}

bool icon_button(const char* id, Icon icon, const char* tip, float size) {
  if (size <= 0) size = ImGui::GetFrameHeight();
  bool pressed = ImGui::Button(id, ImVec2(size, size));
  ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
  ImVec2 centre{(lo.x + hi.x) / 2, (lo.y + hi.y) / 2};
  draw_icon(ImGui::GetWindowDrawList(), icon, centre, size * 0.36f,
            ImGui::GetColorU32(ImGuiCol_Text));
  tooltip(tip);
  return pressed;
}

}  // namespace descent::ui
