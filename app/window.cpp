#include "window.hpp"

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

}  // namespace

Window::Window(const WindowOptions& options) : m_follow_scale(options.follow_content_scale) {
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
  ui::apply_theme(m_scale);
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

void Window::begin_frame() {
  glfwPollEvents();
  if (g_scale_changed && m_follow_scale) {  // moved to a monitor with another scale
    g_scale_changed = false;
    float ys = 1;
    glfwGetWindowContentScale(m_window, &m_scale, &ys);
    ui::apply_theme(m_scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
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
  glClearColor(0.10f, 0.10f, 0.12f, 1.f);
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
  std::vector<std::string> args{"xvfb-run", "-a", "-s", "-screen 0 2560x1600x24", self.string()};
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  std::vector<char*> raw;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  execvp("xvfb-run", raw.data());  // returns only on failure: then GLFW explains
}

}  // namespace descent
