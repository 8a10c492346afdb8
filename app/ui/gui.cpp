#include "gui.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <imgui.h>

#include "lessons.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr float kGap = 6;    // between panels, where the splitters are
constexpr int kKeyF1 = 290;  // GLFW_KEY_F1: ImGui 1.86's GLFW backend indexes keys by GLFW code

// A file name for a lab called `title`: "Momentum on a ravine" gives "momentum-on-a-ravine.json",
// "L2 regularisation: every weight shrinks" gives "l2-regularisation.json".
std::string file_name_for(const std::string& title) {
  std::string name;
  for (char c : title.substr(0, title.find(':'))) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u))
      name += static_cast<char>(std::tolower(u));
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  return (name.empty() ? "untitled" : name) + ".json";
}

// `value` within [lo, hi]; in a window too small for both bounds, the upper one (the display)
// wins. (std::clamp is undefined when lo > hi.)
float bounded(float value, float lo, float hi) {
  return std::min(std::max(value, lo), hi);
}

void place(float x, float y, float w, float h) {
  ImGui::SetNextWindowPos(ImVec2(x, y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(std::max(w, 1.f), std::max(h, 1.f)), ImGuiCond_Always);
}

// A draggable strip; returns the drag this frame along `vertical ? x : y`.
float splitter(const char* id, float x, float y, float w, float h, bool vertical) {
  place(x, y, w, h);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin(id, nullptr, kPanel | ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
  ImGui::InvisibleButton("##split", ImVec2(std::max(w, 1.f), std::max(h, 1.f)));
  float delta = 0;
  if (ImGui::IsItemHovered() || ImGui::IsItemActive())
    ImGui::SetMouseCursor(vertical ? ImGuiMouseCursor_ResizeEW : ImGuiMouseCursor_ResizeNS);
  if (ImGui::IsItemActive())
    delta = vertical ? ImGui::GetIO().MouseDelta.x : ImGui::GetIO().MouseDelta.y;
  ImGui::End();
  ImGui::PopStyleVar();
  return delta;
}

}  // namespace

Gui::Gui(Lab& lab, Settings& settings)
    : m_lab(lab), m_settings(settings), m_frame(lab, settings), m_instruments(lab.session()) {
  m_document.reset(lab.scenario(), "");
  m_canvas.set_instruments(&m_instruments);
}

// [SECTION] the document: new, open, save, lessons
void Gui::adopt(std::string path, std::string name, bool modified) {
  m_opening = Opening{std::move(path), std::move(name), modified, m_lab.last_load()};
}

std::string Gui::title() const {
  return m_document.title(m_lab.scenario());
}

bool Gui::busy() const {
  const Lab& lab = m_lab;
  if (lab.playback().playing || lab.loading() || lab.waiting() || m_opening ||
      lab.session().field_progress() < 1 || m_export.working() || m_instruments.busy())
    return true;
  for (const auto& run : lab.snapshot()->runs)
    if (run.trajectory->status() == RunStatus::running) return true;
  return false;
}

Autosaved Gui::autosaved() const {
  // A scenario still loading is what the lab is about to be: keep that, not what it replaces.
  if (m_opening && m_lab.pending())
    return {*m_lab.pending(), m_opening->path, m_opening->name, m_opening->modified};
  Scenario now = m_lab.scenario();
  const bool modified = m_document.modified(now);
  return {std::move(now), m_document.path(), m_document.name(), modified};
}

void Gui::open_scenario(const std::string& path, bool from_dialog) {
  try {
    const std::string absolute = std::filesystem::absolute(path).lexically_normal().string();
    m_lab.load(load_scenario(absolute));
    adopt(absolute);
    m_settings.remember(absolute);
  } catch (const std::exception& e) {  // a bad file, or one the system cannot read
    if (from_dialog)
      m_dialog.fail(e.what());
    else
      alert(cat("Could not open ", path, ":\n", e.what()));
  }
}

void Gui::open_lesson(const std::string& name) {
  try {
    Scenario lesson = load_lesson(name);
    m_lab.load(lesson);
    m_lesson.set_closed(false);
    adopt("", lesson.lesson.title.empty() ? name : lesson.lesson.title);
  } catch (const std::exception& e) {
    alert(cat("Could not open the lesson ", name, ":\n", e.what()));
  }
}

void Gui::unless_unsaved(std::function<void()> action) {
  if (!m_document.modified(m_lab.scenario())) {
    action();
    return;
  }
  m_unsaved = std::move(action);
  m_ask_unsaved = true;
}

void Gui::open_dialog() {
  // Where the lab's file is, else where the last one opened or saved was.
  std::string near = m_document.path();
  if (near.empty() && !m_settings.recent_files.empty()) near = m_settings.recent_files.front();
  m_purpose = Purpose::open_scenario;
  m_dialog.open(FileDialog::Mode::open, "Open scenario", ".json",
                near.empty() ? "" : std::filesystem::path(near).parent_path().string());
}

void Gui::save() {
  if (m_document.path().empty()) {
    save_as();
    return;
  }
  const Scenario now = m_lab.scenario();
  try {
    save_scenario(now, m_document.path());
    m_document.reset(now, m_document.path());
    m_settings.remember(m_document.path());
    if (auto then = std::move(m_after_save)) then();
  } catch (const std::exception& e) {
    m_after_save = nullptr;
    alert(cat("Not saved: ", e.what(), "\nThe file was left as it was."));
  }
}

void Gui::save_as() {
  namespace fs = std::filesystem;
  const std::string& path = m_document.path();
  const std::string name =
      path.empty() ? file_name_for(m_document.name()) : fs::path(path).filename().string();
  m_purpose = Purpose::save_as;
  std::string near = path;
  if (near.empty() && !m_settings.recent_files.empty()) near = m_settings.recent_files.front();
  m_dialog.open(FileDialog::Mode::save, "Save scenario as", ".json",
                near.empty() ? "" : fs::path(near).parent_path().string(), name);
}

void Gui::shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (m_dialog.showing() || m_scenario.dialog_showing() || m_export.showing()) return;
  m_view.shortcuts(m_settings);
  if (io.KeyCtrl && !io.KeyAlt) {
    if (!io.WantTextInput) {  // a text field being edited undoes its own typing
      if (ImGui::IsKeyPressed('Z')) io.KeyShift ? m_undo.redo() : m_undo.undo();
      if (ImGui::IsKeyPressed('Y')) m_undo.redo();
    }
    if (ImGui::IsKeyPressed('N', false)) unless_unsaved([this] {
        m_lab.load_defaults();
        adopt("");
      });
    if (ImGui::IsKeyPressed('O', false)) {
      if (io.KeyShift) {
        m_scenario.open_data_dialog();
      } else {
        unless_unsaved([this] { open_dialog(); });
      }
    }
    if (ImGui::IsKeyPressed('S', false)) io.KeyShift ? save_as() : save();
    if (ImGui::IsKeyPressed('E', false)) m_export.open();
    if (ImGui::IsKeyPressed('Q', false)) m_quit = true;
    return;
  }
  if (io.WantTextInput || io.KeyAlt) return;
  Playback& playback = m_lab.playback();
  const double end = static_cast<double>(m_frame.last_step);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) playback.toggle(end);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) playback.step_forward(end);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) playback.step_back();
  if (ImGui::IsKeyPressed('R', false)) playback.restart();  // GLFW's key codes: ASCII for letters
  if (ImGui::IsKeyPressed('F', false)) m_canvas.request_fit();
  if (ImGui::IsKeyPressed('I', false)) m_instruments.open = !m_instruments.open;
  if (ImGui::IsKeyPressed('B', false)) m_instruments.basin_shown = !m_instruments.basin_shown;
  if (ImGui::IsKeyPressed('H', false)) m_canvas.curvature_shown = !m_canvas.curvature_shown;
  if (ImGui::IsKeyPressed('A', false)) m_instruments.toggle_anatomy(m_frame);
  if (ImGui::IsKeyPressed('G', false))
    m_canvas.gradient_field_shown = !m_canvas.gradient_field_shown;
  if (ImGui::IsKeyPressed('3', false)) m_surface.toggle(io.KeyShift);
  if (ImGui::IsKeyPressed('L', false) && m_surface.shown != SurfacePanel::Shown::off)
    m_surface.log_height = !m_surface.log_height;
  if (ImGui::IsKeyPressed('F', false)) m_surface.reset_camera();
  if (ImGui::IsKeyPressed(kKeyF1, false)) m_help = true;
}

