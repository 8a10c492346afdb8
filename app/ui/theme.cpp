#include "theme.hpp"

#include <filesystem>

#include <imgui.h>

namespace descent::ui {
namespace {

bool g_dejavu = false;

void dark(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.f);
  c[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.17f, 0.21f, 1.f);
  c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBg];
  c[ImGuiCol_Text] = ImVec4(0.95f, 0.95f, 0.96f, 1.f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.60f, 0.60f, 0.64f, 1.f);  // explanations: still legible
  c[ImGuiCol_Border] = ImVec4(0.40f, 0.40f, 0.46f, 0.8f);
}

// Near-white panels with dark text; frames stay visibly grey so fields read as fields.
void light(ImGuiStyle& style) {
  ImGui::StyleColorsLight(&style);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.f);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_PopupBg] = ImVec4(1.f, 1.f, 1.f, 0.98f);
  c[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.90f, 0.89f, 1.f);
  c[ImGuiCol_TitleBg] = ImVec4(0.86f, 0.87f, 0.90f, 1.f);
  c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBg];
  c[ImGuiCol_Text] = ImVec4(0.05f, 0.05f, 0.07f, 1.f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.35f, 0.35f, 0.38f, 1.f);
  c[ImGuiCol_Border] = ImVec4(0.55f, 0.55f, 0.60f, 0.9f);
  c[ImGuiCol_FrameBg] = ImVec4(0.86f, 0.87f, 0.90f, 1.f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0, 0, 0, 0.05f);
}

// Black and white with one accent (yellow) for what is active: the most contrast a washed-out
// projector leaves.
void high_contrast(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  const ImVec4 black(0, 0, 0, 1), white(1, 1, 1, 1), grey(0.22f, 0.22f, 0.22f, 1.f),
      accent(1.f, 0.86f, 0.f, 1.f), accent_dim(0.55f, 0.47f, 0.f, 1.f);
  c[ImGuiCol_Text] = white;
  c[ImGuiCol_TextDisabled] = ImVec4(0.80f, 0.80f, 0.80f, 1.f);
  c[ImGuiCol_WindowBg] = c[ImGuiCol_ChildBg] = black;
  c[ImGuiCol_PopupBg] = ImVec4(0.04f, 0.04f, 0.04f, 1.f);
  c[ImGuiCol_Border] = white;
  c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1.f);
  c[ImGuiCol_FrameBgHovered] = c[ImGuiCol_FrameBgActive] = grey;
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = c[ImGuiCol_TitleBgCollapsed] = grey;
  c[ImGuiCol_MenuBarBg] = ImVec4(0.10f, 0.10f, 0.10f, 1.f);
  c[ImGuiCol_CheckMark] = c[ImGuiCol_SliderGrabActive] = accent;
  c[ImGuiCol_SliderGrab] = accent_dim;
  c[ImGuiCol_Button] = c[ImGuiCol_Header] = grey;
  c[ImGuiCol_ButtonHovered] = c[ImGuiCol_HeaderHovered] = ImVec4(0.35f, 0.35f, 0.35f, 1.f);
  c[ImGuiCol_ButtonActive] = c[ImGuiCol_HeaderActive] = accent_dim;
  c[ImGuiCol_Separator] = c[ImGuiCol_TableBorderStrong] = white;
  c[ImGuiCol_TableBorderLight] = ImVec4(0.6f, 0.6f, 0.6f, 1.f);
  c[ImGuiCol_TableHeaderBg] = grey;
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.08f);
  c[ImGuiCol_ScrollbarBg] = black;
  c[ImGuiCol_ScrollbarGrab] = ImVec4(0.6f, 0.6f, 0.6f, 1.f);
  c[ImGuiCol_PlotLines] = c[ImGuiCol_PlotHistogram] = accent;
  c[ImGuiCol_NavHighlight] = accent;
  style.FrameBorderSize = 1.5f;
  style.WindowBorderSize = 2;
}

}  // namespace

bool apply_theme(float scale, Theme theme) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  // Latin, Greek (α, β, η), punctuation, super- and subscripts (⁴), arrows, math operators (∇,
  // √), geometric shapes.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x0370, 0x03FF, 0x2000, 0x209F, 0x2190,
                                   0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0};
  g_dejavu =
      std::filesystem::exists(kFontPath) &&
      io.Fonts->AddFontFromFileTTF(kFontPath, kBaseFontSize * scale, nullptr, ranges) != nullptr;
  if (!g_dejavu) {
    ImFontConfig config;
    config.SizePixels = 13.f * scale * 1.4f;  // ProggyClean is small: make it readable
    io.Fonts->AddFontDefault(&config);
  }

  ImGuiStyle& style = ImGui::GetStyle();
  style = ImGuiStyle();
  style.WindowRounding = 0;
  style.WindowBorderSize = 1;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.GrabMinSize = 14;
  style.FramePadding = ImVec2(7, 5);
  style.ItemSpacing = ImVec2(8, 7);
  style.WindowPadding = ImVec2(10, 10);
  style.ScrollbarSize = 16;
  switch (theme) {
    case Theme::dark:
      dark(style);
      break;
    case Theme::light:
      light(style);
      break;
    case Theme::high_contrast:
      high_contrast(style);
      break;
  }
  style.ScaleAllSizes(scale);
  return g_dejavu;
}

const char* grad_norm_symbol() {
  return g_dejavu ? "|\xE2\x88\x87"
                    "f|"
                  : "|grad f|";
}

}  // namespace descent::ui
