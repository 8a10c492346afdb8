#pragma once
// The canvas of a lab drawn offscreen at any playback step: `descent render`'s picture and
// animation, and the window's canvas and animation exports. The lab should be one of the
// export's own (the canvas asks it for fields of the export's size, and plays it back).
#include <cstdint>
#include <memory>
#include <vector>

#include "lab.hpp"
#include "offscreen_frame.hpp"
#include "render/field_renderer.hpp"
#include "settings.hpp"
#include "ui/gui.hpp"

namespace descent {

class CanvasFrames {
 public:
  // An image of `width` x `height` in ImGui's units, `scale` times as many pixels a side. Call
  // with the window's ImGui context current.
  CanvasFrames(Lab& lab, int width, int height, float scale = 1);

  // Lays the canvas out and asks for its field; true once every run is computed and the field
  // is sampled finely: frames drawn before then would lack them. Never waits.
  bool ready();
  // The canvas at playback `position`: RGBA pixels, top row first.
  std::vector<std::uint8_t> draw(double position);
  // The runs' colours, for a GIF's palette.
  std::vector<Rgb> run_colours() const;
  int pixel_width() const { return m_frame.pixel_width(); }
  int pixel_height() const { return m_frame.pixel_height(); }

 private:
  void render_field();

  Lab& m_lab;
  Settings m_settings;
  ui::Gui m_gui;
  FieldRenderer m_renderer;
  OffscreenFrame m_frame;
};

// Every run of `snapshot` has stopped: what playback reveals is all there.
bool runs_computed(const Lab& lab);

}  // namespace descent
