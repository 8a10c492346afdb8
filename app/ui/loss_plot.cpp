#include "loss_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "axis_ticks.hpp"
#include "run_stats.hpp"
#include "widgets.hpp"

namespace descent::ui {

void LossPlot::draw(Frame& frame) {
  const ObjectiveInfo& info = frame.lab.objective()->info();
  const float font = ImGui::GetFontSize();
  std::optional<double> best = best_known_value(info);
  const double offset = best.value_or(0);

  ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const float header = ImGui::GetFrameHeightWithSpacing();
  float left = ImGui::CalcTextSize("1e-10").x + font * 0.6f, bottom = font * 1.5f;
  ImVec2 lo{origin.x + left, origin.y + header + font * 0.3f};
  const float right_room = ImGui::CalcTextSize("00000").x / 2;  // half of the last x label
  ImVec2 hi{origin.x + std::max(avail.x - right_room, left + 20),
            origin.y + std::max(avail.y - bottom, header + 20.f)};
  const int columns = std::max(1, static_cast<int>(hi.x - lo.x));
  const double x_max = static_cast<double>(std::max<std::int64_t>(frame.lab.step_limit(), 1));

  // The envelopes, and the lowest loss they hold. Mini-batch losses are context: they go
  // below f* (a batch is not the data), so they neither choose the axis nor its range.
  double raw_min = std::numeric_limits<double>::infinity();
  std::erase_if(m_envelopes, [&](const auto& e) { return !frame.lab.find(e.first); });
  std::erase_if(m_batch_envelopes, [&](const auto& e) { return !frame.lab.find(e.first); });
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible) continue;
    for (const auto& c :
         m_envelopes[row.run->id].update(row.view->trajectory, row.shown, x_max, columns))
      if (!c.empty()) raw_min = std::min(raw_min, c.lo);
    if (row.view->trajectory->has_batch_losses())
      m_batch_envelopes[row.run->id].update(row.view->trajectory, row.shown, x_max, columns, true);
  }
  // A log axis needs positive values: loss − f* when f* is known, else the loss itself.
  const bool log_possible = best.has_value() || raw_min > 0;
  const bool log_axis = frame.settings.log_loss_axis && log_possible;
  ImGui::Checkbox("log scale", &frame.settings.log_loss_axis);
  tooltip(best ? "Plot loss − f* on a log axis, f* being the best known minimum value"
               : "Plot the loss on a log axis (only when every loss is positive)");
  ImGui::SameLine();
  if (log_axis && best && *best != 0)
    ImGui::TextDisabled("loss − f*   (f* = %.6g)", *best);
  else if (frame.settings.log_loss_axis && !log_possible)
    ImGui::TextDisabled("loss (linear: some losses are ≤ 0)");
  else
    ImGui::TextDisabled("loss");

  auto transform = [&](double loss) {
    double v = loss - offset;
    return log_axis ? std::log10(std::max(v, 1e-300)) : v;
  };
  double y_lo = std::numeric_limits<double>::infinity(), y_hi = -y_lo;
  auto widen = [&](std::span<const LossEnvelope::Column> cols) {
    for (const auto& c : cols) {
      if (c.empty()) continue;
      double a = transform(c.lo), b = transform(c.hi);
      if (std::isfinite(a)) y_lo = std::min(y_lo, a);
      if (std::isfinite(b)) y_hi = std::max(y_hi, b);
    }
  };
  for (const RunRow& row : frame.rows)
    if (row.view && row.run->visible) widen(m_envelopes[row.run->id].columns());
  if (!(y_lo <= y_hi)) y_lo = 0, y_hi = 1;
  if (log_axis) y_lo = std::max(y_lo, y_hi - 16);  // 16 decades are plenty; float noise below
  if (y_hi - y_lo < 1e-12 * std::max(1.0, std::abs(y_hi))) y_lo -= 0.5, y_hi += 0.5;
  double pad = (y_hi - y_lo) * 0.05;
  y_lo -= pad, y_hi += pad;
  auto to_y = [&](double v) {
    return static_cast<float>(hi.y - (v - y_lo) / (y_hi - y_lo) * (hi.y - lo.y));
  };
  auto to_x = [&](double step) { return static_cast<float>(lo.x + step / x_max * (hi.x - lo.x)); };

  ImGui::SetCursorScreenPos(lo);
  ImGui::InvisibleButton("loss plot", ImVec2(hi.x - lo.x, hi.y - lo.y));
  if (ImGui::IsItemActive()) {
    double step = (ImGui::GetIO().MousePos.x - lo.x) / (hi.x - lo.x) * x_max;
    frame.playback.scrub(step, static_cast<double>(frame.last_step));
  }
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(lo, hi, IM_COL32(22, 22, 28, 255));
  const ImU32 grid = IM_COL32(255, 255, 255, 28), text = ImGui::GetColorU32(ImGuiCol_Text);

  // Axes.
  auto y_ticks =
      log_axis
          ? log_ticks(std::pow(10.0, y_lo), std::pow(10.0, y_hi),
                      std::max(2, static_cast<int>((hi.y - lo.y) / (font * 2))))
          : linear_ticks(y_lo, y_hi, std::max(2, static_cast<int>((hi.y - lo.y) / (font * 2.5f))));
  for (const auto& t : y_ticks) {
    float y = to_y(log_axis ? std::log10(t.value) : t.value);
    draw->AddLine({lo.x, y}, {hi.x, y}, grid);
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    draw->AddText({lo.x - size.x - font * 0.3f, y - size.y / 2}, text, t.label.c_str());
  }
  for (const auto& t :
       linear_ticks(0, x_max, std::max(2, static_cast<int>((hi.x - lo.x) / (font * 4.5f))))) {
    float x = to_x(t.value);
    draw->AddLine({x, lo.y}, {x, hi.y}, grid);
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    draw->AddText({x - size.x / 2, hi.y + font * 0.2f}, text, t.label.c_str());
  }

  // Curves: each column's low and high, so spikes survive. Mini-batch losses first, faint.
  draw->PushClipRect(lo, hi, true);
  auto curve = [&](std::span<const LossEnvelope::Column> cols, ImU32 col, float width) {
    m_scratch.clear();
    for (int c = 0; c < columns && c < static_cast<int>(cols.size()); ++c) {
      const auto& column = cols[static_cast<std::size_t>(c)];
      if (column.empty()) continue;
      // Off the axis (a batch's loss below f* on a log axis): on its edge, not off to -1e300.
      auto y = [&](double loss) { return std::clamp(to_y(transform(loss)), lo.y, hi.y); };
      float x = lo.x + c + 0.5f;
      m_scratch.push_back({x, y(column.hi)});
      if (column.lo != column.hi) m_scratch.push_back({x, y(column.lo)});
    }
    if (m_scratch.size() > 1)
      draw->AddPolyline(m_scratch.data(), static_cast<int>(m_scratch.size()), col, 0, width);
  };
  for (const RunRow& row : frame.rows)
    if (row.view && row.run->visible && row.view->trajectory->has_batch_losses())
      curve(m_batch_envelopes[row.run->id].columns(), colour(row.run->colour, 0.35f), 1.f);
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible) continue;
    auto it = m_envelopes.find(row.run->id);
    if (it == m_envelopes.end()) continue;
    curve(it->second.columns(), colour(row.run->colour),
          frame.highlighted == row.run->id ? 3.5f : 2.f);
  }
  // The playback cursor.
  float cursor = to_x(static_cast<double>(frame.shown_step));
  draw->AddLine({cursor, lo.y}, {cursor, hi.y}, IM_COL32(255, 255, 255, 200), 1.5f);
  draw->PopClipRect();
  draw->AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Border));

  // Hover: every run's loss at the step under the mouse.
  if (ImGui::IsItemHovered()) {
    float mx = ImGui::GetIO().MousePos.x;
    auto step = static_cast<std::int64_t>(std::llround((mx - lo.x) / (hi.x - lo.x) * x_max));
    draw->AddLine({mx, lo.y}, {mx, hi.y}, IM_COL32(255, 255, 255, 90));
    ImGui::BeginTooltip();
    ImGui::Text("step %lld", static_cast<long long>(step));
    for (const RunRow& row : frame.rows) {
      if (!row.view || !row.run->visible) continue;
      const Trajectory& t = *row.view->trajectory;
      // The nearest recorded point at or before the step (a long run is thinned past its start).
      std::size_t n = std::min(row.shown, t.points_through(std::max<std::int64_t>(step, 0)));
      if (n == 0) continue;
      const std::size_t i = n - 1;
      std::string label = run_label(*row.run);
      if (t.step(i) != step) label += " (step " + std::to_string(t.step(i)) + ")";
      if (t.has_batch_losses())
        ImGui::TextColored(colour_vec(row.run->colour), "%s: %.6g   (its batch: %.4g)",
                           label.c_str(), t[i].loss, static_cast<double>(t.batch_loss(i)));
      else
        ImGui::TextColored(colour_vec(row.run->colour), "%s: %.6g", label.c_str(), t[i].loss);
    }
    ImGui::TextDisabled("click or drag to go to a step");
    ImGui::EndTooltip();
  }
}

}  // namespace descent::ui
