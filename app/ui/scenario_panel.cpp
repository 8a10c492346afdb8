#include "scenario_panel.hpp"

#include <stdexcept>

#include <imgui.h>

#include "surfaces.hpp"
#include "widgets.hpp"

namespace descent::ui {

bool ScenarioPanel::draw(Frame& frame) {
  Lab& lab = frame.lab;
  bool fit = false;
  try {
    std::shared_ptr<const Objective> objective = lab.objective();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Surface");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() -
                            ImGui::GetStyle().ItemSpacing.x);
    if (ImGui::BeginCombo("##surface", objective->info().name.c_str(),
                          ImGuiComboFlags_HeightLarge)) {
      for (const auto& s : surfaces()) {
        if (ImGui::Selectable(s->info().name.c_str(), s == objective)) lab.set_objective(s);
        tooltip((s->info().description + "\nf(x, y) = " + s->info().formula).c_str());
      }
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    fit = icon_button("##fit", Icon::fit,
                      "Fit the view to the surface (F, or double-click the plot)");
    objective = lab.objective();  // the surface may have changed above
    const ObjectiveInfo& info = objective->info();

    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", info.description.c_str());
    ImGui::TextUnformatted(("f = " + info.formula).c_str());
    ImGui::PopTextWrapPos();

    // The start: typed or dragged; every path follows.
    Vec2 start = lab.start();
    double speed = (info.view.x_max - info.view.x_min) / 400;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Start");
    ImGui::SameLine();
    float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::SetNextItemWidth(half);
    bool moved = ImGui::DragScalar("##start x", ImGuiDataType_Double, &start.x(),
                                   static_cast<float>(speed), nullptr, nullptr, "x = %.4g");
    tooltip("Drag, or Ctrl+click to type. Clicking the plot sets the start too.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    moved |= ImGui::DragScalar("##start y", ImGuiDataType_Double, &start.y(),
                               static_cast<float>(speed), nullptr, nullptr, "y = %.4g");
    tooltip("Drag, or Ctrl+click to type. Clicking the plot sets the start too.");
    if (moved) lab.set_start(start);

    std::int64_t limit = lab.step_limit();
    const std::int64_t small = 100, large = 1000;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Steps");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputScalar("##limit", ImGuiDataType_S64, &limit, &small, &large, "%lld"))
      lab.set_step_limit(limit);
    tooltip("Step limit: every run is computed up to this many steps");

    ImGui::Checkbox("Log-spaced contours", &frame.settings.log_contours);
    tooltip(
        "Contour levels spaced evenly in log(f - min): detail near the minimum. Off: evenly in f.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::SliderInt("##levels", &frame.settings.contour_levels, 4, 60, "%d levels");
    tooltip("Number of contour levels across the visible range of f");
    m_error.clear();
  } catch (const std::invalid_argument& e) {
    m_error = e.what();
  }
  if (!m_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", m_error.c_str());
    ImGui::PopTextWrapPos();
  }
  return fit;
}

}  // namespace descent::ui
