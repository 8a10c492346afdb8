// Typed numbers in the panels: a value refused keeps the old one and says why under the field.
#include <cmath>
#include <functional>
#include <string>

#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "gui.hpp"
#include "support/gui_harness.hpp"
#include "support/headless_imgui.hpp"
#include "text.hpp"
#include "widgets.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// One number field alone in a window, and the simulated hand that types into it.
struct TypedField {
  HeadlessImGui imgui;
  ImVec2 at;            // the field's top left
  float below = 0;      // where the next item would go: lower when a reason is shown
  std::string message;  // the reason, when the field is drawn with a message to fill
  std::function<void()> draw;

  void frame(float dt = 1.f / 60) {
    imgui.frame(
        [&] {
          ImGui::SetNextWindowPos({0, 0});
          ImGui::SetNextWindowSize({400, 300});
          ImGui::Begin("typed");
          at = ImGui::GetCursorScreenPos();
          message.clear();
          draw();
          below = ImGui::GetCursorPosY();
          ImGui::End();
        },
        dt);
  }
  // Ctrl+click (or a double-click) on the field, type `text`, press Enter.
  void type(const char* text, bool double_click = false) {
    frame(1);  // a click now is no double-click with the last one
    const float x = at.x + 60, y = at.y + ImGui::GetFrameHeight() / 2;
    imgui.mouse(x, y);
    frame();
    for (int click = 0; click < (double_click ? 2 : 1); ++click) {
      imgui.ctrl(!double_click);
      imgui.mouse(x, y, true);
      frame();
      imgui.ctrl(false);
      imgui.mouse(x, y, false);
      frame();
    }
    frame();
    frame();
    imgui.type(text);
    frame();
    imgui.key(HeadlessImGui::kEnter, true);
    frame();
    imgui.key(HeadlessImGui::kEnter, false);
    frame();
  }
};

}  // namespace

TEST_CASE("ui: a value typed into a slider that the key refuses is kept out, and said so",
          "[ui][typed]") {
  TypedField field;
  const ParamSpec lr = keys::lr(1e-3);
  double value = 0.01;
  field.draw = [&] { ui::param_widget(lr, value); };
  field.frame();
  const float plain = field.below;
  for (const char* text : {"-5", "nan", "1e400", "abc", "inf"}) {
    INFO("typed '" << text << "'");
    field.type(text);
    CHECK(value == 0.01);
    CHECK(field.below > plain + ImGui::GetTextLineHeight() * 0.9f);  // a line under the field
  }
  field.type("0.25");
  CHECK(value == 0.25);
  CHECK(field.below == plain);
}

TEST_CASE("ui: a typed number's reason names the field and what is allowed", "[ui][typed]") {
  TypedField field;
  double value = 2;
  const ParamSpec levels =
      ParamSpec{.key = "levels", .min = 4, .max = 60, .kind = ParamKind::integer};
  field.draw = [&] {
    ui::number_field(
        "levels", value,
        [](double& v) {
          return ImGui::DragScalar("##drag", ImGuiDataType_Double, &v, 1, nullptr, nullptr, "%.0f",
                                   ImGuiSliderFlags_NoInput);
        },
        [&](double v) {
          auto why = levels.why_refused(v);
          return why.empty() ? why : cat("levels = ", v, " ", why);
        },
        &field.message);
  };
  const std::vector<std::pair<const char*, std::string>> cases{
      {"24.5", "levels = 24.5 is not a whole number; allowed: an integer, 4 <= levels <= 60"},
      {"100", "levels = 100 is out of range; allowed: an integer, 4 <= levels <= 60"},
      {"1e400", "levels: '1e400' is too large for a double (at most about 1.8e308)"},
      {"nan", "levels = nan is not a finite number; allowed: an integer, 4 <= levels <= 60"},
      {"twelve", "levels: 'twelve' is not a number"},
  };
  for (const auto& [text, message] : cases) {
    field.type(text);
    CHECK(value == 2);
    CHECK(field.message == message);
  }
  field.type(" 12 ");
  CHECK(value == 12);
  CHECK(field.message.empty());
  // Escape drops what was typed.
  field.frame();
  field.imgui.ctrl(true);
  field.imgui.mouse(field.at.x + 60, field.at.y + ImGui::GetFrameHeight() / 2, true);
  field.frame();
  field.imgui.ctrl(false);
  field.imgui.mouse(field.at.x + 60, field.at.y + ImGui::GetFrameHeight() / 2, false);
  for (int i = 0; i < 3; ++i) field.frame();
  field.imgui.type("30");
  field.frame();
  field.imgui.key(HeadlessImGui::kEscape, true);
  field.frame();
  field.imgui.key(HeadlessImGui::kEscape, false);
  field.frame();
  CHECK(value == 12);
  CHECK(field.message.empty());
}

TEST_CASE("ui: a start typed that is not a finite point keeps the start and says why",
          "[ui][typed]") {
  TypedField field;
  Vec2 start(1, 2);
  field.draw = [&] {
    double x = start.x();
    if (ui::number_field(
            "x", x,
            [](double& v) {
              return ImGui::DragScalar("##drag", ImGuiDataType_Double, &v, 0.01f, nullptr, nullptr,
                                       "x = %.4g", ImGuiSliderFlags_NoInput);
            },
            {}, &field.message))
      start.x() = x;
  };
  field.type("nan");
  CHECK(start == Vec2(1, 2));
  CHECK(field.message == "x = nan is not a finite number");
  field.type("-1e999");
  CHECK(start == Vec2(1, 2));
  CHECK(field.message == "x: '-1e999' is too large for a double (at most about 1.8e308)");
  field.type("-1.5", true);  // a double-click types too, as in ImGui's own drags
  CHECK(start == Vec2(-1.5, 2));
  CHECK(field.message.empty());
}

TEST_CASE("ui: two typed fields on a row, drawn with the same widget ID, stay apart",
          "[ui][typed]") {
  TypedField field;
  Vec2 start(1, 2);
  field.draw = [&] {
    ImGui::SetNextItemWidth(150);
    for (int i = 0; i < 2; ++i) {
      if (i) ImGui::SameLine();
      ImGui::SetNextItemWidth(150);
      ui::number_field(
          i ? "y" : "x", start[i],
          [](double& v) {
            return ImGui::DragScalar("##drag", ImGuiDataType_Double, &v, 0.01f, nullptr, nullptr,
                                     "%.4g", ImGuiSliderFlags_NoInput);
          },
          {}, &field.message);
    }
  };
  field.type("nan");  // into the first field, x
  CHECK(start == Vec2(1, 2));
  CHECK(field.message == "x = nan is not a finite number");
  field.type("3");
  CHECK(start == Vec2(3, 2));
  CHECK(field.message.empty());
}
