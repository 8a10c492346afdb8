#pragma once
// The whole window's panels in a headless ImGui context, on a lab with the newcomer's runs: what
// the UI tests drive with simulated mouse and keys.
#include <cmath>

#include "gui.hpp"
#include "support/headless_imgui.hpp"
#include "theme.hpp"

namespace descent::test {

struct GuiHarness {
  HeadlessImGui imgui;
  Lab lab{2};
  Settings settings;
  ui::Gui gui{lab, settings};

  explicit GuiHarness(float width = 1600, float height = 1000) : imgui(width, height) {
    lab.load_defaults();
  }
  void frame(float dt = 1.f / 60) {
    imgui.frame([&] { gui.draw(dt, {}); }, dt);
  }
  // A whole pixel inside the plot: ImGui floors the mouse position.
  Vec2 plot_point(double fx, double fy) const {
    const PixelRect& p = gui.canvas().plot();
    return {std::floor(p.x + p.width * fx), std::floor(p.y + p.height * fy)};
  }
  // A key pressed for one frame and released the next; with `ctrl`, Ctrl is held meanwhile
  // (otherwise the modifiers stay as the test set them).
  void press_key(int code, bool ctrl = false) {
    if (ctrl) imgui.ctrl(true);
    imgui.key(code, true);
    frame();
    imgui.key(code, false);
    if (ctrl) imgui.ctrl(false);
    frame();
  }
  // What the window does between frames when the settings ask for another size or theme.
  void restyle() {
    ui::apply_theme(settings.font_scale, settings.theme);
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
};

}  // namespace descent::test
