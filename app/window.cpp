#include "window.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include <malloc.h>
#include <unistd.h>

#include "gl/gl.hpp"
// GL comes from epoxy (above): GLFW must not include a GL header of its own.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "text.hpp"
#include "ui/theme.hpp"

namespace descent {
namespace {

std::string g_glfw_error;

void on_glfw_error(int, const char* description) {
  g_glfw_error = description;
}

bool g_scale_changed = false;
void on_content_scale(GLFWwindow*, float, float) {
  g_scale_changed = true;
}

// kBaseFontSize suits a screen of up to this many rows; on taller ones text grows with the
// height, up to a 1080-row projector's (24 px), beyond which the content scale takes over.
constexpr float kRoomRows = 855, kMostRoomScale = 1080 / kRoomRows;

float room_scale() {
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  int x = 0, y = 0, width = 0, height = 0;
  if (monitor) glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
  return std::clamp(static_cast<float>(height) / kRoomRows, 1.f, kMostRoomScale);
}

}  // namespace

Window::Window(const WindowOptions& options)
    : m_follow_scale(options.follow_content_scale),
      m_font_scale(options.font_scale),
      m_theme(options.theme) {
  // Mesa's software renderer (llvmpipe, all this machine has) allocates and frees megabytes
  // every frame. glibc hands the top of the heap back to the kernel past 128 KB free, so each
  // frame faulted it in again, zeroed: 11 ms a frame instead of 4 at some window sizes
  // (descent --bench-frames). Keeping up to 256 MB free costs nothing on a GPU.
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) {
    const char* display = std::getenv("DISPLAY");
    throw std::runtime_error("cannot open a window: " + g_glfw_error +
                             (display && *display
                                  ? ""
                                  : " (no display: DISPLAY is not set; `descent run` and "
                                    "`descent render` work headless)"));
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_MAXIMIZED, options.maximized ? GLFW_TRUE : GLFW_FALSE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, options.follow_content_scale ? GLFW_TRUE : GLFW_FALSE);
  m_window =
      glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (!m_window) {
    glfwTerminate();
    throw std::runtime_error("cannot open a window with OpenGL 3.3: " + g_glfw_error);
  }
  if (options.x >= 0 && options.y >= 0 && options.visible)
    glfwSetWindowPos(m_window, options.x, options.y);
  if (options.visible && !options.maximized) fit_work_area();
  glfwMakeContextCurrent(m_window);
  glfwSwapInterval(options.vsync ? 1 : 0);
  if (options.follow_content_scale) {
    float ys = 1;
    glfwGetWindowContentScale(m_window, &m_scale, &ys);
    glfwSetWindowContentScaleCallback(m_window, on_content_scale);
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // the layout lives in our settings file
  if (options.text_for_room) m_room_scale = room_scale();
  ui::apply_theme(m_scale * m_room_scale * m_font_scale, m_theme);
  ImGui_ImplGlfw_InitForOpenGL(m_window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

Window::~Window() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(m_window);
  glfwTerminate();
}

void Window::set_title(const std::string& title) {
  glfwSetWindowTitle(m_window, title.c_str());
}

bool Window::should_close() const {
  return glfwWindowShouldClose(m_window);
}

void Window::fit_work_area() {
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  int x = 0, y = 0, width = 0, height = 0;
  if (!monitor) return;
  glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
  if (width <= 0 || height <= 0) return;
  int w = 0, h = 0, wx = 0, wy = 0;
  glfwGetWindowSize(m_window, &w, &h);
  glfwGetWindowPos(m_window, &wx, &wy);
  // The title bar and borders a window manager adds are outside the size: leave room for them.
  int left = 0, top = 0, right = 0, bottom = 0;
  glfwGetWindowFrameSize(m_window, &left, &top, &right, &bottom);
  const int fit_w = std::min(w, width - left - right), fit_h = std::min(h, height - top - bottom);
  if (fit_w != w || fit_h != h) glfwSetWindowSize(m_window, fit_w, fit_h);
  const int fit_x = std::clamp(wx, x + left, std::max(x + left, x + width - right - fit_w));
  const int fit_y = std::clamp(wy, y + top, std::max(y + top, y + height - bottom - fit_h));
  if (fit_x != wx || fit_y != wy) glfwSetWindowPos(m_window, fit_x, fit_y);
}

void Window::rebuild_fonts() {
  ui::apply_theme(m_scale * m_room_scale * m_font_scale, m_theme);
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
  m_fonts_stale = false;
}

void Window::set_appearance(float font_scale, Theme theme) {
  if (font_scale == m_font_scale && theme == m_theme) return;
  m_font_scale = font_scale, m_theme = theme;
  m_fonts_stale = true;
}

void Window::set_fullscreen(bool fullscreen) {
  if (fullscreen == this->fullscreen()) return;
  if (fullscreen) {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (!mode) return;
    glfwGetWindowPos(m_window, &m_windowed[0], &m_windowed[1]);
    glfwGetWindowSize(m_window, &m_windowed[2], &m_windowed[3]);
    glfwSetWindowMonitor(m_window, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
  } else {
    glfwSetWindowMonitor(m_window, nullptr, m_windowed[0], m_windowed[1],
                         std::max(m_windowed[2], 320), std::max(m_windowed[3], 240), 0);
  }
}

bool Window::fullscreen() const {
  return glfwGetWindowMonitor(m_window) != nullptr;
}

void Window::wait_events(double seconds) {
  glfwWaitEventsTimeout(seconds);
}

void Window::begin_frame() {
  glfwPollEvents();
  if (g_scale_changed && m_follow_scale) {  // moved to a monitor with another scale
    g_scale_changed = false;
    float ys = 1;
    glfwGetWindowContentScale(m_window, &m_scale, &ys);
    m_fonts_stale = true;
  }
  if (m_fonts_stale) rebuild_fonts();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void Window::render(int width, int height) {
  ImGui::Render();
  render_draw_data(width, height);
}

void Window::render_draw_data(int width, int height) {
  if (width <= 0) glfwGetFramebufferSize(m_window, &width, &height);
  glViewport(0, 0, width, height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(background.x, background.y, background.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void Window::swap() {
  glfwSwapBuffers(m_window);
}

void Window::framebuffer_size(int& width, int& height) const {
  glfwGetFramebufferSize(m_window, &width, &height);
}

float Window::framebuffer_scale() const {
  return ImGui::GetIO().DisplayFramebufferScale.x;
}

WindowGeometry Window::geometry() const {
  WindowGeometry g{};
  glfwGetWindowSize(m_window, &g.width, &g.height);
  glfwGetWindowPos(m_window, &g.x, &g.y);
  if (fullscreen()) {  // the window it comes back to
    g.x = m_windowed[0], g.y = m_windowed[1], g.width = m_windowed[2], g.height = m_windowed[3];
  }
  g.width = static_cast<int>(g.width / m_scale);
  g.height = static_cast<int>(g.height / m_scale);
  g.maximized = glfwGetWindowAttrib(m_window, GLFW_MAXIMIZED) == GLFW_TRUE;
  return g;
}

std::vector<std::uint8_t> read_pixels(int width, int height) {
  std::vector<std::uint8_t> pixels(static_cast<std::size_t>(width) * height * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // GL's rows go up; images go down.
  const std::size_t row = static_cast<std::size_t>(width) * 4;
  for (int y = 0; y < height / 2; ++y)
    std::swap_ranges(pixels.begin() + static_cast<std::ptrdiff_t>(y * row),
                     pixels.begin() + static_cast<std::ptrdiff_t>((y + 1) * row),
                     pixels.begin() + static_cast<std::ptrdiff_t>((height - 1 - y) * row));
  return pixels;
}

void run_under_xvfb_if_headless(int argc, char** argv) {
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
  };
  if (set("DISPLAY") || set("WAYLAND_DISPLAY") || set("DESCENT_UNDER_XVFB")) return;
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return;
  setenv("DESCENT_UNDER_XVFB", "1", 1);
  // A screen larger than any window Descent opens, unless a size is asked for (a projector's).
  const char* screen = std::getenv("DESCENT_XVFB_SCREEN");
  std::vector<std::string> args{"xvfb-run", "-a", "-s",
                                cat("-screen 0 ", screen && *screen ? screen : "2560x1600", "x24"),
                                self.string()};
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  execvp("xvfb-run", raw.data());  // returns only on failure: then GLFW explains
}

}  // namespace descent
