#include "instrument_widgets.hpp"

#include <cstdio>

#include <imgui.h>

#include "plot.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {

std::string status_text(const LaneOutcome& o) {
  switch (o.status) {
    case RunStatus::converged:
      return cat("converged at step ", o.steps);
    case RunStatus::diverged:
      return cat("diverged at step ", o.steps);
    case RunStatus::failed:
      return "refused: the optimizer does not take this setting";
    default:
      return cat("not converged by step ", o.steps);
  }
}

void progress_line(const LaneMapper& mapper, const char* what) {
  if (!mapper.error().empty()) {
    ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "Could not compute the %s: %s", what,
                       mapper.error().c_str());
    return;
  }
  const double done = mapper.progress();
  if (done < 1) {
    char text[64];
    std::snprintf(text, sizeof text, "computing the %s: %.0f%%", what, done * 100);
    ImGui::ProgressBar(static_cast<float>(done), ImVec2(-1, 0), text);
  }
}


void swatch(Rgb c, const std::string& text) {
  const float h = ImGui::GetTextLineHeight();
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + h, at.y + h), colour(c));
  ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + h, at.y + h),
                                      PlotColours::current().border);
  ImGui::Dummy(ImVec2(h, h));
  ImGui::SameLine(0, h * 0.3f);
  ImGui::TextUnformatted(text.c_str());
}

}  // namespace descent::ui
