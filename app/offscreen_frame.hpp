#pragma once
// One ImGui frame drawn into an offscreen image and read back: what `descent render` and the
// window's File > Export draw. It has an ImGui context of its own beside the window's, so no
// input reaches what it draws and the window's panels keep their state; it shares the window's
// fonts and OpenGL renderer, and copies its style at every frame.
#include <cstdint>
#include <vector>

#include "gl/objects.hpp"

struct ImGuiContext;

namespace descent {

class OffscreenFrame {
 public:
  // `width` x `height` in ImGui's units; the image has `scale` times as many pixels a side.
  // Call with the window's ImGui context current. Throws std::runtime_error when the GL driver
  // cannot make an image that size.
  OffscreenFrame(int width, int height, float scale = 1);
  ~OffscreenFrame();
  OffscreenFrame(const OffscreenFrame&) = delete;
  OffscreenFrame& operator=(const OffscreenFrame&) = delete;

  // Makes this frame's context current and starts a frame in it.
  void begin();
  // Renders what was drawn since begin() into the image, reads it back (RGBA, top row first)
  // and makes the window's context current again. Leaves framebuffer 0 bound.
  std::vector<std::uint8_t> end();
  // Ends the frame without reading it back (a layout pass).
  void discard();

  int pixel_width() const { return m_pixel_width; }
  int pixel_height() const { return m_pixel_height; }
  float scale() const { return m_scale; }

 private:
  int m_width, m_height, m_pixel_width, m_pixel_height;
  float m_scale;
  gl::Texture m_colour = gl::make_texture();
  gl::Framebuffer m_framebuffer;
  ImGuiContext* m_context = nullptr;
  ImGuiContext* m_window_context = nullptr;
};

}  // namespace descent
