#include "loss_plot.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "run_stats.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

std::string format_loss(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4g", v);
  return text;
}

}  // namespace

bool LossPlot::fix_y_range(double lo, double hi, std::string& error) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    error = "y range: min and max must be finite numbers";
    return false;
  }
  if (!(lo < hi)) {
    error = "y range: min (" + format_loss(lo) + ") must be below max (" + format_loss(hi) + ")";
    return false;
  }
  if (m_axis.log && !(lo > m_axis.offset)) {
    error = "y range: on a log axis min must be above " +
            (m_axis.offset == 0 ? std::string("0") : "f* = " + format_loss(m_axis.offset));
    return false;
  }
  error.clear();
  m_fixed = LossBounds{lo, hi};
  return true;
}

void LossPlot::y_range_popup() {
  if (ImGui::SmallButton(m_fixed ? "y range: fixed" : "y range: auto")) {
    m_edit_lo = m_axis.to_loss(m_plot.y0);
    m_edit_hi = m_axis.to_loss(m_plot.y1);
    m_error.clear();
    ImGui::OpenPopup("y range");
  }
  tooltip(
      "Auto fits the runs that stay sensible: a diverging run is cut at the top edge and marked "
      "where it leaves. Fix the range here, or with the wheel (zoom) and a drag (pan) on the y "
      "axis; double-click the y axis to return to auto.");
  if (!ImGui::BeginPopup("y range")) return;
  const float width = ImGui::GetFontSize() * 9;
  ImGui::SetNextItemWidth(width);
  ImGui::InputDouble("max", &m_edit_hi, 0, 0, "%.6g");
  ImGui::SetNextItemWidth(width);
  ImGui::InputDouble("min", &m_edit_lo, 0, 0, "%.6g");
  if (ImGui::Button("Fix")) {
    if (fix_y_range(m_edit_lo, m_edit_hi, m_error)) ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Auto")) {
    auto_y_range();
    m_error.clear();
    ImGui::CloseCurrentPopup();
  }
  if (!m_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_PlotHistogram));
    ImGui::TextUnformatted(m_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::EndPopup();
}

void LossPlot::y_axis_input(const LossAxis& axis, float left) {
  // The strip of y labels left of the plot: the wheel zooms around the mouse, a drag pans.
  const ImVec2 strip_lo{left, m_plot.lo.y};
  if (!(m_plot.lo.x - strip_lo.x > 1)) return;
  ImGui::SetCursorScreenPos(strip_lo);
  ImGui::InvisibleButton("y axis", ImVec2(m_plot.lo.x - strip_lo.x, m_plot.height()));
  const bool hovered = ImGui::IsItemHovered(), active = ImGui::IsItemActive();
  if (hovered || active) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeNS);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) {
    auto_y_range();
    return;
  }
  const ImGuiIO& io = ImGui::GetIO();
  double lo = m_plot.y0, hi = m_plot.y1;
  if (hovered && io.MouseWheel != 0 && !io.KeyCtrl) {  // Ctrl+wheel: the text size
    const double at = m_plot.from_y(io.MousePos.y), f = std::pow(1.2, -io.MouseWheel);
    lo = at + (lo - at) * f, hi = at + (hi - at) * f;
  } else if (active && io.MouseDelta.y != 0) {
    const double d = io.MouseDelta.y / m_plot.height() * (hi - lo);
    lo += d, hi += d;
  } else {
    if (hovered) tooltip("Wheel: zoom the y range   drag: move it   double-click: fit again");
    return;
  }
  std::string ignored;  // a range the axis cannot show (below f* on a log axis) stays as it was
  fix_y_range(axis.to_loss(lo), axis.to_loss(hi), ignored);
}

