#include "surface_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "colormap.hpp"
#include "field_renderer.hpp"

namespace descent {
namespace {

// One instance of shaders/path.vert: a segment, drawn as six vertices.
struct RibbonSegment {
  float from[3], to[3];
  std::uint8_t colour[4];
};

struct MarkerVertex {
  float at[3];
  std::uint8_t fill[4], outline[4];
  float size;
};

constexpr float kPathBias = 4e-4f;     // clip-space depth pulled towards the camera
constexpr float kMarkerBias = 1e-3f;   // markers a little more: they sit on their path's end
constexpr float kMarkerPull = 0.06f;   // scene units towards the camera (markers' radius ~0.03)
constexpr float kHiddenAlpha = 0.28f;  // of what the surface hides

GLuint make_buffer() {
  GLuint id = 0;
  glGenBuffers(1, &id);
  return id;
}

void attribute(GLuint index, GLint size, GLenum type, bool normalized, std::size_t stride,
               std::size_t offset) {
  glEnableVertexAttribArray(index);
  glVertexAttribPointer(index, size, type, normalized ? GL_TRUE : GL_FALSE,
                        static_cast<GLsizei>(stride), reinterpret_cast<const void*>(offset));
}

// The segments of a polyline (NaN points end strips).
void add_ribbon(std::vector<RibbonSegment>& out, std::span<const Vec3f> points, Rgb c,
                float alpha) {
  const auto a8 = static_cast<std::uint8_t>(std::lround(255 * std::clamp(alpha, 0.f, 1.f)));
  for (std::size_t k = 1; k < points.size(); ++k) {
    const Vec3f& a = points[k - 1];
    const Vec3f& b = points[k];
    if (!a.allFinite() || !b.allFinite()) continue;
    out.push_back({{a.x(), a.y(), a.z()}, {b.x(), b.y(), b.z()}, {c.r, c.g, c.b, a8}});
  }
}

// Points the instanced ribbon attributes of the bound VAO at segment `first` of the bound
// buffer (GL 3.3 has no base instance).
void ribbon_attributes(std::size_t first) {
  const std::size_t base = first * sizeof(RibbonSegment);
  for (GLuint index : {0u, 1u, 3u}) {
    glEnableVertexAttribArray(index);
    glVertexAttribDivisor(index, 1);
  }
  glVertexAttribPointer(0, 3, GL_FLOAT, GL_FALSE, sizeof(RibbonSegment),
                        reinterpret_cast<const void*>(base + offsetof(RibbonSegment, from)));
  glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, sizeof(RibbonSegment),
                        reinterpret_cast<const void*>(base + offsetof(RibbonSegment, to)));
  glVertexAttribPointer(3, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(RibbonSegment),
                        reinterpret_cast<const void*>(base + offsetof(RibbonSegment, colour)));
}

void uniform(GLuint program, const char* name, float value) {
  glUniform1f(glGetUniformLocation(program, name), value);
}

}  // namespace

void SurfaceRenderer::delete_buffer(GLuint id) {
  glDeleteBuffers(1, &id);
}

void SurfaceRenderer::delete_renderbuffer(GLuint id) {
  glDeleteRenderbuffers(1, &id);
}

