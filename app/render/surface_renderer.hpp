#pragma once
// Draws the 3D view into an image for ImGui: the height mesh shaded and coloured by
// shaders/surface.*, paths as ribbons (shaders/path.*) and current points as discs
// (shaders/marker.*), depth-tested against the mesh, with what the surface hides shown faintly.
#include <cstdint>
#include <memory>

#include "gl/objects.hpp"
#include "surface_scene.hpp"

namespace descent {

class SurfaceRenderer {
 public:
  // Loads the shaders; throws std::runtime_error when they are missing or do not compile.
  SurfaceRenderer();

  // The image, for ImGui: valid from construction on, its content updated by render().
  GLuint image() const { return m_image.id(); }

  // Draws `scene` into an image the size of its plot in framebuffer pixels, unless it shows
  // what was drawn last. Leaves framebuffer 0 bound.
  void render(const SurfaceScene& scene, float framebuffer_scale);

  // Buffers and renderbuffers: RAII like the other GL objects.
  static void delete_buffer(GLuint id);
  static void delete_renderbuffer(GLuint id);
  using Buffer = gl::Handle<delete_buffer>;
  using Renderbuffer = gl::Handle<delete_renderbuffer>;

 private:
  void upload_mesh(const SurfaceMesh& mesh);
  void upload_lines(const SurfaceScene& scene);
  void draw_lines(const SurfaceScene& scene, const float* view_projection, const Vec3f& eye,
                  bool hidden);

  gl::Program m_surface, m_path, m_marker;
  gl::Texture m_colormap, m_image;
  Renderbuffer m_depth;
  gl::Framebuffer m_framebuffer;
  gl::VertexArray m_mesh_vao, m_path_vao, m_frame_vao, m_marker_vao;
  Buffer m_mesh_vertices, m_mesh_indices, m_path_vertices, m_frame_vertices, m_marker_vertices;
  int m_width = 0, m_height = 0;
  std::size_t m_index_count = 0;
  // Where each path's ribbon starts in the buffer, in segments, and how many it has.
  struct Range {
    int first = 0, count = 0;
    float width = 3, alpha = 1;
    Rgb halo;
  };
  std::vector<Range> m_ranges;
  int m_frame_count = 0, m_marker_count = 0;
  std::shared_ptr<const SurfaceMesh> m_uploaded;
  std::uint64_t m_uploaded_revision = ~0ull;
  const SurfaceMesh* m_frame_mesh = nullptr;  // whose floor the frame lines outline
  // What the image shows now: drawing it again for the same would change nothing.
  struct Drawn {
    const SurfaceMesh* mesh = nullptr;
    std::uint64_t revision = ~0ull;
    OrbitCamera camera;
    int width = 0, height = 0;
    float colour_min = 0, colour_max = 0;
    bool colour_log = false;
    int levels = 0;
    Rgb background;
    bool operator==(const Drawn&) const = default;
  } m_drawn;
  std::vector<std::uint8_t> m_scratch;  // vertex bytes, reused
};

}  // namespace descent
