#pragma once
// Dear ImGui without a window or GL: the real panels run frame by frame, fed simulated mouse
// and keyboard input. Key codes follow GLFW's, as the real backend's do.
#include <imgui.h>

#include "theme.hpp"

namespace descent::test {

class HeadlessImGui {
 public:
  static constexpr int kSpace = 32, kRight = 262, kLeft = 263, kEnter = 257, kEscape = 256;

  explicit HeadlessImGui(float width = 1600, float height = 1000) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    // As the OpenGL 3.3 backend does: a draw list may pass 65,536 vertices (thousands of samples).
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    ui::apply_theme(1);
    io.DisplaySize = ImVec2(width, height);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }
  HeadlessImGui(const HeadlessImGui&) = delete;
  HeadlessImGui& operator=(const HeadlessImGui&) = delete;

  template <class Draw>
  void frame(Draw draw, float dt = 1.f / 60) {
    ImGui::GetIO().DeltaTime = dt;
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    ImGui::GetIO().MouseWheel = 0;
  }
  void mouse(float x, float y, bool down = false) {
    ImGui::GetIO().MousePos = ImVec2(x, y);
    ImGui::GetIO().MouseDown[0] = down;
  }
  void key(int code, bool down) { ImGui::GetIO().KeysDown[code] = down; }
  void ctrl(bool down) { ImGui::GetIO().KeyCtrl = down; }
  void shift(bool down) { ImGui::GetIO().KeyShift = down; }
  void type(const char* text) { ImGui::GetIO().AddInputCharactersUTF8(text); }
  void wheel(float amount) { ImGui::GetIO().MouseWheel = amount; }
};

}  // namespace descent::test