SurfaceRenderer::SurfaceRenderer()
    : m_surface(gl::load_program(gl::shader_directory() + "/surface.vert",
                                 gl::shader_directory() + "/surface.frag")),
      m_path(gl::load_program(gl::shader_directory() + "/path.vert",
                              gl::shader_directory() + "/path.frag")),
      m_marker(gl::load_program(gl::shader_directory() + "/marker.vert",
                                gl::shader_directory() + "/marker.frag")),
      m_colormap(gl::make_texture()),
      m_image(gl::make_texture()),
      m_mesh_vao(gl::make_vertex_array()),
      m_path_vao(gl::make_vertex_array()),
      m_frame_vao(gl::make_vertex_array()),
      m_marker_vao(gl::make_vertex_array()),
      m_mesh_vertices(make_buffer()),
      m_mesh_indices(make_buffer()),
      m_path_vertices(make_buffer()),
      m_frame_vertices(make_buffer()),
      m_marker_vertices(make_buffer()) {
  set_up_colormap_and_image(m_colormap.id(), m_image.id());
  GLuint depth = 0;
  glGenRenderbuffers(1, &depth);
  m_depth = Renderbuffer(depth);
  glBindRenderbuffer(GL_RENDERBUFFER, depth);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, 1, 1);
  GLuint framebuffer = 0;
  glGenFramebuffers(1, &framebuffer);
  m_framebuffer = gl::Framebuffer(framebuffer);
  glBindFramebuffer(GL_FRAMEBUFFER, framebuffer);
  glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, m_image.id(), 0);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth);
  glBindFramebuffer(GL_FRAMEBUFFER, 0);

  glBindVertexArray(m_mesh_vao.id());
  glBindBuffer(GL_ARRAY_BUFFER, m_mesh_vertices.id());
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, m_mesh_indices.id());
  attribute(0, 3, GL_FLOAT, false, sizeof(SurfaceVertex), offsetof(SurfaceVertex, x));
  attribute(1, 3, GL_FLOAT, false, sizeof(SurfaceVertex), offsetof(SurfaceVertex, nx));
  attribute(2, 1, GL_FLOAT, false, sizeof(SurfaceVertex), offsetof(SurfaceVertex, value));
  for (auto [vao, buffer] : {std::pair{m_path_vao.id(), m_path_vertices.id()},
                             std::pair{m_frame_vao.id(), m_frame_vertices.id()}}) {
    glBindVertexArray(vao);
    glBindBuffer(GL_ARRAY_BUFFER, buffer);
    ribbon_attributes(0);
  }
  glBindVertexArray(m_marker_vao.id());
  glBindBuffer(GL_ARRAY_BUFFER, m_marker_vertices.id());
  attribute(0, 3, GL_FLOAT, false, sizeof(MarkerVertex), offsetof(MarkerVertex, at));
  attribute(1, 4, GL_UNSIGNED_BYTE, true, sizeof(MarkerVertex), offsetof(MarkerVertex, fill));
  attribute(2, 4, GL_UNSIGNED_BYTE, true, sizeof(MarkerVertex), offsetof(MarkerVertex, outline));
  attribute(3, 1, GL_FLOAT, false, sizeof(MarkerVertex), offsetof(MarkerVertex, size));
  glBindVertexArray(0);
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void SurfaceRenderer::upload_mesh(const SurfaceMesh& mesh) {
  glBindVertexArray(m_mesh_vao.id());
  glBindBuffer(GL_ARRAY_BUFFER, m_mesh_vertices.id());
  glBufferData(GL_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(mesh.vertices.size() * sizeof(SurfaceVertex)),
               mesh.vertices.data(), GL_DYNAMIC_DRAW);
  glBufferData(GL_ELEMENT_ARRAY_BUFFER,
               static_cast<GLsizeiptr>(mesh.indices.size() * sizeof(std::uint32_t)),
               mesh.indices.data(), GL_DYNAMIC_DRAW);
  glBindVertexArray(0);
  m_index_count = mesh.indices.size();
}

