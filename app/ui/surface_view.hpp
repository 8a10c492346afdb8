#pragma once
// The 3D view: the canvas's field as a shaded height mesh in the same colours, every visible
// run's path lifted onto it, current points and minima as markers. Drag to orbit, wheel to
// zoom, double-click to reset; heights linear or log(f - min + ε), capped so that a spike does
// not flatten the rest. It shows what the canvas's view box holds and never samples the loss
// itself. GL-free: it fills a SurfaceScene that the surface renderer draws into an image.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <imgui.h>

#include "canvas.hpp"
#include "frame.hpp"
#include "path_cache.hpp"
#include "surface_scene.hpp"

namespace descent::ui {

class SurfacePanel {
 public:
  // Where the 3D view goes: nowhere, in place of the 2D canvas, or beside it.
  enum class Shown { off, alone, beside };
  Shown shown = Shown::off;
  bool log_height = false;

  // Draws into the current window's remaining content region: `image` (last rendered from
  // scene()), the controls and the hints over it. Reads the canvas's field and view box.
  void draw(Frame& frame, const CanvasPanel& canvas, ImTextureID image);
  // What the renderer draws this frame.
  const SurfaceScene& scene() const { return m_scene; }
  OrbitCamera& camera() { return m_scene.camera; }
  // The camera as it starts (double-click, F).
  void reset_camera() { m_scene.camera.reset(); }
  // 3: the 3D view in the canvas's place, or back to 2D. Shift+3: side by side, or back.
  void toggle(bool beside);
  // The caption saying how heights are made (linear, log, capped).
  std::string height_caption() const;

 private:
  void handle_input(ImVec2 lo, ImVec2 hi);
  void update_mesh(const Frame& frame, const CanvasPanel& canvas);
  void update_paths(const Frame& frame);
  void draw_overlay(const Frame& frame, ImDrawList* draw, ImVec2 lo, ImVec2 hi);
  void draw_axis_names(const Frame& frame, ImDrawList* draw) const;

  SurfaceScene m_scene;
  std::shared_ptr<const FieldGrid> m_field;  // the mesh's
  Box m_box;
  bool m_mesh_log = false;
  std::map<RunId, PathCache> m_paths;
  std::uint64_t m_signature = 0;  // of what the paths and markers were made from
  std::vector<std::string> m_legend;
  std::vector<Rgb> m_legend_colours;
  bool m_dragging = false;
};

}  // namespace descent::ui
