#include "runs_table.hpp"

#include <cstdio>
#include <string_view>

#include <imgui.h>

#include "optimizer_registry.hpp"
#include "plot.hpp"
#include "rounded.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {

void RunsTable::draw(Frame& frame) {
  const ObjectiveInfo& info = frame.lab.objective()->info();
  std::optional<double> best = best_known_value(info);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Tolerance");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  const double lo = 1e-12, hi = 1e3;
  ImGui::SliderScalar("##tolerance", ImGuiDataType_Double, &frame.settings.tolerance, &lo, &hi,
                      "%.0e", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  tooltip(
      best ? "\"Reached\": the first step with loss − f* below this (f*: the best known minimum "
             "value)"
           : "\"Reached\": the first step with |gradient| below this (no minimum is known here)");

  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                ImGuiTableFlags_SizingFixedFit;
  // A classifier network's accuracy beside its loss.
  const Network* network = frame.insights.network();
  const bool accuracy = network && network->classifier();
  // Evaluations, where a run's rule takes more than one a step (line searches, Newton).
  bool evaluations = false;
  for (const RunRow& row : frame.rows)
    evaluations |= row.view && row.view->trajectory->has_evaluations();
  if (!ImGui::BeginTable("runs", 8 + accuracy + evaluations, flags)) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  ImGui::TableSetupColumn("Run");
  ImGui::TableSetupColumn("lr");
  ImGui::TableSetupColumn("Step");
  if (evaluations) ImGui::TableSetupColumn("Evals");
  ImGui::TableSetupColumn("Loss");
  if (accuracy) ImGui::TableSetupColumn("Acc");
  ImGui::TableSetupColumn(grad_norm_symbol());
  ImGui::TableSetupColumn("To minimum");
  ImGui::TableSetupColumn("Status");
  ImGui::TableSetupColumn("Reached");
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int column = 0; column < ImGui::TableGetColumnCount(); ++column) {
    ImGui::TableSetColumnIndex(column);
    const std::string_view name = ImGui::TableGetColumnName(column);
    ImGui::TableHeader(name.data());
    if (name == "Evals")
      tooltip(
          "Evaluations of the loss and its gradient to reach the shown step: one a step,\n"
          "plus every trial of a line search and the gradients behind a Hessian.\n"
          "Compare methods by this, not by steps.");
    if (name == "Acc")
      tooltip(
          "Accuracy: the fraction of the samples whose predicted class (P(y = 1) ≥ 0.5)\n"
          "is their label, with the run's parameters at the shown step (the nearest kept\n"
          "before it when the run keeps them only every few steps).");
  }
  std::erase_if(m_trackers, [&](const auto& t) { return !frame.lab.find(t.first); });
  for (const RunRow& row : frame.rows) {
    if (!row.view) continue;
    const LabRun& run = *row.run;
    const Trajectory& t = *row.view->trajectory;
    ImGui::TableNextRow();
    ImGui::PushID(static_cast<int>(run.id));
    ImGui::TableNextColumn();
    // A swatch of the run's line, then its name: in its colour where that reads on this theme.
    const Rgb background = PlotColours::current().background_rgb;
    const float font = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const ImVec2 a{at.x, at.y + line * 0.5f}, b{at.x + font * 1.2f, at.y + line * 0.5f};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    if (ImU32 outline = outline_for(run.colour, background))
      draw->AddLine(a, b, outline, font * 0.4f);
    draw->AddLine(a, b, colour(run.colour), font * 0.25f);
    ImGui::Dummy({font * 1.2f, line});
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, readable_text(run.colour, background));
    ImGui::TextUnformatted(frame.label(run).c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) frame.highlighted = run.id;
    double lr = run.schedule.lr(row.view->params.at("lr"), frame.shown_step);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(rounded(lr).c_str());
    if (row.shown == 0) {
      ImGui::TableNextColumn();
      if (t.status() == RunStatus::failed)
        ImGui::TextDisabled("failed: %s", t.error().c_str());
      else
        ImGui::TextDisabled(t.status() == RunStatus::diverged ? "diverged at the start"
                                                              : "computing");
      ImGui::PopID();
      continue;
    }
    const TrajectoryPoint& p = t[row.shown - 1];
    ImGui::TableNextColumn();
    ImGui::Text("%lld", static_cast<long long>(t.step(row.shown - 1)));
    if (t.recording().thinned(row.view->config.limits.max_steps))
      tooltip(("Recorded: " + describe(t.recording(), row.view->config.limits.max_steps) +
               ".\nBetween recorded steps, the nearest one before the playback step shows.")
                  .c_str());
    if (evaluations) {
      ImGui::TableNextColumn();
      ImGui::Text("%lld", static_cast<long long>(t.evaluations(row.shown - 1)));
    }
    ImGui::TableNextColumn();
    ImGui::Text("%.6g", p.loss);
    if (accuracy) {
      ImGui::TableNextColumn();
      // Computed in the background: the previous value shows until this step's is ready.
      const NetworkInsight* insight = frame.insights.get(run.id, row.view->trajectory, row.shown);
      if (insight && insight->accuracy)
        ImGui::Text("%.1f%%", *insight->accuracy * 100);
      else
        ImGui::TextDisabled("…");
      if (insight && ImGui::IsItemHovered())
        ImGui::SetTooltip("%zu samples, parameters of step %lld", network->sample_count(),
                          static_cast<long long>(insight->step));
    }
    ImGui::TableNextColumn();
    // Stored where evaluating it again would cost a pass over the data.
    ImGui::Text("%.3g", t.has_grad_norms() ? static_cast<double>(t.grad_norm(row.shown - 1))
                                           : frame.lab.objective()->gradient({p.x, p.y}).norm());
    ImGui::TableNextColumn();
    if (auto d = distance_to_nearest_minimum(info, Vec2(p.x, p.y)))
      ImGui::Text("%.3g", *d);
    else
      ImGui::TextDisabled("-");
    ImGui::TableNextColumn();
    std::string status = status_text(t, frame.shown_step);
    ImGui::TextUnformatted(status.c_str());
    ImGui::TableNextColumn();
    auto reached = m_trackers[run.id].update(row.view->trajectory, *frame.lab.objective(), best,
                                             frame.settings.tolerance);
    if (reached && *reached <= frame.shown_step)
      ImGui::Text("step %lld", static_cast<long long>(*reached));
    else
      ImGui::TextDisabled("-");
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace descent::ui