void SurfaceRenderer::upload_lines(const SurfaceScene& scene) {
  std::vector<RibbonSegment> ribbons;
  m_ranges.clear();
  for (const ScenePath& path : scene.paths) {
    const int first = static_cast<int>(ribbons.size());
    add_ribbon(ribbons, path.points, path.colour, 1.f);
    m_ranges.push_back(
        {first, static_cast<int>(ribbons.size()) - first, path.width, path.alpha, path.halo});
  }
  glBindBuffer(GL_ARRAY_BUFFER, m_path_vertices.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(ribbons.size() * sizeof(RibbonSegment)),
               ribbons.data(), GL_STREAM_DRAW);

  std::vector<MarkerVertex> markers;
  for (const SceneMarker& m : scene.markers) {
    const auto a = static_cast<std::uint8_t>(std::lround(255 * std::clamp(m.alpha, 0.f, 1.f)));
    markers.push_back({{m.at.x(), m.at.y(), m.at.z()},
                       {m.fill.r, m.fill.g, m.fill.b, a},
                       {m.outline.r, m.outline.g, m.outline.b, a},
                       m.size});
  }
  glBindBuffer(GL_ARRAY_BUFFER, m_marker_vertices.id());
  glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(markers.size() * sizeof(MarkerVertex)),
               markers.data(), GL_STREAM_DRAW);
  m_marker_count = static_cast<int>(markers.size());

  // The floor's outline and its corner posts up to the top height: the box the surface is in.
  if (scene.mesh.get() != m_frame_mesh) {
    m_frame_mesh = scene.mesh.get();
    std::vector<RibbonSegment> frame;
    if (scene.mesh) {
      const SceneFrame& f = scene.mesh->frame;
      const Box& b = f.box;
      const Vec3f c[4] = {f.at(b.x_min, b.y_min, 0), f.at(b.x_max, b.y_min, 0),
                          f.at(b.x_max, b.y_max, 0), f.at(b.x_min, b.y_max, 0)};
      for (int k = 0; k < 4; ++k) {
        const Vec3f floor_edge[2] = {c[k], c[(k + 1) % 4]};
        add_ribbon(frame, floor_edge, scene.frame_lines, 0.9f);
        const Vec3f post[2] = {c[k], c[k] + Vec3f(0, 0, SceneFrame::kSceneHeight)};
        add_ribbon(frame, post, scene.frame_lines, 0.35f);
      }
    }
    glBindBuffer(GL_ARRAY_BUFFER, m_frame_vertices.id());
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(frame.size() * sizeof(RibbonSegment)),
                 frame.data(), GL_STATIC_DRAW);
    m_frame_count = static_cast<int>(frame.size());
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
}

void SurfaceRenderer::draw_lines(const SurfaceScene& scene, const float* view_projection,
                                 const Vec3f& eye, bool hidden) {
  // Behind the surface: faint, so a path over a ridge is not lost. In front: a dark halo, then
  // the colour.
  glDepthFunc(hidden ? GL_GREATER : GL_LEQUAL);
  const float alpha = hidden ? kHiddenAlpha : 1.f;
  const GLuint path = m_path.id();
  glUseProgram(path);
  glUniformMatrix4fv(glGetUniformLocation(path, "u_view_projection"), 1, GL_FALSE, view_projection);
  glUniform2f(glGetUniformLocation(path, "u_viewport"), static_cast<float>(m_width),
              static_cast<float>(m_height));
  uniform(path, "u_depth_bias", kPathBias);
  const float scale =
      static_cast<float>(m_width) / static_cast<float>(std::max(1.0, scene.plot.width));
  if (!hidden && m_frame_count > 0) {
    glBindVertexArray(m_frame_vao.id());
    uniform(path, "u_width", 1.5f * scale);
    uniform(path, "u_alpha", 1.f);
    glUniform4f(glGetUniformLocation(path, "u_override"), 0, 0, 0, 0);
    glDrawArraysInstanced(GL_TRIANGLES, 0, 6, m_frame_count);
  }
  glBindVertexArray(m_path_vao.id());
  glBindBuffer(GL_ARRAY_BUFFER, m_path_vertices.id());
  for (const bool halo : {true, false}) {
    if (halo && hidden) continue;
    for (const Range& r : m_ranges) {
      if (r.count == 0) continue;
      const float width = r.width * scale * (halo ? 1.8f : 1.f);
      uniform(path, "u_width", width);
      uniform(path, "u_alpha", alpha * r.alpha * (halo ? 0.6f : 1.f));
      glUniform4f(glGetUniformLocation(path, "u_override"), r.halo.r / 255.f, r.halo.g / 255.f,
                  r.halo.b / 255.f, halo ? 1.f : 0.f);
      ribbon_attributes(static_cast<std::size_t>(r.first));
      glDrawArraysInstanced(GL_TRIANGLES, 0, 6, r.count);
    }
  }
  glBindBuffer(GL_ARRAY_BUFFER, 0);
  if (m_marker_count > 0) {
    const GLuint marker = m_marker.id();
    glUseProgram(marker);
    glUniformMatrix4fv(glGetUniformLocation(marker, "u_view_projection"), 1, GL_FALSE,
                       view_projection);
    uniform(marker, "u_depth_bias", kMarkerBias);
    uniform(marker, "u_pull", kMarkerPull);
    glUniform3f(glGetUniformLocation(marker, "u_eye"), eye.x(), eye.y(), eye.z());
    uniform(marker, "u_alpha", hidden ? 0.45f : 1.f);
    glBindVertexArray(m_marker_vao.id());
    glDrawArrays(GL_POINTS, 0, m_marker_count);
  }
  glBindVertexArray(0);
}

