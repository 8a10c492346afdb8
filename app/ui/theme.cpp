#include "theme.hpp"

#include <filesystem>

#include <imgui.h>

namespace descent::ui {
namespace {

bool g_dejavu = false;

}  // namespace

bool apply_theme(float scale) {
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
  ImGui::StyleColorsDark(&style);
  style.WindowRounding = 0;
  style.WindowBorderSize = 1;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.GrabMinSize = 14;
  style.FramePadding = ImVec2(7, 5);
  style.ItemSpacing = ImVec2(8, 7);
  style.WindowPadding = ImVec2(10, 10);
  style.ScrollbarSize = 16;
  style.Colors[ImGuiCol_WindowBg] = ImVec4(0.10f, 0.10f, 0.12f, 1.f);
  style.Colors[ImGuiCol_TitleBg] = ImVec4(0.16f, 0.17f, 0.21f, 1.f);
  style.Colors[ImGuiCol_TitleBgActive] = style.Colors[ImGuiCol_TitleBg];
  style.Colors[ImGuiCol_Text] = ImVec4(0.95f, 0.95f, 0.96f, 1.f);
  style.Colors[ImGuiCol_Border] = ImVec4(0.40f, 0.40f, 0.46f, 0.8f);
  style.ScaleAllSizes(scale);
  return g_dejavu;
}

const char* grad_norm_symbol() {
  return g_dejavu ? "|\xE2\x88\x87"
                    "f|"
                  : "|grad f|";
}

}  // namespace descent::ui
