#pragma once
// What the 3D view draws in one frame, GL-free: the panel fills it from the lab, the surface
// renderer draws it into an image.
#include <cstdint>
#include <memory>
#include <vector>

#include "orbit_camera.hpp"
#include "palette.hpp"
#include "surface_mesh.hpp"

namespace descent {

// A line in scene coordinates, `width` pixels wide; a NaN point ends a strip.
struct ScenePath {
  Rgb colour;
  Rgb halo{13, 13, 18};  // drawn wider under the line, so it stands out over any colour
  float width = 3;
  float alpha = 1;
  std::vector<Vec3f> points;
};

// A disc facing the camera: a run's current point, a minimum.
struct SceneMarker {
  Vec3f at;
  Rgb fill, outline;
  float size = 12;  // diameter in pixels
  float alpha = 1;
};

struct SurfaceScene {
  std::shared_ptr<const SurfaceMesh> mesh;  // none: nothing sampled yet
  // Colours as the 2D canvas has them: the field's range, log or linear levels.
  float colour_min = 0, colour_max = 1;
  bool colour_log = true;
  int levels = 24;
  OrbitCamera camera;
  std::vector<ScenePath> paths;
  std::vector<SceneMarker> markers;
  std::uint64_t revision = 0;  // changes whenever the paths or markers do
  PixelRect plot;              // the image's place on the screen, in ImGui's units
  Rgb background{30, 30, 36};
  Rgb frame_lines{150, 150, 160};  // the floor's outline and the corner posts
};

}  // namespace descent
