#include "gui.hpp"

#include <algorithm>
#include <string>

#include <imgui.h>

#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr ImGuiWindowFlags kPanel = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoBringToFrontOnFocus;
constexpr float kGap = 6;    // between panels, where the splitters are
constexpr int kKeyF1 = 290;  // GLFW_KEY_F1: ImGui 1.86's GLFW backend indexes keys by GLFW code

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
    : m_lab(lab), m_settings(settings), m_frame(lab, settings, m_playback) {
  m_playback.speed = settings.speed;
}

void Gui::shortcuts() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && !io.KeyAlt) {
    if (ImGui::IsKeyPressed('O', false)) m_scenario.open_data_dialog();
    if (ImGui::IsKeyPressed('Q', false)) m_quit = true;
    return;
  }
  if (io.WantTextInput || io.KeyAlt) return;
  const double end = static_cast<double>(m_frame.last_step);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false)) m_playback.toggle(end);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) m_playback.step_forward(end);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) m_playback.step_back();
  if (ImGui::IsKeyPressed('R', false)) m_playback.restart();  // GLFW's key codes: ASCII for letters
  if (ImGui::IsKeyPressed('F', false)) m_canvas.request_fit();
  if (ImGui::IsKeyPressed(kKeyF1, false)) m_help = true;
}

void Gui::menu_bar() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu("File")) {
    if (ImGui::MenuItem("Open data...", "Ctrl+O")) m_scenario.open_data_dialog();
    tooltip("Fit a model to your own CSV file: x,y (or x1,x2,y), with a header or without");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) m_quit = true;
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
      {"Ctrl+O", "open a CSV file of data"},
      {"Ctrl+Q", "quit"},
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

Gui::Layout Gui::layout() const {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float scale = ImGui::GetFontSize() / kBaseFontSize;
  const float bar = ImGui::GetFrameHeight() * 1.25f + ImGui::GetStyle().WindowPadding.y * 2 +
                    2 * ImGui::GetStyle().WindowBorderSize;
  Layout l;
  l.side = bounded(m_settings.sidebar_width * scale, 200.f, display.x * 0.4f);
  l.right = bounded(m_settings.side_panel_width * scale, 200.f, display.x * 0.45f);
  l.top = ImGui::GetFrameHeight();  // the main menu bar
  l.bottom = display.y - bar;
  float table = bounded(m_settings.table_height * scale, ImGui::GetFrameHeight() * 3,
                        (l.bottom - l.top) * 0.6f);
  l.table_y = l.bottom - table;
  l.data_y = l.table_y;
  if (m_lab.model()) {
    const float upper = l.table_y - kGap - l.top;
    float data =
        bounded(m_settings.data_height * scale, ImGui::GetFrameHeight() * 4, upper * 0.75f);
    l.data_y = l.table_y - kGap - data;
  }
  return l;
}

void Gui::draw(double dt, const FieldImage& field) {
  if (std::string error = m_lab.poll(); !error.empty()) m_scenario.report(error);
  m_frame.refresh();
  shortcuts();
  m_playback.tick(dt, static_cast<double>(m_frame.last_step));
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
  const float centre_x = l.side + kGap, right_x = display.x - l.right;
  const float upper_h = l.table_y - kGap - l.top;

  // The table first: a run hovered there is emphasised in the panels drawn after.
  place(centre_x, l.table_y, display.x - centre_x, l.bottom - l.table_y);
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

  const bool data = m_lab.model().has_value();
  place(right_x, l.top, l.right, data ? l.data_y - kGap - l.top : upper_h);
  if (ImGui::Begin("Loss", nullptr, kPanel)) m_loss.draw(m_frame);
  ImGui::End();
  if (data) {
    place(right_x, l.data_y, l.right, l.table_y - kGap - l.data_y);
    if (ImGui::Begin("Data", nullptr, kPanel | ImGuiWindowFlags_NoScrollbar)) m_data.draw(m_frame);
    ImGui::End();
  }

  place(centre_x, l.top, right_x - kGap - centre_x, upper_h);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
  if (ImGui::Begin("Canvas", nullptr,
                   kPanel | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar |
                       ImGuiWindowFlags_NoScrollWithMouse))
    m_canvas.draw(m_frame, field);
  ImGui::End();
  ImGui::PopStyleVar();

  place(0, l.bottom, display.x, display.y - l.bottom);
  if (ImGui::Begin("Playback", nullptr,
                   kPanel | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar))
    m_playback_bar.draw(m_frame);
  ImGui::End();

  splitters(l);
  draw_help();
}

void Gui::splitters(const Layout& l) {
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  const float scale = ImGui::GetFontSize() / kBaseFontSize;
  m_settings.sidebar_width =
      (l.side + splitter("##split left", l.side, l.top, kGap, l.bottom - l.top, true)) / scale;
  m_settings.side_panel_width = (l.right - splitter("##split right", display.x - l.right - kGap,
                                                    l.top, kGap, l.table_y - kGap - l.top, true)) /
                                scale;
  if (l.data_y < l.table_y)
    m_settings.data_height =
        (l.table_y - kGap - l.data_y -
         splitter("##split data", display.x - l.right, l.data_y - kGap, l.right, kGap, false)) /
        scale;
  float centre_x = l.side + kGap;
  m_settings.table_height =
      (l.bottom - l.table_y -
       splitter("##split table", centre_x, l.table_y - kGap, display.x - centre_x, kGap, false)) /
      scale;
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
