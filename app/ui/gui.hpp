#pragma once
// The whole window: the panels laid out in columns with draggable splitters, the keyboard
// shortcuts and the playback clock. GL-free: the field arrives as a texture to show.
#include "canvas.hpp"
#include "data_panel.hpp"
#include "frame.hpp"
#include "loss_plot.hpp"
#include "optimizers_panel.hpp"
#include "playback_bar.hpp"
#include "runs_table.hpp"
#include "scenario_panel.hpp"

namespace descent::ui {

class Gui {
 public:
  Gui(Lab& lab, Settings& settings);

  // One frame of the full window; `dt`: seconds since the last frame.
  void draw(double dt, const FieldImage& field);
  // Only the canvas, filling the display: what `descent render` writes.
  void draw_canvas_only(const FieldImage& field);

  CanvasPanel& canvas() { return m_canvas; }
  const CanvasPanel& canvas() const { return m_canvas; }
  Playback& playback() { return m_playback; }
  const Frame& frame() const { return m_frame; }
  Frame& frame() { return m_frame; }
  const ScenarioPanel& scenario() const { return m_scenario; }
  // File > Quit or Ctrl+Q: the window should close.
  bool quit_requested() const { return m_quit; }

 private:
  void shortcuts();
  void menu_bar();
  void draw_help();
  // Where each panel goes this frame, from the display size and the settings. `data_y`: the
  // top of the data panel under the loss plot, equal to table_y when there is no data.
  struct Layout {
    float side, right, top, bottom, table_y, data_y;
  };
  Layout layout() const;
  void splitters(const Layout& l);

  Lab& m_lab;
  Settings& m_settings;
  Playback m_playback;
  Frame m_frame;
  CanvasPanel m_canvas;
  ScenarioPanel m_scenario;
  OptimizersPanel m_optimizers;
  PlaybackBar m_playback_bar;
  LossPlot m_loss;
  RunsTable m_table;
  DataPanel m_data;
  bool m_quit = false;
  bool m_help = false;  // Help > Keys and mouse asked for
};

}  // namespace descent::ui