void Gui::draw_dialogs() {
  if (auto path = m_dialog.draw()) {
    switch (m_purpose) {
      case Purpose::open_scenario:
        open_scenario(*path, true);
        break;
      case Purpose::save_as: {
        const Scenario now = m_lab.scenario();
        try {
          save_scenario(now, *path);
          m_document.reset(now, *path);
          m_settings.remember(*path);
          if (auto then = std::move(m_after_save)) then();
        } catch (const std::exception& e) {
          m_dialog.fail(cat("Not saved: ", e.what()));
        }
        break;
      }
      case Purpose::none:
        break;
    }
  }
  if (!m_dialog.showing()) m_after_save = m_purpose == Purpose::save_as ? nullptr : m_after_save;

  if (m_ask_unsaved) {
    ImGui::OpenPopup("Unsaved changes");
    m_ask_unsaved = false;
  }
  if (ImGui::BeginPopupModal(
          "Unsaved changes", nullptr,
          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::Text("%s has changes that are not saved.", m_document.name().c_str());
    if (ImGui::Button("Save first")) {
      m_after_save = std::move(m_unsaved);
      ImGui::CloseCurrentPopup();
      save();
    }
    ImGui::SameLine();
    if (ImGui::Button("Discard them")) {
      ImGui::CloseCurrentPopup();
      if (auto then = std::move(m_unsaved)) then();
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      m_unsaved = nullptr;
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }

  if (!m_alert.empty() && !ImGui::IsPopupOpen("Descent")) ImGui::OpenPopup("Descent");
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
  if (ImGui::BeginPopupModal("Descent", nullptr, ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(m_alert.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button("OK") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
      m_alert.clear();
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
}

bool Gui::bottom_panel() const {
  return m_instruments.open || DataPanel::shows(*m_lab.objective());
}

Gui::Layout Gui::layout() const {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float scale = ImGui::GetFontSize() / kBaseFontSize;
  const float bar = ImGui::GetFrameHeight() * 1.25f + ImGui::GetStyle().WindowPadding.y * 2 +
                    2 * ImGui::GetStyle().WindowBorderSize;
  const bool presenting = m_view.presenting;
  Layout l;
  l.top = ImGui::GetFrameHeight();  // the main menu bar
  l.bottom = display.y - bar;
  // The columns as the user left them; on a small screen or with large text they narrow
  // together, so that the canvas keeps at least 45% of the width (55% when presenting).
  const float narrowest = std::min(200.f, display.x * 0.15f);
  l.side = presenting ? 0 : std::max(m_settings.sidebar_width * scale, narrowest);
  l.right = std::max(m_settings.side_panel_width * scale, narrowest);
  if (const float room = display.x * (presenting ? 0.45f : 0.55f); l.side + l.right > room) {
    const float shrink = room / (l.side + l.right);
    l.side *= shrink, l.right *= shrink;
  }
  l.centre = presenting ? 0 : l.side + kGap;
  // The smallest a panel gets: its title and a line (ImGui keeps windows no smaller anyway).
  const float least = std::max(ImGui::GetStyle().WindowMinSize.y, ImGui::GetFrameHeight() * 1.6f);
  // The smallest a plot panel gets while it can: its title, its controls and a readable plot
  // (the data panel has a line of controls more); and the least of the lesson's text worth
  // showing beside them.
  const float fh = ImGui::GetFrameHeight();
  const float loss_least = fh * 7, data_least = fh * 10, lesson_least = fh * 5;
  const bool data = bottom_panel();
  // The runs table below; presenting, nothing (the panels above reach the playback bar). It
  // yields room to the right column when that would not have its least.
  auto place_table = [&](int stacked) {
    const float column_least = stacked * least + (stacked - 1) * kGap;
    if (presenting) return l.bottom + kGap;
    // At least its title, the tolerance, the header and a row.
    const float table = bounded(m_settings.table_height * scale, ImGui::GetFrameHeight() * 4.5f,
                                (l.bottom - l.top) * 0.3f);
    return std::max(l.bottom - table, std::min(l.top + column_least + kGap, l.bottom - least));
  };
  // The lesson's text gives way when even its title would leave the plots no room (very large
  // text on a small screen); it comes back when there is room.
  l.lesson = m_lesson.shown(m_lab);
  l.table_y = place_table(1 + l.lesson + data);
  // Three panels in the right column above the table (a lesson, the loss and the data) need
  // its height: on a short screen the column reaches the playback bar, and the table spans the
  // canvas's width only (it scrolls sideways).
  const float plots_want = loss_least + (data ? data_least + kGap : 0);
  const float stack_least = (l.lesson ? lesson_least + kGap : 0) + plots_want;
  l.tall_right = data && !presenting && l.table_y - kGap - l.top < stack_least;
  l.right_end = l.tall_right ? l.bottom + kGap : l.table_y;
  if (l.lesson && l.right_end - kGap - l.top < (2 + data) * least + (1 + data) * kGap) {
    l.lesson = false;
    l.table_y = place_table(1 + data);
    if (!l.tall_right) l.right_end = l.table_y;
  }
  const float column = l.right_end - kGap - l.top;
  // The room the plots need, or what the column has for them after the lesson's least.
  const float plots_least = std::min(plots_want, column - (l.lesson ? least + kGap : 0));
  // The lesson's text as far as it fits in a share of the column: the plots need the rest.
  l.loss_y = l.top;
  if (l.lesson)
    l.loss_y += bounded(std::min(m_lesson.height(m_lab, l.right), column * (data ? 0.38f : 0.5f)),
                        least, column - plots_least - kGap) +
                kGap;
  l.data_y = l.right_end;
  if (data) {
    // As the user left it, within what leaves the loss plot its least.
    const float below = l.right_end - kGap - l.loss_y;
    const float most = std::max(below - loss_least - kGap, (below - kGap) / 2);
    const float height =
        bounded(bounded(m_settings.data_height * scale, data_least, below * 0.6f), least, most);
    l.data_y = l.right_end - kGap - height;
  }
  return l;
}

void Gui::draw(double dt, const FieldImage& field) {
  if (std::string error = m_lab.poll(); !error.empty()) {
    if (m_opening) {
      alert(cat("Could not open ", m_opening->name.empty() ? m_opening->path : m_opening->name,
                ":\n", error));
      m_opening.reset();
    } else {
      m_scenario.report(error);
    }
  }
  if (m_opening && m_lab.holds(m_opening->load)) {  // the lab holds what was opened
    m_document.reset(m_lab.scenario(), m_opening->path, m_opening->name, m_opening->modified);
    m_opening.reset();
  } else if (m_opening && !m_lab.waiting()) {
    m_opening.reset();  // abandoned: another objective was chosen before its data arrived
  }
  // Before the panels read the lab: an undo carried out now is what this frame shows.
  if (std::string error = m_undo.update(!ImGui::IsAnyItemActive()); !error.empty())
    alert(cat("Could not undo:\n", error));
  m_frame.refresh();
  shortcuts();
  m_lab.playback().tick(dt, static_cast<double>(m_frame.last_step));
  m_frame.refresh();
  m_frame.highlighted.reset();

  //  |            Menu bar             |
  //  | Lab |      Canvas      |  Loss  |
  //  |     |                  |  Data  |   (the data panel for a model over data)
  //  |     |------------------+--------|
  //  |     |       Runs table          |
  //  |        Playback bar             |
  menu_bar();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const Layout l = layout();
  const float centre_x = l.centre, right_x = display.x - l.right;
  const float upper_h = l.table_y - kGap - l.top;

  if (!m_view.presenting) {
    // The table first: a run hovered there is emphasised in the panels drawn after.
    place(centre_x, l.table_y, (l.tall_right ? right_x - kGap : display.x) - centre_x,
          l.bottom - l.table_y);
    if (ImGui::Begin("Runs", nullptr, kPanel)) m_table.draw(m_frame);
    ImGui::End();

    place(0, l.top, l.side, l.bottom - l.top);
    if (ImGui::Begin("Lab", nullptr, kPanel)) {
      if (m_scenario.draw(m_frame)) m_canvas.request_fit();
      ImGui::Spacing();
      m_optimizers.draw(m_frame);
    }
    ImGui::End();
    m_frame.refresh();  // the panels may have changed runs
  }

  if (l.lesson) {
    place(right_x, l.top, l.right, l.loss_y - kGap - l.top);
    bool open = true;
    if (ImGui::Begin("Lesson", &open, kPanel)) m_lesson.draw(m_frame);
    ImGui::End();
    if (!open) m_lesson.set_closed(true);
  }
  const bool data = bottom_panel();
  place(right_x, l.loss_y, l.right, (data ? l.data_y : l.right_end) - kGap - l.loss_y);
  if (ImGui::Begin("Loss", nullptr, kPanel)) m_loss.draw(m_frame);
  ImGui::End();
  // Under the loss plot: the instruments when open, else a model's data.
  if (data) {
    place(right_x, l.data_y, l.right, l.right_end - kGap - l.data_y);
    if (m_instruments.open) {
      bool open = true;
      if (ImGui::Begin("Instruments", &open, kPanel | ImGuiWindowFlags_NoScrollbar))
        m_instruments.draw(m_frame);
      ImGui::End();
      m_instruments.open = open;
    } else {
      if (ImGui::Begin("Data", nullptr, kPanel | ImGuiWindowFlags_NoScrollbar))
        m_data.draw(m_frame);
      ImGui::End();
    }
  }

  // The instruments follow the lab and the canvas's view of the last frame.
  if (m_canvas.plot().width > 0 && m_canvas.plot().height > 0)
    m_instruments.update(m_frame, m_canvas.view().visible(m_canvas.plot()),
                         m_canvas.plot().width / m_canvas.plot().height);
  // The canvas, or the 3D view in its place, or the two side by side.
  using Shown = SurfacePanel::Shown;
  if (m_surface.shown != m_surface_was) m_canvas.request_refit();  // the plot changes shape
  m_surface_was = m_surface.shown;
  const float canvas_w = right_x - kGap - centre_x;
  const float flat_w = m_surface.shown == Shown::beside ? (canvas_w - kGap) / 2 : canvas_w;
  constexpr ImGuiWindowFlags kPlot = kPanel | ImGuiWindowFlags_NoTitleBar |
                                     ImGuiWindowFlags_NoScrollbar |
                                     ImGuiWindowFlags_NoScrollWithMouse;
  place(centre_x, l.top, flat_w, upper_h);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  if (ImGui::Begin("Canvas", nullptr, kPlot)) {
    if (m_surface.shown == Shown::alone) {
      m_canvas.follow(m_frame);  // the view box and field the 3D view shows
      m_surface.draw(m_frame, m_canvas, field.surface);
    } else {
      m_canvas.draw(m_frame, field);
    }
  }
  ImGui::End();
  if (m_surface.shown == Shown::beside) {
    place(centre_x + flat_w + kGap, l.top, flat_w, upper_h);
    if (ImGui::Begin("Surface", nullptr, kPlot)) m_surface.draw(m_frame, m_canvas, field.surface);
    ImGui::End();
  }
  ImGui::PopStyleVar();

  place(0, l.bottom, display.x, display.y - l.bottom);
  if (ImGui::Begin("Playback", nullptr,
                   kPanel | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
    m_playback_bar.draw(m_frame);
  ImGui::End();

  splitters(l);
  draw_help();
  draw_dialogs();
  m_export.draw(m_frame);
}

void Gui::splitters(const Layout& l) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float scale = ImGui::GetFontSize() / kBaseFontSize;
  // A size is remembered only when dragged: what a small screen narrowed stays as it was set.
  if (!m_view.presenting) {
    if (float drag = splitter("##split left", l.side, l.top, kGap, l.bottom - l.top, true))
      m_settings.sidebar_width = std::clamp((l.side + drag) / scale, 200.f, 2000.f);
    const float table_end = l.tall_right ? display.x - l.right - kGap : display.x;
    if (float drag = splitter("##split table", l.centre, l.table_y - kGap, table_end - l.centre,
                              kGap, false))
      m_settings.table_height = std::clamp((l.bottom - l.table_y - drag) / scale, 60.f, 2000.f);
  }
  if (float drag = splitter("##split right", display.x - l.right - kGap, l.top, kGap,
                            l.right_end - kGap - l.top, true))
    m_settings.side_panel_width = std::clamp((l.right - drag) / scale, 200.f, 2000.f);
  if (l.data_y < l.right_end)
    if (float drag =
            splitter("##split data", display.x - l.right, l.data_y - kGap, l.right, kGap, false))
      m_settings.data_height =
          std::clamp((l.right_end - kGap - l.data_y - drag) / scale, 60.f, 2000.f);
}

void Gui::draw_canvas_only(const FieldImage& field) {
  m_frame.refresh();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  place(0, 0, display.x, display.y);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  if (ImGui::Begin("Canvas", nullptr,
                   kPanel | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
    m_canvas.draw(m_frame, field);
  ImGui::End();
  ImGui::PopStyleVar();
}

}  // namespace descent::ui
