// The window's menu bar (File, Edit, Lessons, View, Instruments, Help) and the list of keys
// and mouse actions (F1): what a user can reach by name.
#include <filesystem>
#include <string>

#include <imgui.h>

#include "gui.hpp"
#include "lessons.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {

void Gui::file_menu() {
  if (!ImGui::BeginMenu("File")) return;
  if (ImGui::MenuItem("New", "Ctrl+N"))
    unless_unsaved([this] {
      m_lab.load_defaults();
      adopt("");
    });
  tooltip("The lab a newcomer sees: Rosenbrock with SGD, momentum and Adam");
  if (ImGui::MenuItem("Open scenario...", "Ctrl+O")) unless_unsaved([this] { open_dialog(); });
  tooltip("A lab saved as a .json file: its objective, runs, view and playback");
  if (ImGui::BeginMenu("Open recent", !m_settings.recent_files.empty())) {
    std::string chosen;
    for (const auto& path : m_settings.recent_files) {
      if (ImGui::MenuItem(std::filesystem::path(path).filename().string().c_str())) chosen = path;
      tooltip(path.c_str());
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Clear the list")) m_settings.recent_files.clear();
    ImGui::EndMenu();
    if (!chosen.empty())
      unless_unsaved([this, chosen] {
        std::error_code error;
        if (!std::filesystem::exists(chosen, error)) {
          std::erase(m_settings.recent_files, chosen);
          alert(cat("Could not open ", chosen, ":\nthe file is no longer there."));
          return;
        }
        open_scenario(chosen);
      });
  }
  if (ImGui::MenuItem("Open data...", "Ctrl+Shift+O")) m_scenario.open_data_dialog();
  tooltip("Fit a model to your own CSV file: x,y (or x1,x2,y), with a header or without");
  ImGui::Separator();
  if (ImGui::MenuItem("Save", "Ctrl+S")) save();
  tooltip(m_document.path().empty() ? "Not saved yet: asks where" : m_document.path().c_str());
  if (ImGui::MenuItem("Save as...", "Ctrl+Shift+S")) save_as();
  ImGui::Separator();
  if (ImGui::MenuItem("Export...", "Ctrl+E")) m_export.open();
  tooltip(
      "The canvas or the window as a picture, the race as a GIF or video, the runs as CSV "
      "or JSON");
  ImGui::Separator();
  if (ImGui::MenuItem("Quit", "Ctrl+Q")) m_quit = true;
  tooltip("The lab is kept, and comes back at the next start");
  ImGui::EndMenu();
}

void Gui::edit_menu() {
  if (!ImGui::BeginMenu("Edit")) return;
  // The edit named ("Undo remove run 'adam lr=0.05'"); the ### keeps the item's id fixed.
  const std::string undo = m_undo.undo_name(), redo = m_undo.redo_name();
  if (ImGui::MenuItem(cat("Undo ", undo, "###undo").c_str(), "Ctrl+Z", false, m_undo.can_undo()))
    m_undo.undo();
  if (ImGui::MenuItem(cat("Redo ", redo, "###redo").c_str(), "Ctrl+Shift+Z", false,
                      m_undo.can_redo()))
    m_undo.redo();
  tooltip("Ctrl+Y redoes too");
  ImGui::EndMenu();
}

void Gui::lessons_menu() {
  if (!ImGui::BeginMenu("Lessons")) return;
  if (m_lesson_items.empty())
    for (const auto& lesson : lesson_files()) {
      LessonItem item{lesson.name, lesson.name, ""};
      try {
        Scenario s = load_scenario(lesson.path);
        if (!s.lesson.title.empty()) item.title = s.lesson.title;
        item.text = s.lesson.text;
      } catch (const std::exception& e) {
        item.text = e.what();
      }
      m_lesson_items.push_back(std::move(item));
    }
  std::string chosen;
  for (std::size_t i = 0; i < m_lesson_items.size(); ++i) {
    const LessonItem& item = m_lesson_items[i];
    if (ImGui::MenuItem(cat(i + 1, ". ", item.title).c_str())) chosen = item.name;
    tooltip(item.text.c_str());
  }
  if (m_lesson_items.empty())
    ImGui::TextDisabled("no lessons found in %s", asset_directory().c_str());
  if (!m_lab.lesson().empty()) {
    ImGui::Separator();
    bool shown = !m_lesson.closed();
    if (ImGui::MenuItem("Show the lesson's text", nullptr, &shown)) m_lesson.set_closed(!shown);
  }
  ImGui::EndMenu();
  if (!chosen.empty()) unless_unsaved([this, chosen] { open_lesson(chosen); });
}

void Gui::surface_menu_items() {
  using Shown = SurfacePanel::Shown;
  if (ImGui::MenuItem("3D surface", "3", m_surface.shown == Shown::alone)) m_surface.toggle(false);
  tooltip(
      "The loss as a shaded height mesh in the canvas's place, with every run's path on it. "
      "Drag to orbit, wheel to zoom, double-click or F to reset.");
  if (ImGui::MenuItem("2D and 3D side by side", "Shift+3", m_surface.shown == Shown::beside))
    m_surface.toggle(true);
  tooltip("The contour plot and the 3D surface of the same view box, next to each other");
  ImGui::MenuItem("Log height in 3D", "L", &m_surface.log_height, m_surface.shown != Shown::off);
  tooltip("Heights from log(f - min + ε): a narrow valley such as Rosenbrock's shows its floor");
}

void Gui::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  file_menu();
  edit_menu();
  lessons_menu();
  m_view.menu(m_settings, [this] { surface_menu_items(); });
  if (ImGui::BeginMenu("Instruments")) {
    ImGui::MenuItem("Instruments panel", "I", &m_instruments.open);
    tooltip("A basin map, a learning-rate sweep and a hyperparameter map of one run");
    ImGui::MenuItem("Basin map on the canvas", "B", &m_instruments.basin_shown);
    tooltip("Colours every start of the canvas by the minimum its run reaches");
    ImGui::MenuItem("Curvature at each run's point", "H", &m_canvas.curvature_shown);
    tooltip(
        "The Hessian where each run is: the local quadratic's level ellipse along its "
        "eigenvectors (red: an axis along which the loss curves down), its eigenvalues, the "
        "condition number and 2/λmax, the largest learning rate plain gradient descent can "
        "take there");
    ImGui::MenuItem("Gradient field", "G", &m_canvas.gradient_field_shown);
    tooltip(
        "Arrows along -∇f on a grid over the canvas: the way every start would step first. "
        "Longer where |∇f| is larger (in proportion to log |∇f|, over what the canvas shows).");
    const LabRun* run = m_instruments.run(m_frame);
    const bool drawn =
        run && std::find(m_instruments.anatomy_runs.begin(), m_instruments.anatomy_runs.end(),
                         run->id) != m_instruments.anatomy_runs.end();
    if (ImGui::MenuItem("Step anatomy on the canvas", "A", drawn, run != nullptr))
      m_instruments.toggle_anatomy(m_frame);
    tooltip(
        "Arrows for the parts of the instruments' run's step at its shown point (gradient, "
        "momentum, weight decay, ...), head to tail; the Step anatomy tab has its formula with "
        "the numbers");
    if (ImGui::MenuItem("Step anatomy and formula", nullptr)) {
      m_instruments.open = true;
      m_instruments.select(InstrumentsPanel::Tab::anatomy);
    }
    if (ImGui::MenuItem("Sharpness along the runs", nullptr)) {
      m_instruments.open = true;
      m_instruments.select(InstrumentsPanel::Tab::sharpness);
    }
    tooltip("λmax along each run against 2/lr: the edge of stability");
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Help")) {
    if (ImGui::MenuItem("Keys and mouse", "F1")) m_help = true;
    ImGui::EndMenu();
  }
  ImGui::EndMainMenuBar();
}

