// What a class sees: text size, themes, presentation mode, and the layout on projector-sized
// screens. The real panels in an ImGui context without a window, driven by simulated keys.
#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>

#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "appearance.hpp"
#include "gui.hpp"
#include "lessons.hpp"
#include "support/gui_harness.hpp"
#include "support/headless_imgui.hpp"
#include "support/process.hpp"
#include "theme.hpp"

using namespace descent;
using namespace descent::test;
using ui::ViewMenu;

namespace {

using Harness = GuiHarness;

ImRect rect(const char* name) {
  const ImGuiWindow* w = ImGui::FindWindowByName(name);
  REQUIRE(w);
  return ImRect(w->Pos, ImVec2(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y));
}

bool shown(const char* name) {
  const ImGuiWindow* w = ImGui::FindWindowByName(name);
  return w && w->Active;
}

// WCAG's contrast ratio of two colours: 1 (none) to 21 (black on white).
double contrast(const ImVec4& a, const ImVec4& b) {
  auto luminance = [](const ImVec4& c) {
    auto channel = [](float v) {
      return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.x) + 0.7152 * channel(c.y) + 0.0722 * channel(c.z);
  };
  double la = luminance(a), lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace

TEST_CASE("view: text sizes step from 75% to 300% and stay there", "[view]") {
  CHECK(step_font_scale(1, 1) == Approx(1.1));
  CHECK(step_font_scale(1, -1) == Approx(0.9));
  CHECK(step_font_scale(1.5f, 2) == Approx(2));
  CHECK(step_font_scale(3, 1) == Approx(3));
  CHECK(step_font_scale(0.75f, -1) == Approx(0.75));
  CHECK(step_font_scale(1.3f, 1) == Approx(1.5));    // between two sizes: the next one up
  CHECK(step_font_scale(1.3f, -1) == Approx(1.25));  // and down
  CHECK(step_font_scale(40, -1) == Approx(2.5));
  CHECK(step_font_scale(NAN, 0) == Approx(1));
}

TEST_CASE("view: the text size and theme are remembered, bad ones ignored", "[view][settings]") {
  const std::string path = temp_directory() + "/view-config/settings.json";
  Settings s;
  s.font_scale = 2;
  s.theme = Theme::high_contrast;
  save_settings(s, path);
  CHECK(load_settings(path) == s);
  std::ofstream(path) << R"({"font_scale": 7, "theme": "sepia"})";
  std::string warning;
  Settings loaded = load_settings(path, &warning);
  CHECK(loaded.font_scale == 1);
  CHECK(loaded.theme == Theme::dark);
  CHECK(warning == path + ": ignored bad values for font_scale, theme");
  for (const auto& theme : themes()) CHECK(find_theme(theme.name) == theme.theme);
}

TEST_CASE("view: every theme's text reads against its panels", "[view]") {
  HeadlessImGui imgui;
  for (const auto& theme : themes()) {
    ui::apply_theme(1, theme.theme);
    const ImVec4* c = ImGui::GetStyle().Colors;
    INFO(theme.name);
    const double least = theme.theme == Theme::high_contrast ? 15 : 7;
    CHECK(contrast(c[ImGuiCol_Text], c[ImGuiCol_WindowBg]) >= least);
    CHECK(contrast(c[ImGuiCol_Text], c[ImGuiCol_FrameBg]) >= least * 0.6);
    CHECK(contrast(c[ImGuiCol_TextDisabled], c[ImGuiCol_WindowBg]) >= 4.5);
  }
  CHECK(contrast(ImVec4(1, 1, 1, 1), ImVec4(0, 0, 0, 1)) == Approx(21));
}

TEST_CASE("view: Ctrl+= Ctrl+- Ctrl+0 and Ctrl+wheel change the text size", "[view]") {
  Harness h;
  h.frame();
  h.press_key(ViewMenu::kKeyEqual, true);
  CHECK(h.settings.font_scale == Approx(1.1));
  h.press_key(ViewMenu::kKeyEqual, true);
  h.press_key(ViewMenu::kKeyPadPlus, true);
  CHECK(h.settings.font_scale == Approx(1.5));
  h.press_key(ViewMenu::kKeyMinus, true);
  CHECK(h.settings.font_scale == Approx(1.25));
  h.press_key(ViewMenu::kKey0, true);
  CHECK(h.settings.font_scale == 1);
  h.imgui.ctrl(true);
  h.imgui.wheel(1);
  h.frame();
  h.imgui.ctrl(false);
  CHECK(h.settings.font_scale == Approx(1.1));
  h.press_key(ViewMenu::kKeyEqual);  // without Ctrl: nothing
  CHECK(h.settings.font_scale == Approx(1.1));
}

TEST_CASE("view: F5 presents the plots alone, F5 or Escape brings the panels back", "[view]") {
  Harness h;
  h.frame();
  const float canvas = rect("Canvas").GetWidth();
  h.press_key(ViewMenu::kKeyF5);
  CHECK(h.gui.view_menu().presenting);
  h.frame();
  CHECK_FALSE(shown("Lab"));
  CHECK_FALSE(shown("Runs"));
  for (const char* name : {"Canvas", "Loss", "Playback"}) CHECK(shown(name));
  CHECK(rect("Canvas").GetWidth() > canvas * 1.3f);
  CHECK(rect("Canvas").Min.x == 0);
  CHECK(rect("Loss").Max.y > rect("Playback").Min.y - 10);  // the plots reach the playback bar
  h.press_key(HeadlessImGui::kEscape);
  CHECK_FALSE(h.gui.view_menu().presenting);
  h.frame();
  CHECK(shown("Lab"));
  CHECK(shown("Runs"));
  h.press_key(ViewMenu::kKeyF11);
  CHECK(h.gui.view_menu().fullscreen);
  h.press_key(ViewMenu::kKeyF11);
  CHECK_FALSE(h.gui.view_menu().fullscreen);
}

TEST_CASE("view: on projector screens and with large text every panel is inside, none overlap",
          "[view]") {
  struct Case {
    float width, height, scale;
  };
  for (Case c : {Case{1280, 720, 1}, Case{1366, 768, 1}, Case{1920, 1080, 1}, Case{1280, 720, 2},
                 Case{1920, 1080, 2}, Case{1280, 720, 3}}) {
    for (const char* lesson : {"momentum-ravine", "logistic"}) {
      Harness h(c.width, c.height);
      h.settings.font_scale = c.scale;
      h.restyle();
      h.lab.load(load_lesson(lesson));
      for (int i = 0; i < 5000 && h.lab.waiting(); ++i) {
        h.frame();
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      REQUIRE_FALSE(h.lab.waiting());
      const bool data = h.lab.objective()->fitted_model() != nullptr;
      for (bool presenting : {false, true}) {
        h.gui.view_menu().presenting = presenting;
        h.frame();
        h.frame();
        INFO(lesson << " at " << c.width << "x" << c.height << ", " << c.scale * 100 << "%"
                    << (presenting ? ", presenting" : ""));
        std::vector<const char*> panels{"Canvas", "Loss", "Playback"};
        // At 300% on 720 rows the lesson's text gives way to the plots.
        if (c.scale <= 2 || shown("Lesson")) panels.push_back("Lesson");
        if (!presenting) panels.insert(panels.end(), {"Lab", "Runs"});
        if (data) panels.push_back("Data");
        for (const char* a : panels) {
          INFO(a);
          REQUIRE(shown(a));
          const ImRect r = rect(a);
          CHECK(r.Min.x >= 0);
          CHECK(r.Min.y >= 0);
          CHECK(r.Max.x <= c.width + 0.5f);
          CHECK(r.Max.y <= c.height + 0.5f);
          if (c.scale <= 2) {  // at 300% on 720 rows there is room for a title and a line
            CHECK(r.GetWidth() >= 100);
            CHECK(r.GetHeight() >= ImGui::GetFrameHeight() * 1.5f);
          }
          for (const char* b : panels)
            if (a != b) {
              INFO("and " << b);
              ImRect overlap = r;
              overlap.ClipWithFull(rect(b));
              CHECK((overlap.GetWidth() <= 0.5f || overlap.GetHeight() <= 0.5f));
            }
        }
        const PixelRect& plot = h.gui.canvas().plot();
        CHECK(plot.width > c.width * (c.scale <= 2 ? 0.25f : 0.2f));
        CHECK(plot.height > c.height * (c.scale <= 2 ? 0.3f : 0.2f));
      }
    }
  }
}
