#include "offscreen_frame.hpp"

#include <cmath>
#include <stdexcept>

#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "window.hpp"

namespace descent {

OffscreenFrame::OffscreenFrame(int width, int height, float scale)
    : m_width(width),
      m_height(height),
      m_pixel_width(static_cast<int>(std::lround(width * scale))),
      m_pixel_height(static_cast<int>(std::lround(height * scale))),
      m_scale(scale) {
  glBindTexture(GL_TEXTURE_2D, m_colour.id());
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, m_pixel_width, m_pixel_height, 0, GL_RGBA,
               GL_UNSIGNED_BYTE, nullptr);
  GLuint id = 0;
  glGenFramebuffers(1, &id);
  m_framebuffer = gl::Framebuffer(id);
  glBindFramebuffer(GL_FRAMEBUFFER, id);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_colour.id(), 0);
  const bool complete = glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (!complete) throw std::runtime_error("cannot create an offscreen image of that size");

  m_window_context = ImGui::GetCurrentContext();
  ImGuiIO& window_io = ImGui::GetIO();
  m_context = ImGui::CreateContext(window_io.Fonts);  // which leaves the window's current
  ImGui::SetCurrentContext(m_context);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  // The window's renderer draws this context's lists too: one set of GL objects, one font texture.
  io.BackendRendererUserData = window_io.BackendRendererUserData;
  io.BackendRendererName = window_io.BackendRendererName;
  io.BackendFlags = window_io.BackendFlags & ImGuiBackendFlags_RendererHasVtxOffset;
  ImGui::SetCurrentContext(m_window_context);
}

OffscreenFrame::~OffscreenFrame() {
  ImGuiContext* current = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(m_context);
  ImGui::GetIO().BackendRendererUserData = nullptr;  // the window's: not this context's to free
  ImGui::DestroyContext(m_context);
  ImGui::SetCurrentContext(current == m_context ? m_window_context : current);
}

void OffscreenFrame::begin() {
  m_window_context = ImGui::GetCurrentContext();
  // The renderer makes its shader and font texture at its first frame: `descent render` draws
  // no frame in the window's context.
  ImGui_ImplOpenGL3_NewFrame();
  // The window's look as it is now (themes and font scale change while the program runs).
  const ImGuiStyle style = ImGui::GetStyle();
  const ImGuiIO& window_io = ImGui::GetIO();
  const float font_scale = window_io.FontGlobalScale;
  ImFont* font = window_io.FontDefault;
  ImGui::SetCurrentContext(m_context);
  ImGui::GetStyle() = style;
  ImGuiIO& io = ImGui::GetIO();
  io.FontGlobalScale = font_scale;
  io.FontDefault = font;
  io.DisplaySize = ImVec2(static_cast<float>(m_width), static_cast<float>(m_height));
  io.DisplayFramebufferScale = ImVec2(m_scale, m_scale);
  io.DeltaTime = 1.f / 60;
  ImGui::NewFrame();
}

std::vector<std::uint8_t> OffscreenFrame::end() {
  ImGui::Render();
  glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer.id());
  glViewport(0, 0, m_pixel_width, m_pixel_height);
  const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];  // the theme's
  glClearColor(background.x, background.y, background.z, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  std::vector<std::uint8_t> pixels = read_pixels(m_pixel_width, m_pixel_height);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  ImGui::SetCurrentContext(m_window_context);
  return pixels;
}

void OffscreenFrame::discard() {
  ImGui::EndFrame();
  ImGui::SetCurrentContext(m_window_context);
}

}  // namespace descent
