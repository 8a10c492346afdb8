#pragma once
// The GLFW window with its OpenGL 3.3 core context and Dear ImGui on top of it.
#include <cstdint>
#include <string>
#include <vector>

#include "appearance.hpp"

struct GLFWwindow;

namespace descent {

struct WindowOptions {
  int width = 1600, height = 1000;  // screen coordinates at content scale 1
  int x = -1, y = -1;               // -1: let the system place it
  bool maximized = false;
  bool visible = true;  // hidden: for rendering to files
  bool vsync = true;
  bool follow_content_scale = true;  // fonts and sizes follow the monitor's content scale
  float font_scale = 1;              // the user's text size, times the content scale
  // 100% text readable from the back of a room: larger on a screen with more rows (up to
  // 1080), so it takes the same share of a projected picture's height.
  bool text_for_room = true;
  Theme theme = Theme::dark;
  std::string title = "Descent";
};

struct WindowGeometry {
  int width, height, x, y;  // screen coordinates at content scale 1
  bool maximized;
};

class Window {
 public:
  // Throws std::runtime_error saying why there is no window (no display, no OpenGL 3.3).
  explicit Window(const WindowOptions& options);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  bool should_close() const;
  void set_title(const std::string& title);
  // Polls events and starts an ImGui frame.
  void begin_frame();
  // Sleeps until an event arrives or `seconds` pass: an idle window costs no CPU.
  void wait_events(double seconds);
  // Text size and theme; the fonts are rebuilt before the next frame when they change.
  void set_appearance(float font_scale, Theme theme);
  // The whole monitor, or back to the window it was.
  void set_fullscreen(bool fullscreen);
  bool fullscreen() const;
  // Renders ImGui's frame into the bound framebuffer, sized `width` x `height` pixels
  // (0: the window's).
  void render(int width = 0, int height = 0);
  // The same, after ImGui::Render() was already called.
  void render_draw_data(int width = 0, int height = 0);
  void swap();

  float content_scale() const { return m_scale; }
  float framebuffer_scale() const;
  // The window's framebuffer in pixels.
  void framebuffer_size(int& width, int& height) const;
  WindowGeometry geometry() const;
  GLFWwindow* handle() const { return m_window; }

 private:
  // Keeps a window larger than its monitor's work area (a 1280x720 projector) inside it.
  void fit_work_area();
  void rebuild_fonts();

  GLFWwindow* m_window = nullptr;
  float m_scale = 1;
  bool m_follow_scale = true;
  float m_room_scale = 1;  // see WindowOptions::text_for_room
  float m_font_scale = 1;
  Theme m_theme = Theme::dark;
  bool m_fonts_stale = false;
  int m_windowed[4] = {0, 0, 0, 0};  // x, y, width, height before going fullscreen
};

// RGBA pixels of the bound framebuffer, top row first.
std::vector<std::uint8_t> read_pixels(int width, int height);

// Where there is no display, re-runs this process under xvfb-run when it can (for the
// headless modes: render, screenshot, bench). Returns only when it did not.
void run_under_xvfb_if_headless(int argc, char** argv);

}  // namespace descent
