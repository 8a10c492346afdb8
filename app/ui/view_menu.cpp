#include "view_menu.hpp"

#include <cmath>

#include <imgui.h>

#include "text.hpp"

namespace descent::ui {

void ViewMenu::menu(Settings& settings, const std::function<void()>& more) {
  if (!ImGui::BeginMenu("View")) return;
  const int percent = static_cast<int>(std::lround(settings.font_scale * 100));
  ImGui::TextDisabled("Text size: %d%%", percent);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Ctrl+wheel changes it too: from %d%% to %d%%.",
                      static_cast<int>(kMinFontScale * 100), static_cast<int>(kMaxFontScale * 100));
  if (ImGui::MenuItem("Larger text", "Ctrl+=", false, settings.font_scale < kMaxFontScale))
    settings.font_scale = step_font_scale(settings.font_scale, 1);
  if (ImGui::MenuItem("Smaller text", "Ctrl+-", false, settings.font_scale > kMinFontScale))
    settings.font_scale = step_font_scale(settings.font_scale, -1);
  if (ImGui::MenuItem("Default size", "Ctrl+0", false, settings.font_scale != 1))
    settings.font_scale = 1;
  ImGui::Separator();
  for (const auto& theme : themes()) {
    if (ImGui::MenuItem(cat(theme.label, " theme").c_str(), nullptr, settings.theme == theme.theme))
      settings.theme = theme.theme;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", theme.description);
  }
  ImGui::Separator();
  ImGui::MenuItem("Full screen", "F11", &fullscreen);
  ImGui::MenuItem("Presentation mode", "F5", &presenting);
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip(
        "Hides the Lab panel and the runs table: the plot, the loss, the lesson and the\n"
        "playback bar fill the screen. F5 or Esc brings the panels back.");
  if (more) {
    ImGui::Separator();
    more();
  }
  ImGui::EndMenu();
}

void ViewMenu::shortcuts(Settings& settings) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && !io.KeyAlt) {
    if (ImGui::IsKeyPressed(kKeyEqual) || ImGui::IsKeyPressed(kKeyPadPlus))
      settings.font_scale = step_font_scale(settings.font_scale, 1);
    if (ImGui::IsKeyPressed(kKeyMinus) || ImGui::IsKeyPressed(kKeyPadMinus))
      settings.font_scale = step_font_scale(settings.font_scale, -1);
    if (ImGui::IsKeyPressed(kKey0, false) || ImGui::IsKeyPressed(kKeyPad0, false))
      settings.font_scale = 1;
    if (io.MouseWheel != 0)
      settings.font_scale = step_font_scale(settings.font_scale, io.MouseWheel > 0 ? 1 : -1);
    return;
  }
  if (io.KeyAlt || io.KeyShift) return;
  if (ImGui::IsKeyPressed(kKeyF11, false)) fullscreen = !fullscreen;
  if (ImGui::IsKeyPressed(kKeyF5, false)) presenting = !presenting;
  if (presenting && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId) &&
      ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
    presenting = false;
}

}  // namespace descent::ui
