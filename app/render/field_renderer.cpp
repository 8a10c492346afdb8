#include "field_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "colormap.hpp"

namespace descent {

void set_up_colormap_and_image(GLuint colormap, GLuint image) {
  glBindTexture(GL_TEXTURE_2D, colormap);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, kColormapSize, 1, 0, GL_RGB, GL_UNSIGNED_BYTE,
               viridis().data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);

  glBindTexture(GL_TEXTURE_2D, image);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
}

FieldRenderer::FieldRenderer()
    : m_program(gl::load_program(gl::shader_directory() + "/field.vert",
                                 gl::shader_directory() + "/field.frag")),
      m_quad(gl::make_vertex_array()),
      m_field(gl::make_texture()),
      m_colormap(gl::make_texture()),
      m_image(gl::make_texture()),
      m_overlay(gl::make_texture()) {
  set_up_colormap_and_image(m_colormap.id(), m_image.id());
  // A 1x1 overlay until there is one: the program samples a complete texture from its first
  // frame, so that the first basin map does not make the driver build another variant of it.
  glBindTexture(GL_TEXTURE_2D, m_overlay.id());
  const std::uint8_t clear[4] = {0, 0, 0, 0};
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, clear);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  GLuint framebuffer = 0;
  glGenFramebuffers(1, &framebuffer);
  m_framebuffer = gl::Framebuffer(framebuffer);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_image.id(), 0);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void FieldRenderer::upload(const FieldGrid& field) {
  glBindTexture(GL_TEXTURE_2D, m_field.id());
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, field.width, field.height, 0, GL_RED, GL_FLOAT,
               field.values.data());
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
}

void FieldRenderer::render(const std::shared_ptr<const FieldGrid>& field, const View& view,
                           const PixelRect& plot, float framebuffer_scale,
                           const ContourStyle& style, const FieldOverlay& overlay) {
  int width = std::max(1, static_cast<int>(std::lround(plot.width * framebuffer_scale)));
  int height = std::max(1, static_cast<int>(std::lround(plot.height * framebuffer_scale)));
  if (width != m_width || height != m_height) {
    glBindTexture(GL_TEXTURE_2D, m_image.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    m_width = width, m_height = height;
  }
  if (field && field != m_uploaded) {
    upload(*field);
    m_uploaded = field;
  }
  const bool overlaid = overlay.rgba && overlay.width > 0 && overlay.height > 0;
  if (overlaid && overlay.rgba != m_overlay_uploaded) {
    glBindTexture(GL_TEXTURE_2D, m_overlay.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, overlay.width, overlay.height, 0, GL_RGBA,
                 GL_UNSIGNED_BYTE, overlay.rgba->data());
    // Cells stay cells: a map's boundaries are what it shows.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    m_overlay_uploaded = overlay.rgba;
  }
  // Plot sizes are compared in framebuffer pixels, through width and height above.
  Drawn now{field.get(),
            view,
            {plot.x, plot.y, static_cast<double>(width), static_cast<double>(height)},
            style,
            overlaid ? overlay : FieldOverlay{}};
  if (now == m_drawn) return;
  m_drawn = now;
  glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer.id());
  glViewport(0, 0, width, height);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glClearColor(0.12f, 0.12f, 0.14f, 1.f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (field) {
    // The field's box in clip space: the image is the plot rect, y up.
    const Box& box = m_uploaded->box;
    Vec2 lo = view.to_screen({box.x_min, box.y_min}, plot),
         hi = view.to_screen({box.x_max, box.y_max}, plot);
    auto clip_x = [&](double sx) { return static_cast<float>((sx - plot.x) / plot.width * 2 - 1); };
    auto clip_y = [&](double sy) {
      return static_cast<float>(1 - (sy - plot.y) / plot.height * 2);
    };
    glUseProgram(m_program.id());
    glUniform4f(glGetUniformLocation(m_program.id(), "u_rect"), clip_x(lo.x()), clip_y(lo.y()),
                clip_x(hi.x()), clip_y(hi.y()));
    glUniform1f(glGetUniformLocation(m_program.id(), "u_min"), m_uploaded->min);
    glUniform1f(glGetUniformLocation(m_program.id(), "u_max"), m_uploaded->max);
    glUniform1i(glGetUniformLocation(m_program.id(), "u_log"), style.log_levels ? 1 : 0);
    glUniform1f(glGetUniformLocation(m_program.id(), "u_levels"), static_cast<float>(style.levels));
    glUniform1i(glGetUniformLocation(m_program.id(), "u_field"), 0);
    glUniform1i(glGetUniformLocation(m_program.id(), "u_colormap"), 1);
    glUniform1i(glGetUniformLocation(m_program.id(), "u_overlay"), 2);
    // The overlay's box in the field's texture coordinates (v up, as the field's rows go).
    const Box& o = overlay.box;
    auto u = [&](double x) {
      return static_cast<float>((x - box.x_min) / (box.x_max - box.x_min));
    };
    auto v = [&](double y) {
      return static_cast<float>((y - box.y_min) / (box.y_max - box.y_min));
    };
    glUniform4f(glGetUniformLocation(m_program.id(), "u_overlay_rect"), u(o.x_min), v(o.y_min),
                u(o.x_max), v(o.y_max));
    glUniform1f(glGetUniformLocation(m_program.id(), "u_overlay_opacity"),
                overlaid ? overlay.opacity : 0.f);
    glActiveTexture(GL_TEXTURE2);
    glBindTexture(GL_TEXTURE_2D, m_overlay.id());
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, m_field.id());
    glActiveTexture(GL_TEXTURE1);
    glBindTexture(GL_TEXTURE_2D, m_colormap.id());
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(m_quad.id());
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glBindVertexArray(0);
    glUseProgram(0);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace descent
