#pragma once
// The GLFW window with its OpenGL 3.3 core context and Dear ImGui on top of it.
#include <cstdint>
#include <string>
#include <vector>

struct GLFWwindow;

namespace descent {

struct WindowOptions {
  int width = 1600, height = 1000;  // screen coordinates at content scale 1
  int x = -1, y = -1;               // -1: let the system place it
  bool maximized = false;
  bool visible = true;  // hidden: for rendering to files
  bool vsync = true;
  bool follow_content_scale = true;  // fonts and sizes follow the monitor's content scale
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
  GLFWwindow* m_window = nullptr;
  float m_scale = 1;
  bool m_follow_scale = true;
};

// RGBA pixels of the bound framebuffer, top row first.
std::vector<std::uint8_t> read_pixels(int width, int height);

// Where there is no display, re-runs this process under xvfb-run when it can (for the
// headless modes: render, screenshot, bench). Returns only when it did not.
void run_under_xvfb_if_headless(int argc, char** argv);

}  // namespace descent