void Gui::draw_help() {
  if (m_help) {
    ImGui::OpenPopup("Keys and mouse");
    m_help = false;
  }
  if (!ImGui::BeginPopupModal("Keys and mouse", nullptr,
                              ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings))
    return;
  static constexpr const char* kKeys[][2] = {
      {"Click the plot", "set the start point; every run restarts from it"},
      {"Drag the start marker", "move it; every path follows as you drag"},
      {"Drag empty space", "pan"},
      {"Wheel", "zoom around the cursor"},
      {"Double-click, F", "fit the view to the loss"},
      {"Space", "play / pause"},
      {"Right, Left", "one step forward / back"},
      {"R", "back to step 0"},
      {"Ctrl+click a slider", "type a value"},
      {"Ctrl+Z", "undo the last edit of the lab (Edit says which)"},
      {"Ctrl+Shift+Z, Ctrl+Y", "redo it"},
      {"Ctrl+N", "a new lab"},
      {"Ctrl+O", "open a scenario (.json)"},
      {"Ctrl+Shift+O", "open a CSV file of data"},
      {"Ctrl+S, Ctrl+Shift+S", "save the scenario, save it as"},
      {"Ctrl+E", "export a picture, an animation or the runs"},
      {"Ctrl+Q", "quit (the lab comes back at the next start)"},
      {"Ctrl+=, Ctrl+-, Ctrl+0", "larger text, smaller text, the default size (or Ctrl+wheel)"},
      {"F11", "full screen"},
      {"F5", "presentation mode: the plots only (F5 or Esc to leave it)"},
      {"I", "the instruments: basins, lr sweep, hyperparameters, step anatomy, sharpness"},
      {"B", "the basin map on the canvas (click it: a run from there)"},
      {"H", "the curvature (Hessian) at each run's point"},
      {"A", "the step anatomy of the instruments' run: its update's parts as arrows"},
      {"G", "the gradient field: -∇f on a grid over the canvas"},
      {"3, Shift+3", "the 3D surface in the canvas's place, or beside it"},
      {"Drag, wheel (3D)", "orbit, zoom; double-click or F resets the 3D view"},
      {"L (3D)", "log height: log(f - min + ε)"},
      {"F1", "this list"},
  };
  if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    for (const auto& [key, what] : kKeys) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(key);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(what);
    }
    ImGui::EndTable();
  }
  if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace descent::ui
