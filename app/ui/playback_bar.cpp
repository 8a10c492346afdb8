#include "playback_bar.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>

#include "scenario.hpp"
#include "widgets.hpp"

namespace descent::ui {

void PlaybackBar::draw(Frame& frame) {
  Playback& p = frame.playback;
  const double end = static_cast<double>(frame.last_step);
  const float button = ImGui::GetFrameHeight() * 1.25f;
  if (icon_button("##restart", Icon::restart, "Restart from step 0 (R)", button)) p.restart();
  ImGui::SameLine();
  if (icon_button("##back", Icon::step_back, "Step back (Left)", button)) p.step_back();
  ImGui::SameLine();
  if (icon_button("##play", p.playing ? Icon::pause : Icon::play,
                  p.playing ? "Pause (Space)" : "Play (Space)", button))
    p.toggle(end);
  ImGui::SameLine();
  if (icon_button("##forward", Icon::step_forward, "Step forward (Right)", button))
    p.step_forward(end);

  ImGui::SameLine();
  float y = ImGui::GetCursorPosY();
  ImGui::SetCursorPosY(y + (button - ImGui::GetFrameHeight()) / 2);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  const ParamSpec& speed = scenario_key("speed");
  ImGui::SliderScalar("##speed", ImGuiDataType_Double, &p.speed, &speed.min, &speed.max,
                      "%.0f steps/s", ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp);
  tooltip(("Playback speed: " + speed.help + "\nallowed: " + speed.range_text()).c_str());

  // The timeline over the computed steps; while the engine is still computing, how far it is.
  ImGui::SameLine();
  std::size_t computed = 0, total = 0;
  for (const RunRow& row : frame.rows) {
    if (!row.view) continue;
    const Trajectory& t = *row.view->trajectory;
    bool done = t.status() != RunStatus::running;
    computed += done ? t.capacity() : t.size();
    total += t.capacity();
  }
  // The loss field's sampling, once it takes longer than a glance (a flash helps nobody).
  const double field = frame.lab.session().field_progress(), now = ImGui::GetTime();
  if (field >= 1)
    m_field_busy_since = -1;
  else if (m_field_busy_since < 0)
    m_field_busy_since = now;
  const bool show_field = m_field_busy_since >= 0 && now - m_field_busy_since > 0.25;

  auto percent = [](double fraction) { return std::to_string(static_cast<int>(100 * fraction)); };
  std::string label =
      "step " + std::to_string(frame.shown_step) + " / " + std::to_string(frame.last_step);
  if (computed < total)
    label +=
        "  computing " + percent(static_cast<double>(computed) / static_cast<double>(total)) + "%";
  if (show_field) label += "  contours " + percent(field) + "%";
  if (std::string why = frame.lab.session().field_error(); !why.empty())
    label += "  contours failed: " + why;
  // A long run is thinned after its start: say so where the step is read, once it applies.
  const std::int64_t limit = frame.lab.step_limit();
  const Recording recording = frame.lab.recording();
  const bool thinned = recording.thinned(limit);
  if (thinned && frame.shown_step > recording.thin_after)
    label += "  1 in " + std::to_string(recording.thin_every) + " kept";
  // Room for the longest label, so the timeline does not jump as the label changes; with large
  // text on a narrow window the timeline keeps half the row and the label's end may be cut.
  std::string widest = "step 0000000000 / 0000000000  computing 00%  contours 00%";
  if (thinned) widest += "  1 in 0000 kept";
  const float label_width = ImGui::CalcTextSize(widest.c_str()).x;
  const float avail = ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x;
  ImGui::SetNextItemWidth(std::max(avail - label_width, avail * 0.5f));
  double position = p.position, lo = 0;
  if (ImGui::SliderScalar("##timeline", ImGuiDataType_Double, &position, &lo, &end, "",
                          ImGuiSliderFlags_AlwaysClamp))
    p.scrub(position, end);
  const std::string timeline_help =
      "Timeline: drag to scrub through the steps" +
      (thinned ? "\nRecorded: " + describe(recording, limit) +
                     ", to keep long runs in memory. Between recorded steps, the nearest one "
                     "before shows."
               : std::string());
  tooltip(timeline_help.c_str());
  ImGui::SameLine();
  ImGui::SetCursorPosY(y + (button - ImGui::GetTextLineHeight()) / 2);
  ImGui::TextUnformatted(label.c_str());
  const std::string label_help =
      "computing: how many of the runs' steps the engine has computed (they are revealed at the "
      "playback speed)\ncontours: how far the loss field behind the plot is sampled (a coarse "
      "one shows meanwhile)" +
      (thinned ? "\n1 in N kept: the runs record " + describe(recording, limit) : std::string());
  tooltip(label_help.c_str());
}

}  // namespace descent::ui