void SurfaceRenderer::render(const SurfaceScene& scene, float framebuffer_scale) {
  const int width =
      std::max(1, static_cast<int>(std::lround(scene.plot.width * framebuffer_scale)));
  const int height =
      std::max(1, static_cast<int>(std::lround(scene.plot.height * framebuffer_scale)));
  const Drawn now{scene.mesh.get(), scene.revision,   scene.camera,     width,
                  height,           scene.colour_min, scene.colour_max, scene.colour_log,
                  scene.levels,     scene.background};
  if (now == m_drawn && scene.mesh == m_uploaded) return;
  m_drawn = now;
  if (width != m_width || height != m_height) {
    glBindTexture(GL_TEXTURE_2D, m_image.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    glBindRenderbuffer(GL_RENDERBUFFER, m_depth.id());
    glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, width, height);
    m_width = width, m_height = height;
  }
  if (scene.mesh && scene.mesh != m_uploaded) upload_mesh(*scene.mesh);
  m_uploaded = scene.mesh;
  if (scene.revision != m_uploaded_revision || scene.mesh.get() != m_frame_mesh) {
    upload_lines(scene);
    m_uploaded_revision = scene.revision;
  }

  glBindFramebuffer(GL_FRAMEBUFFER, m_framebuffer.id());
  glViewport(0, 0, width, height);
  glDisable(GL_SCISSOR_TEST);
  glDisable(GL_CULL_FACE);
  glDisable(GL_BLEND);
  glClearColor(scene.background.r / 255.f, scene.background.g / 255.f, scene.background.b / 255.f,
               1.f);
  glClearDepth(1.0);
  glDepthMask(GL_TRUE);
  glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
  if (scene.mesh) {
    const double aspect = static_cast<double>(width) / static_cast<double>(height);
    const Mat4f vp = scene.camera.view_projection(aspect);
    const Vec3f eye = scene.camera.eye(aspect);
    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LESS);
    if (m_index_count > 0) {
      const GLuint s = m_surface.id();
      glUseProgram(s);
      glUniformMatrix4fv(glGetUniformLocation(s, "u_view_projection"), 1, GL_FALSE, vp.data());
      glUniform3f(glGetUniformLocation(s, "u_eye"), eye.x(), eye.y(), eye.z());
      uniform(s, "u_min", scene.colour_min);
      uniform(s, "u_max", scene.colour_max);
      glUniform1i(glGetUniformLocation(s, "u_log"), scene.colour_log ? 1 : 0);
      uniform(s, "u_levels", static_cast<float>(scene.levels));
      glUniform1i(glGetUniformLocation(s, "u_colormap"), 0);
      glActiveTexture(GL_TEXTURE0);
      glBindTexture(GL_TEXTURE_2D, m_colormap.id());
      glBindVertexArray(m_mesh_vao.id());
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(m_index_count), GL_UNSIGNED_INT, nullptr);
    }
    // Lines and markers blend and leave the depth buffer as the mesh left it.
    glDepthMask(GL_FALSE);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_PROGRAM_POINT_SIZE);
    draw_lines(scene, vp.data(), eye, true);
    draw_lines(scene, vp.data(), eye, false);
    glDisable(GL_PROGRAM_POINT_SIZE);
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    glDepthFunc(GL_LESS);
    glDisable(GL_DEPTH_TEST);
    glUseProgram(0);
  }
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

}  // namespace descent
