#pragma once
// Loss against step for every run: log scale by default (relative to the best known value when
// there is one), the playback cursor, a hover readout; click or drag to scrub. Runs on
// mini-batches also show, fainter, the loss of each step's batch. The y range fits the runs
// that stay sensible; a run that climbs out is marked where it leaves. The user can fix the y
// range (wheel or drag on the y axis, or the "y range" popup) and return to the fitted one.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "frame.hpp"
#include "loss_envelope.hpp"
#include "loss_range.hpp"
#include "plot.hpp"

namespace descent::ui {

class LossPlot {
 public:
  void draw(Frame& frame);

  // Where a run left the plot's y range, as drawn last frame.
  struct Exit {
    RunId run;
    std::int64_t step;
  };
  const std::vector<Exit>& exits() const { return m_exits; }
  // The y range drawn last frame, in axis units (log10 of loss − f* on a log axis).
  AxisRange y_range() const { return {m_plot.y0, m_plot.y1}; }
  bool y_range_fixed() const { return m_fixed.has_value(); }
  // Where the plot was drawn last frame, and what it showed.
  const Plot& plot() const { return m_plot; }
  // Fixes the y range to losses [lo, hi]; false (and nothing changes) when the axis cannot show
  // it, `error` saying why.
  bool fix_y_range(double lo, double hi, std::string& error);
  void auto_y_range() { m_fixed.reset(); }

 private:
  void y_range_popup();
  // The y labels' strip, from screen x `left` to the plot.
  void y_axis_input(const LossAxis& axis, float left);
  void draw_exits(ImDrawList* draw, Frame& frame, const std::vector<std::optional<int>>& columns,
                  const std::vector<const RunRow*>& shown, int column_count, double x_max);

  std::map<RunId, LossEnvelope> m_envelopes, m_batch_envelopes;
  std::vector<ImVec2> m_scratch;
  Plot m_plot;
  LossAxis m_axis;
  // The user's y range, in loss units so that it survives switching the axis's scale.
  struct LossBounds {
    double lo, hi;
  };
  std::optional<LossBounds> m_fixed;
  double m_edit_lo = 0, m_edit_hi = 1;  // the popup's fields
  std::string m_error;                  // why the popup's range was refused
  std::vector<Exit> m_exits;
};

}  // namespace descent::ui
