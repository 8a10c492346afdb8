#include "canvas_frames.hpp"

#include <imgui.h>

namespace descent {
namespace {

ui::FieldImage image_of(const FieldRenderer& renderer) {
  return {reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(renderer.image()))};
}

}  // namespace

bool runs_computed(const Lab& lab) {
  if (lab.waiting() || lab.loading()) return false;
  auto snapshot = lab.snapshot();
  if (snapshot->runs.size() != lab.runs().size()) return false;
  for (const auto& run : snapshot->runs)
    if (run.trajectory->status() == RunStatus::running) return false;
  return true;
}

CanvasFrames::CanvasFrames(Lab& lab, int width, int height, float scale)
    : m_lab(lab), m_gui(lab, m_settings), m_frame(width, height, scale) {}

void CanvasFrames::render_field() {
  const ui::CanvasPanel& canvas = m_gui.canvas();
  m_renderer.render(canvas.shown_field(m_lab), canvas.view(), canvas.plot(), m_frame.scale(),
                    {m_lab.contours().log, m_lab.contours().levels});
}

bool CanvasFrames::ready() {
  m_frame.begin();
  m_gui.draw_canvas_only(image_of(m_renderer));
  m_frame.discard();
  const auto field = m_gui.canvas().shown_field(m_lab);
  return runs_computed(m_lab) && field && field->final && m_lab.session().field_progress() >= 1;
}

std::vector<std::uint8_t> CanvasFrames::draw(double position) {
  m_gui.playback().playing = false;
  m_gui.playback().position = position;
  m_frame.begin();
  m_gui.draw_canvas_only(image_of(m_renderer));
  render_field();
  return m_frame.end();
}

std::vector<Rgb> CanvasFrames::run_colours() const {
  std::vector<Rgb> colours;
  for (const auto& run : m_lab.runs()) colours.push_back(run.colour);
  return colours;
}

}  // namespace descent
