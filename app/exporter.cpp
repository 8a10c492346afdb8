#include "exporter.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include "animation_writer.hpp"
#include "canvas_frames.hpp"
#include "frame_encoder.hpp"
#include "offscreen_frame.hpp"
#include "png.hpp"
#include "text.hpp"

namespace descent {
namespace {

// How long the window may spend drawing export frames per frame of its own.
constexpr double kBudgetMs = 20;

}  // namespace

// A canvas picture or an animation: the lab copied (its own playback, its own field of the
// export's size), drawn once its runs and field are ready.
struct Exporter::Job {
  ui::ExportRequest request;
  std::unique_ptr<Lab> lab;
  std::unique_ptr<CanvasFrames> frames;
  std::unique_ptr<FrameEncoder> encoder;  // none for a picture
  double end = -1;                        // the last step shown; -1 until the runs are computed
  int next = 0, count = 1;
  std::vector<std::uint8_t> pending;  // a frame the encoder had no room for yet
};

Exporter::Exporter() = default;
Exporter::~Exporter() = default;

void Exporter::window_picture(ui::Gui& gui, Lab& lab, FieldRenderer& renderer,
                              const ui::ExportRequest& request) {
  const ImGuiIO& io = ImGui::GetIO();
  const float scale = io.DisplayFramebufferScale.x * request.scale;
  OffscreenFrame frame(static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y),
                       scale);
  const ui::FieldImage field{
      reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(renderer.image()))};
  // The dialog stays out of the picture, and comes back whatever happens while it is drawn.
  struct Capturing {
    ui::ExportPanel& panel;
    explicit Capturing(ui::ExportPanel& p) : panel(p) { panel.set_capturing(true); }
    ~Capturing() { panel.set_capturing(false); }
  } capturing(gui.export_panel());
  // A new context's tables size their columns from what their first frames measured.
  for (int i = 0; i < 3; ++i) {
    frame.begin();
    gui.draw(0, field);
    frame.discard();
  }
  frame.begin();
  gui.draw(0, field);
  renderer.render(gui.canvas().shown_field(lab), gui.canvas().view(), gui.canvas().plot(), scale,
                  {lab.contours().log, lab.contours().levels}, gui.instruments().overlay());
  auto pixels = frame.end();
  write_png(request.path, frame.pixel_width(), frame.pixel_height(), pixels);
}

void Exporter::tick(ui::Gui& gui, Lab& lab, FieldRenderer& renderer) {
  ui::ExportPanel& panel = gui.export_panel();
  if (auto request = panel.take_request()) {
    m_job.reset();
    try {
      if (request->kind == ui::ExportKind::window_png) {
        window_picture(gui, lab, renderer, *request);
        panel.finished("");
        return;
      }
      auto job = std::make_unique<Job>();
      job->request = *request;
      job->lab = std::make_unique<Lab>(2);
      job->lab->load(lab.scenario(), lab.objective());
      int width = request->width, height = request->height;
      float scale = 1;
      if (request->kind == ui::ExportKind::canvas_png) {
        const ImGuiWindow* canvas = ImGui::FindWindowByName("Canvas");
        const ImVec2 size = canvas ? canvas->Size : ImGui::GetIO().DisplaySize;
        width = static_cast<int>(size.x), height = static_cast<int>(size.y);
        scale = ImGui::GetIO().DisplayFramebufferScale.x * request->scale;
      } else {
        job->count = request->timing.frames();
      }
      job->frames = std::make_unique<CanvasFrames>(*job->lab, width, height, scale);
      if (request->kind != ui::ExportKind::canvas_png) {
        const ExportFormat format =
            request->kind == ui::ExportKind::gif ? ExportFormat::gif : ExportFormat::mp4;
        job->encoder = std::make_unique<FrameEncoder>(make_animation_writer(
            format, request->path, width, height, request->timing.fps, job->frames->run_colours()));
      }
      // A picture of the canvas is what it shows now; an animation ends where it was asked to.
      if (request->kind == ui::ExportKind::canvas_png) job->request.to_current_step = true;
      if (job->request.to_current_step) job->end = gui.playback().position;
      m_job = std::move(job);
    } catch (const std::exception& e) {
      m_job.reset();
      panel.finished(e.what());
      return;
    }
  }
  if (!m_job) return;
  Job& job = *m_job;
  try {
    if (panel.cancel_requested()) {
      m_job.reset();  // the encoder drops its frames; nothing is written
      panel.finished("cancelled: nothing was written");
      return;
    }
    if (job.next == 0 && job.pending.empty()) {
      if (!job.frames->ready()) {
        panel.report({0, "computing the runs and the contours"});
        return;
      }
      if (!job.request.to_current_step)
        job.end = static_cast<double>(job.lab->last_step(*job.lab->snapshot()));
    }
    if (!job.encoder) {  // a picture
      auto pixels = job.frames->draw(job.end);
      write_png(job.request.path, job.frames->pixel_width(), job.frames->pixel_height(), pixels);
      m_job.reset();
      panel.finished("");
      return;
    }
    const auto begin = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
          .count();
    };
    while (job.next < job.count && elapsed() < kBudgetMs) {
      if (job.pending.empty())
        job.pending = job.frames->draw(frame_position(job.next, job.count, job.end));
      if (!job.encoder->try_push(job.pending)) break;  // the encoder is behind: next frame
      job.pending.clear();
      ++job.next;
    }
    if (job.next == job.count) job.encoder->close();
    if (std::string error = job.encoder->error(); !error.empty()) {
      m_job.reset();
      panel.finished(error);
      return;
    }
    const int encoded = job.encoder->encoded();
    if (job.encoder->done()) {
      m_job.reset();
      panel.finished("");
      return;
    }
    panel.report({static_cast<double>(encoded) / job.count,
                  encoded == job.count ? std::string("writing the file")
                                       : cat("frame ", encoded + 1, " of ", job.count)});
  } catch (const std::exception& e) {
    m_job.reset();
    panel.finished(e.what());
  }
}

}  // namespace descent
