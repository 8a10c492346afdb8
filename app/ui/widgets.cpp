#include "widgets.hpp"

#include <cmath>

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
    ImGuiSliderFlags flags = spec.log_scale ? ImGuiSliderFlags_Logarithmic : 0;
    const char* format = spec.kind == ParamKind::integer ? "%.0f" : "%.4g";
    double v = value;
    if (ImGui::SliderScalar("##value", ImGuiDataType_Double, &v, &spec.ui_min, &spec.ui_max, format,
                            flags | ImGuiSliderFlags_NoRoundToFormat)) {
      value = spec.kind == ParamKind::integer ? std::round(v) : v;
      changed = true;
    }
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

bool param_rows(const std::vector<ParamSpec>& specs, ParamValues& set, std::string& error) {
  bool changed = false;
  for (const auto& spec : specs) {
    auto it = set.find(spec.key);
    double value =
        it != set.end() ? it->second : (spec.required() ? spec.ui_min : spec.default_value);
    key_cell(spec.key.c_str(), (spec.help + "\nallowed: " + spec.range_text()).c_str());
    if (!param_widget(spec, value)) continue;
    if (!spec.accepts(value)) {
      error = cat(spec.key, " = ", format_number(value),
                  " is out of range; allowed: ", spec.range_text());
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
