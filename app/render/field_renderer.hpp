#pragma once
// Draws the sampled loss into the canvas image: a float texture coloured by shaders/field.frag.
#include <memory>

#include "basin_colours.hpp"
#include "field.hpp"
#include "gl/objects.hpp"
#include "view.hpp"

namespace descent {

struct ContourStyle {
  bool log_levels = true;
  int levels = 24;
  bool operator==(const ContourStyle&) const = default;
};

// Fills `colormap` with the colour map (a 1D texture along x) and makes `image` a 1x1 RGBA
// texture, both linearly filtered: what a renderer drawing into an image with the colour map needs
// (FieldRenderer, SurfaceRenderer).
void set_up_colormap_and_image(GLuint colormap, GLuint image);

class FieldRenderer {
 public:
  // Loads the shaders; throws std::runtime_error when they are missing or do not compile.
  FieldRenderer();

  // The canvas image, for ImGui: valid from construction on, its content updated by render().
  GLuint image() const { return m_image.id(); }

  // Uploads `field` if it is new, then draws it as `view` shows it into an image the size of
  // `plot` in framebuffer pixels; without a field, an empty background. Leaves framebuffer 0
  // bound.
  // `overlay`, when it has pixels, is blended in under the contour lines.
  void render(const std::shared_ptr<const FieldGrid>& field, const View& view,
              const PixelRect& plot, float framebuffer_scale, const ContourStyle& style,
              const FieldOverlay& overlay = {});

 private:
  void upload(const FieldGrid& field);

  gl::Program m_program;
  gl::VertexArray m_quad;
  gl::Texture m_field, m_colormap, m_image, m_overlay;
  gl::Framebuffer m_framebuffer;
  int m_width = 0, m_height = 0;
  std::shared_ptr<const FieldGrid> m_uploaded;
  std::shared_ptr<const std::vector<std::uint8_t>> m_overlay_uploaded;
  // What the image shows now: drawing it again for the same would change nothing.
  struct Drawn {
    const FieldGrid* field = nullptr;
    View view;
    PixelRect plot;
    ContourStyle style;
    FieldOverlay overlay;
    bool operator==(const Drawn&) const = default;
  } m_drawn;
};

}  // namespace descent