void LossPlot::draw(Frame& frame) {
  const ObjectiveInfo& info = frame.lab.objective()->info();
  const float font = ImGui::GetFontSize();
  std::optional<double> best = best_known_value(info);
  const PlotColours colours = PlotColours::current();

  const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const float header = ImGui::GetFrameHeightWithSpacing();
  m_plot = Plot::layout({origin.x, origin.y + header}, {avail.x, avail.y - header}, "1e-10");
  const int columns = std::max(1, static_cast<int>(m_plot.width()));
  const double x_max = static_cast<double>(std::max<std::int64_t>(frame.lab.step_limit(), 1));

  // The envelopes, and the lowest loss they hold. Mini-batch losses are context: they go
  // below f* (a batch is not the data), so they neither choose the axis nor its range.
  double raw_min = std::numeric_limits<double>::infinity();
  std::erase_if(m_envelopes, [&](const auto& e) { return !frame.lab.find(e.first); });
  std::erase_if(m_batch_envelopes, [&](const auto& e) { return !frame.lab.find(e.first); });
  std::vector<const RunRow*> shown;
  std::vector<LossRun> envelopes;
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible) continue;
    auto cols = m_envelopes[row.run->id].update(row.view->trajectory, row.shown, x_max, columns);
    for (const auto& c : cols)
      if (!c.empty()) raw_min = std::min(raw_min, c.lo);
    if (row.view->trajectory->has_batch_losses())
      m_batch_envelopes[row.run->id].update(row.view->trajectory, row.shown, x_max, columns, true);
    shown.push_back(&row);
    const Trajectory& t = *row.view->trajectory;
    envelopes.push_back({cols, row.shown > 0 && t.size() > 0
                                   ? t[0].loss
                                   : std::numeric_limits<double>::quiet_NaN()});
  }
  // A log axis needs positive values: loss − f* when f* is known, else the loss itself.
  const bool log_possible = best.has_value() || raw_min > 0;
  m_axis = {frame.settings.log_loss_axis && log_possible, best.value_or(0)};
  ImGui::Checkbox("log scale", &frame.settings.log_loss_axis);
  tooltip(best ? "Plot loss − f* on a log axis, f* being the best known minimum value"
               : "Plot the loss on a log axis (only when every loss is positive)");
  ImGui::SameLine();
  y_range_popup();
  ImGui::SameLine();
  if (m_axis.log && best && *best != 0)
    ImGui::TextDisabled("loss − f*   (f* = %.6g)", *best);
  else if (frame.settings.log_loss_axis && !log_possible)
    ImGui::TextDisabled("loss (linear: some losses are ≤ 0)");
  else
    ImGui::TextDisabled("loss");

  // The range: the user's, where the axis can show it, else fitted to the sensible runs.
  std::optional<AxisRange> fixed;
  if (m_fixed) {
    double hi = m_axis.to_axis(m_fixed->hi), lo = m_axis.to_axis(m_fixed->lo);
    if (m_axis.log) lo = std::max(lo, hi - kLogDepth);
    if (std::isfinite(lo) && std::isfinite(hi) && lo < hi) fixed = AxisRange{lo, hi};
  }
  const LossRange range = fit_loss_range(envelopes, m_axis, fixed);
  m_plot.x0 = 0, m_plot.x1 = x_max;
  m_plot.y0 = range.range.lo, m_plot.y1 = range.range.hi;
  const Plot& plot = m_plot;

  ImGui::SetCursorScreenPos(plot.lo);
  ImGui::InvisibleButton("loss plot", ImVec2(plot.width(), plot.height()));
  if (ImGui::IsItemActive())
    frame.playback.scrub(plot.from_x(ImGui::GetIO().MousePos.x),
                         static_cast<double>(frame.last_step));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  plot.background(draw);
  plot.draw_y_ticks(draw, plot.y_ticks(m_axis.log), TickStyle::grid, m_axis.log);
  plot.draw_x_ticks(draw, plot.x_ticks(), TickStyle::grid);

  // Curves: each column's low and high, so spikes survive. Mini-batch losses first, faint.
  // What lies beyond the range runs along its edge: the exits mark where it left.
  draw->PushClipRect(plot.lo, plot.hi, true);
  auto curve = [&](std::span<const LossEnvelope::Column> cols, ImU32 col, float width,
                   ImU32 outline) {
    m_scratch.clear();
    auto y = [&](double loss) {
      const float v = plot.to_y(m_axis.to_axis(loss));
      return std::isnan(v) ? plot.lo.y : std::clamp(v, plot.lo.y, plot.hi.y);
    };
    for (int c = 0; c < columns && c < static_cast<int>(cols.size()); ++c) {
      const auto& column = cols[static_cast<std::size_t>(c)];
      if (column.empty()) continue;
      float x = plot.lo.x + c + 0.5f;
      m_scratch.push_back({x, y(column.hi)});
      if (column.lo != column.hi) m_scratch.push_back({x, y(column.lo)});
    }
    Plot::line(draw, m_scratch, col, width, outline);
  };
  for (const RunRow* row : shown)
    if (row->view->trajectory->has_batch_losses())
      curve(m_batch_envelopes[row->run->id].columns(), colour(row->run->colour, 0.35f),
            font * 0.06f, 0);
  for (std::size_t r = 0; r < shown.size(); ++r) {
    const LabRun& run = *shown[r]->run;
    curve(envelopes[r].columns, colour(run.colour),
          font * (frame.highlighted == run.id ? 0.2f : 0.12f),
          outline_for(run.colour, colours.background_rgb));
  }
  vertical_cursor(draw, plot, plot.to_x(static_cast<double>(frame.shown_step)), colours.cursor,
                  std::max(1.f, font * 0.08f));
  draw_exits(draw, frame, range.exits, shown, columns, x_max);
  draw->PopClipRect();
  plot.border(draw);

  // Hover: every run's loss at the step under the mouse.
  if (hovered) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto step = static_cast<std::int64_t>(std::llround(plot.from_x(mouse.x)));
    vertical_cursor(draw, plot, mouse.x, colours.dim, std::max(1.f, font * 0.06f));
    std::vector<ReadoutLine> lines;
    lines.push_back({"step " + std::to_string(step), std::nullopt});
    for (const RunRow* row : shown) {
      const Trajectory& t = *row->view->trajectory;
      // The nearest recorded point at or before the step (a long run is thinned past its start).
      const std::size_t n =
          std::min(row->shown, t.points_through(std::max<std::int64_t>(step, 0)));
      if (n == 0) continue;
      const std::size_t i = n - 1;
      std::string text = frame.label(*row->run);
      if (t.step(i) != step && step <= t.step(t.size() - 1))
        text += " (step " + std::to_string(t.step(i)) + ")";
      text += ": ";
      if (t.status() == RunStatus::diverged && row->shown >= t.size() && step > t.step(n - 1))
        text += "diverged at step " + std::to_string(t.status_step());
      else
        text += format_loss(t[i].loss);
      if (t.has_batch_losses())
        text += "   (its batch: " + format_loss(static_cast<double>(t.batch_loss(i))) + ")";
      lines.push_back({std::move(text), row->run->colour});
    }
    lines.push_back({"click or drag to go to a step", std::nullopt});
    hover_readout(plot, mouse, lines);
  }
  y_axis_input(m_axis, origin.x);
}

