#include "export_panel.hpp"

#include <algorithm>
#include <filesystem>

#include <imgui.h>
#include <imgui_internal.h>

#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

const ImVec4 kErrorColour(1, 0.45f, 0.45f, 1);
constexpr int kMinSide = 64, kMaxSide = 8192;  // as `descent render --size`

bool is_animation(ExportKind kind) {
  return kind == ExportKind::gif || kind == ExportKind::mp4;
}
bool is_picture(ExportKind kind) {
  return kind == ExportKind::canvas_png || kind == ExportKind::window_png;
}

// The canvas's window in the window's ImGui context, in pixels: what a canvas picture shows.
ImVec2 canvas_size() {
  const ImGuiWindow* canvas = ImGui::FindWindowByName("Canvas");
  return canvas ? canvas->Size : ImGui::GetIO().DisplaySize;
}

void wrapped(const std::string& text, const ImVec4* colour = nullptr) {
  ImGui::PushTextWrapPos(0);
  if (colour)
    ImGui::TextColored(*colour, "%s", text.c_str());
  else
    ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

std::optional<ExportRequest> ExportPanel::take_request() {
  auto request = std::move(m_request);
  m_request.reset();
  return request;
}

void ExportPanel::finished(const std::string& error) {
  m_error = error;
  if (error.empty()) {
    std::error_code ignored;
    const auto bytes = std::filesystem::file_size(m_path, ignored);
    m_result = cat("Wrote ", m_path, ignored ? "" : " (" + format_bytes(bytes) + ")");
  }
  m_stage = Stage::result;
  m_cancel = false;
}

const char* ExportPanel::file_extension() const {
  switch (m_options.kind) {
    case ExportKind::canvas_png:
    case ExportKind::window_png:
      return ".png";
    case ExportKind::gif:
      return ".gif";
    case ExportKind::mp4:
      return ".mp4";
    case ExportKind::csv:
      return ".csv";
    case ExportKind::json:
      return ".json";
  }
  return "";
}

std::string ExportPanel::default_name() const {
  switch (m_options.kind) {
    case ExportKind::canvas_png:
      return "canvas.png";
    case ExportKind::window_png:
      return "window.png";
    case ExportKind::gif:
      return "race.gif";
    case ExportKind::mp4:
      return "race.mp4";
    case ExportKind::csv:
      return "runs.csv";
    case ExportKind::json:
      return "runs.json";
  }
  return "export";
}

void ExportPanel::start(const std::string& path, Frame& frame) {
  m_path = path;
  m_directory = std::filesystem::path(path).parent_path().string();
  m_result.clear();
  m_error.clear();
  m_cancel = false;
  m_progress = {0, "starting"};
  m_stage = Stage::working;
  if (m_options.kind == ExportKind::csv || m_options.kind == ExportKind::json) {
    m_runs = std::make_unique<RunsExport>(
        frame.lab.scenario(), frame.lab.objective(), path,
        m_options.kind == ExportKind::json ? RunFormat::json : RunFormat::csv);
    return;
  }
  ExportRequest request = m_options;
  request.path = path;
  request.scale = static_cast<float>(m_scale);
  m_request = std::move(request);
}

void ExportPanel::draw(Frame& frame) {
  if (m_capturing) return;
  if (m_open && m_stage == Stage::closed) m_stage = Stage::options;
  if (m_open) ImGui::OpenPopup(m_stage == Stage::options ? "Export" : "Exporting");
  m_open = false;
  if (m_stage == Stage::options) draw_options(frame);
  if (m_stage == Stage::choosing_file) {
    if (auto path = m_dialog.draw()) {
      start(*path, frame);
      ImGui::OpenPopup("Exporting");
    } else if (!m_dialog.showing()) {  // cancelled: back to the choices
      m_stage = Stage::options;
      ImGui::OpenPopup("Export");
    }
  }
  if (m_stage == Stage::working || m_stage == Stage::result) draw_working();
}

void ExportPanel::draw_options(Frame& frame) {
  const float font = ImGui::GetFontSize();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(
          "Export", nullptr,
          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
    m_stage = Stage::closed;
    return;
  }
  ExportRequest& o = m_options;
  int kind = static_cast<int>(o.kind);
  ImGui::TextUnformatted("What to export");
  ImGui::RadioButton("The canvas as a picture (PNG)", &kind,
                     static_cast<int>(ExportKind::canvas_png));
  tooltip("The contour plot with the paths, as the canvas shows it now");
  ImGui::RadioButton("The whole window as a picture (PNG)", &kind,
                     static_cast<int>(ExportKind::window_png));
  tooltip("Every panel, as the window shows it now");
  ImGui::RadioButton("The race as an animation (GIF)", &kind, static_cast<int>(ExportKind::gif));
  tooltip("The canvas replaying the race from step 0; plays in slides and browsers");
  ImGui::RadioButton("The race as a video (MP4)", &kind, static_cast<int>(ExportKind::mp4));
  tooltip("The same as a GIF, smaller and in full colour; needs the ffmpeg program");
  ImGui::RadioButton("The runs as CSV", &kind, static_cast<int>(ExportKind::csv));
  tooltip("Every step of every run: what `descent run` writes for this lab");
  ImGui::RadioButton("The runs as JSON", &kind, static_cast<int>(ExportKind::json));
  tooltip(
      "The runs with their specs, parameters and status: what `descent run --format json` "
      "writes for this lab");
  o.kind = static_cast<ExportKind>(kind);
  ImGui::Separator();

  std::string problem;
  std::string summary;
  if (is_picture(o.kind)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Scale");
    ImGui::SameLine();
    ImGui::RadioButton("1x", &m_scale, 1);
    ImGui::SameLine();
    ImGui::RadioButton("2x", &m_scale, 2);
    tooltip("Twice the pixels a side: sharper paths and contours on a large screen or in print");
    const ImVec2 size = o.kind == ExportKind::canvas_png ? canvas_size() : display;
    const float fb = ImGui::GetIO().DisplayFramebufferScale.x * static_cast<float>(m_scale);
    const int w = static_cast<int>(size.x * fb), h = static_cast<int>(size.y * fb);
    summary = cat(w, " x ", h, " pixels, about ",
                  format_bytes(estimated_bytes(ExportFormat::png, w, h, 1)));
  } else if (is_animation(o.kind)) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Size");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(font * 9);
    int size[2] = {o.width, o.height};
    if (ImGui::InputInt2("pixels", size)) o.width = size[0], o.height = size[1];
    tooltip(cat("Width and height, ", kMinSide, " to ", kMaxSide).c_str());
    for (auto [w, h] : {std::pair{800, 600}, {1280, 720}, {1920, 1080}}) {
      ImGui::SameLine();
      if (ImGui::SmallButton(cat(w, "x", h).c_str())) o.width = w, o.height = h;
      tooltip("A size that fills a slide or a screen");
    }
    ImGui::SetNextItemWidth(font * 9);
    ImGui::SliderInt("frames per second", &o.timing.fps, AnimationTiming::kMinFps,
                     AnimationTiming::kMaxFps, "%d", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SetNextItemWidth(font * 9);
    ImGui::InputDouble("seconds", &o.timing.seconds, 1, 5, "%.4g");
    tooltip(
        cat("How long the race takes to replay: above 0, at most ", AnimationTiming::kMaxSeconds)
            .c_str());
    const long long last = frame.last_step, now = frame.shown_step;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Replay from step 0 to");
    ImGui::SameLine();
    if (ImGui::RadioButton(cat("the last step (", last, ")").c_str(), !o.to_current_step))
      o.to_current_step = false;
    ImGui::SameLine();
    if (ImGui::RadioButton(cat("the current one (", now, ")").c_str(), o.to_current_step))
      o.to_current_step = true;
    try {
      animation_timing(o.timing.fps, o.timing.seconds);
      if (o.width < kMinSide || o.height < kMinSide || o.width > kMaxSide || o.height > kMaxSide)
        problem = cat("The size must be from ", kMinSide, " to ", kMaxSide, " pixels a side.");
    } catch (const std::invalid_argument& e) {
      problem = std::string(e.what()).substr(std::string(e.what()).find(": ") + 2);
    }
    if (o.kind == ExportKind::mp4 && find_ffmpeg().empty())
      problem = ffmpeg_missing_message() + ".";
    if (problem.empty()) {
      const int frames = o.timing.frames();
      summary = cat(frames, " frames, about ",
                    format_bytes(estimated_bytes(
                        o.kind == ExportKind::gif ? ExportFormat::gif : ExportFormat::mp4, o.width,
                        o.height, frames)));
    }
  } else {
    std::size_t rows = 0;
    for (const RunRow& row : frame.rows) rows += row.view ? row.view->trajectory->size() : 0;
    summary = cat(frame.rows.size(), " runs, ", rows,
                  " rows: the same bytes as `descent run` for this lab");
  }
  if (!summary.empty()) wrapped(summary);
  if (!problem.empty()) wrapped(problem, &kErrorColour);

  ImGui::BeginDisabled(!problem.empty());
  const bool go = ImGui::Button("Export...");
  ImGui::EndDisabled();
  ImGui::SameLine();
  const bool close =
      ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
  if (go) {
    ImGui::CloseCurrentPopup();
    m_stage = Stage::choosing_file;
    std::string directory = m_directory;
    if (directory.empty() && !frame.settings.recent_files.empty())
      directory = std::filesystem::path(frame.settings.recent_files.front()).parent_path().string();
    m_dialog.open(FileDialog::Mode::save, "Export to", file_extension(), directory, default_name());
  } else if (close) {
    ImGui::CloseCurrentPopup();
    m_stage = Stage::closed;
  }
  ImGui::EndPopup();
}

void ExportPanel::draw_working() {
  if (m_runs && m_stage == Stage::working) {
    m_progress = {m_runs->progress(), m_runs->progress() > 0 ? "writing" : "computing the runs"};
    if (m_runs->done()) {
      std::string error = m_runs->error();
      m_runs.reset();
      finished(error);
    }
  }
  const float font = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(font * 30, 0), ImGuiCond_Appearing);
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  if (!ImGui::IsPopupOpen("Exporting")) ImGui::OpenPopup("Exporting");
  if (!ImGui::BeginPopupModal("Exporting", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  wrapped(m_path);
  if (m_stage == Stage::working) {
    ImGui::ProgressBar(static_cast<float>(m_progress.fraction), ImVec2(-1, 0),
                       m_progress.stage.c_str());
    ImGui::BeginDisabled(m_cancel);
    if (ImGui::Button(m_cancel ? "Cancelling..." : "Cancel") ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      m_cancel = true;
      if (m_runs) m_runs->cancel();
    }
    ImGui::EndDisabled();
  } else {
    if (m_error.empty())
      wrapped(m_result);
    else
      wrapped(cat("Not exported: ", m_error), &kErrorColour);
    if (ImGui::Button("Close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))) {
      ImGui::CloseCurrentPopup();
      m_stage = Stage::closed;
    }
    ImGui::SameLine();
    if (ImGui::Button("Export another...")) {
      ImGui::CloseCurrentPopup();
      m_stage = Stage::options;
      m_open = true;
    }
  }
  ImGui::EndPopup();
}

}  // namespace descent::ui
