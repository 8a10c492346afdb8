#include "lesson_panel.hpp"

#include <imgui.h>

#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr float kTitleScale = 1.2f;
const ImVec4 kQuestion(1, 0.85f, 0.45f, 1);

}  // namespace

float LessonPanel::height(const Lab& lab, float width) const {
  const Lesson& lesson = lab.lesson();
  const ImGuiStyle& style = ImGui::GetStyle();
  const float wrap = width - 2 * style.WindowPadding.x - style.ScrollbarSize;
  float h = 2 * style.WindowPadding.y + ImGui::GetFrameHeight();  // the title bar
  auto text = [&](const std::string& t, float scale) {
    if (t.empty()) return;
    h += ImGui::CalcTextSize(t.c_str(), nullptr, false, wrap / scale).y * scale +
         style.ItemSpacing.y * 2;
  };
  text(lesson.title, kTitleScale);
  text(lesson.text, 1);
  text("Question: " + lesson.question, 1);
  return h + style.ItemSpacing.y * 2;
}

void LessonPanel::draw(Frame& frame) {
  const Lesson& lesson = frame.lab.lesson();
  ImGui::PushTextWrapPos(0);
  if (!lesson.title.empty()) {
    ImGui::SetWindowFontScale(kTitleScale);
    ImGui::TextUnformatted(lesson.title.c_str());
    ImGui::SetWindowFontScale(1);
    ImGui::Spacing();
  }
  if (!lesson.text.empty()) ImGui::TextUnformatted(lesson.text.c_str());
  if (!lesson.question.empty()) {
    ImGui::Spacing();
    ImGui::TextColored(kQuestion, "Question: %s", lesson.question.c_str());
  }
  ImGui::PopTextWrapPos();
}

}  // namespace descent::ui
