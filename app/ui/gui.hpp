#pragma once
// The whole window: the panels laid out in columns with draggable splitters, the menus, the
// keyboard shortcuts, the playback clock, and the scenario file the lab is (open, save, recent,
// lessons). GL-free: the field arrives as a texture to show.
#include <functional>
#include <optional>
#include <string>

#include "autosave.hpp"
#include "canvas.hpp"
#include "data_panel.hpp"
#include "document.hpp"
#include "export_panel.hpp"
#include "file_dialog.hpp"
#include "frame.hpp"
#include "instruments_panel.hpp"
#include "lesson_panel.hpp"
#include "loss_plot.hpp"
#include "optimizers_panel.hpp"
#include "playback_bar.hpp"
#include "runs_table.hpp"
#include "scenario_panel.hpp"
#include "surface_view.hpp"
#include "undo.hpp"
#include "view_menu.hpp"

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
  InstrumentsPanel& instruments() { return m_instruments; }
  // The 3D view: off, in the canvas's place or beside it (3, Shift+3).
  SurfacePanel& surface() { return m_surface; }
  LossPlot& loss_plot() { return m_loss; }
  Playback& playback() { return m_lab.playback(); }
  const Frame& frame() const { return m_frame; }
  Frame& frame() { return m_frame; }
  const ScenarioPanel& scenario() const { return m_scenario; }
  // Full screen and presentation mode, as the View menu and its keys left them.
  ViewMenu& view_menu() { return m_view; }
  // Whether the window changes without input: playing, runs or a field computing, data loading,
  // an export being made.
  // When not, the window may sleep until the next event.
  bool busy() const;
  // Edit > Undo and Redo (Ctrl+Z, Ctrl+Shift+Z or Ctrl+Y).
  const Undo& undo() const { return m_undo; }
  ExportPanel& export_panel() { return m_export; }
  // File > Quit or Ctrl+Q: the window should close.
  bool quit_requested() const { return m_quit; }

  // [SECTION] the document
  // The lab was (or is being) loaded from `path` ("" for none), called `name` in the title;
  // `modified`: with changes that file has not. Takes effect once the lab holds it.
  void adopt(std::string path, std::string name = "", bool modified = false);
  // Opens a scenario file or a lesson by name, as the menus do (without asking about unsaved
  // changes). A file that cannot be opened is reported in the window (in the Open dialog when
  // it came from there); the lab stays.
  void open_scenario(const std::string& path, bool from_dialog = false);
  void open_lesson(const std::string& name);
  const Document& document() const { return m_document; }
  // The window's title: the document's name, "*" when modified.
  std::string title() const;
  // What the autosave keeps.
  Autosaved autosaved() const;
  // A message for the user in a modal box (a failed save, a file that would not open).
  void alert(std::string message) { m_alert = std::move(message); }

 private:
  void shortcuts();
  void menu_bar();
  void file_menu();
  void edit_menu();
  void lessons_menu();
  void surface_menu_items();  // in the View menu
  void draw_help();
  void draw_dialogs();
  // Runs `action` now, or after the user agreed to lose (or saved) the lab's changes.
  void unless_unsaved(std::function<void()> action);
  void open_dialog();
  void save();
  void save_as();
  // Where each panel goes this frame, from the display size, the settings and presentation
  // mode. `centre`: the left edge of the canvas; `loss_y`: the top of the loss plot (below the
  // lesson); `data_y`: the top of the data panel under the loss plot, equal to table_y when there
  // is no data; `table_y`: the top of the runs table (below the playback bar when hidden);
  // `lesson`: whether the lesson's text has room.
  struct Layout {
    float side, right, centre, top, bottom, table_y, data_y, loss_y;
    float right_end;  // where the right column ends (a gap below it): the table's top or the bar's
    bool lesson, tall_right;
  };
  Layout layout() const;
  // Whether a panel goes under the loss plot: the instruments, or a model's data.
  bool bottom_panel() const;
  void splitters(const Layout& l);

  Lab& m_lab;
  Settings& m_settings;
  Frame m_frame;
  CanvasPanel m_canvas;
  ScenarioPanel m_scenario;
  OptimizersPanel m_optimizers;
  PlaybackBar m_playback_bar;
  LossPlot m_loss;
  RunsTable m_table;
  DataPanel m_data;
  InstrumentsPanel m_instruments;
  SurfacePanel m_surface;
  SurfacePanel::Shown m_surface_was = SurfacePanel::Shown::off;  // last frame's
  LessonPanel m_lesson;
  ViewMenu m_view;
  ExportPanel m_export;
  bool m_quit = false;
  bool m_help = false;  // Help > Keys and mouse asked for

  Document m_document;
  Undo m_undo{m_lab};
  // A file or lesson being opened: the document once the lab holds it.
  struct Opening {
    std::string path, name;
    bool modified = false;
    std::uint64_t load = 0;  // the lab's load that brings it
  };
  std::optional<Opening> m_opening;
  FileDialog m_dialog;
  enum class Purpose { none, open_scenario, save_as } m_purpose = Purpose::none;
  std::function<void()> m_after_save;  // what Save as was asked for before (New, Open...)
  std::function<void()> m_unsaved;     // waits for the answer to "discard the changes?"
  bool m_ask_unsaved = false;
  std::string m_alert;
  // The lessons' titles and texts for the menu, read once: the files are the program's own.
  struct LessonItem {
    std::string name, title, text;
  };
  std::vector<LessonItem> m_lesson_items;
};

}  // namespace descent::ui