void LossPlot::draw_exits(ImDrawList* draw, Frame& frame,
                          const std::vector<std::optional<int>>& columns,
                          const std::vector<const RunRow*>& shown, int column_count, double x_max) {
  const Plot& plot = m_plot;
  const float font = ImGui::GetFontSize(), line = ImGui::GetTextLineHeight(), r = font * 0.4f;
  const PlotColours colours = PlotColours::current();
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  m_exits.clear();
  std::vector<std::pair<ImVec2, ImVec2>> taken;  // label boxes placed so far
  for (std::size_t k = 0; k < shown.size() && k < columns.size(); ++k) {
    if (!columns[k]) continue;
    const RunRow& row = *shown[k];
    const Trajectory& t = *row.view->trajectory;
    // The exact step inside the column where the run first went above the range.
    const double per_column = x_max / column_count;
    const auto first = static_cast<std::int64_t>(std::floor(*columns[k] * per_column));
    const auto last = static_cast<std::int64_t>(std::ceil((*columns[k] + 1) * per_column)) + 1;
    auto point = exit_point(t, row.shown, first, last, m_axis, plot.y1);
    if (!point) continue;
    const std::int64_t step = t.step(*point);
    m_exits.push_back({row.run->id, step});

    // An arrow on the top edge, pointing out of the plot, and the step beside it.
    const float x = plot.to_x(static_cast<double>(step));
    const ImVec2 tip{x, plot.lo.y + font * 0.15f}, a{x - r, plot.lo.y + r * 1.8f},
        b{x + r, plot.lo.y + r * 1.8f};
    const Rgb c = row.run->colour;
    draw->AddTriangleFilled(tip, a, b, colour(c));
    draw->AddTriangle(tip, a, b, colour(contrasting(c)), std::max(1.f, font * 0.07f));
    char text[48];
    std::snprintf(text, sizeof text, "↑ step %lld", static_cast<long long>(step));
    const ImVec2 size = ImGui::CalcTextSize(text);
    ImVec2 at{std::clamp(x + r * 1.5f, plot.lo.x + font * 0.2f, plot.hi.x - size.x - font * 0.2f),
              plot.lo.y + font * 0.2f};
    // Down a line while it would cover a label already placed.
    for (bool moved = true; moved;) {
      moved = false;
      for (const auto& [lo, hi] : taken)
        if (at.x < hi.x && at.x + size.x > lo.x && at.y < hi.y && at.y + size.y > lo.y) {
          at.y = hi.y + font * 0.1f;
          moved = true;
        }
    }
    taken.push_back({at, {at.x + size.x, at.y + size.y}});
    label_with_backdrop(draw, at, readable_text(c, colours.background_rgb), text);
    const bool over_marker = std::abs(mouse.x - x) <= r * 1.5f && mouse.y >= plot.lo.y &&
                             mouse.y <= plot.lo.y + r * 2.5f;
    const bool over_label =
        mouse.x >= at.x && mouse.x <= at.x + size.x && mouse.y >= at.y && mouse.y <= at.y + line;
    if (over_marker || over_label) {
      std::string tip_text = frame.label(*row.run) + " leaves the plot at step " +
                             std::to_string(step) + " (loss " + format_loss(t[*point].loss) + ")";
      if (t.status() == RunStatus::diverged)
        tip_text += "; it diverged at step " + std::to_string(t.status_step());
      frame.highlighted = row.run->id;
      ImGui::SetTooltip("%s", tip_text.c_str());
    }
  }
}

}  // namespace descent::ui
