#pragma once
// The contour plot: the field, axes, known minima, every run's path with its current point and
// heading, the start marker and the legend. Click to set the start, drag the marker to move it,
// drag empty space to pan, wheel to zoom, F to fit. A network's paths are projections on a plane
// through its weights: they fade where they leave it, the readout tells the loss on the plane
// from a run's own, and its start (all its parameters) is not moved by a click.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <imgui.h>

#include "batches.hpp"
#include "field.hpp"
#include "frame.hpp"
#include "path_cache.hpp"
#include "plane_fade.hpp"
#include "plot.hpp"
#include "view.hpp"

namespace descent::ui {

// The field image the GL side renders for the canvas: it covers the plot rect exactly.
struct FieldImage {
  ImTextureID texture = nullptr;
  ImTextureID surface = nullptr;  // the 3D view's image (SurfacePanel)
};

class InstrumentsPanel;

class CanvasPanel {
 public:
  // Draws into the current window's remaining content region.
  void draw(Frame& frame, const FieldImage& image);

  // In place of draw() while the 3D view fills the canvas's region: keeps the view and the
  // field the canvas would show there, drawing nothing.
  void follow(Frame& frame);

  // Where the plot is this frame and what it shows, for the field renderer.
  const PixelRect& plot() const { return m_plot; }
  // The newest sampled field if it is one the canvas asked for lately: never a field of the
  // previous surface, while a mini-batch surface that changes every step lags, not flickers.
  std::shared_ptr<const FieldGrid> shown_field(const Lab& lab) const;
  const View& view() const { return m_view; }
  // Where last frame's legend and "diverged at step N" tags were drawn (screen boxes).
  using ScreenBox = std::pair<ImVec2, ImVec2>;
  const ScreenBox& legend_box() const { return m_legend_box; }
  const std::vector<ScreenBox>& tag_boxes() const { return m_tag_boxes; }
  // Back to the objective's own view (F, double-click).
  void request_fit() { m_fit = m_fit_objective = true; }
  // The box last chosen (the lab's view) fitted again, into a plot of another shape: the 3D view
  // came beside the canvas or went.
  void request_refit() { m_fit = true; }
  // Whether each visible run's point shows the curvature there (H): the local quadratic's level
  // ellipse along the Hessian's eigenvectors, its eigenvalues and 2/λmax.
  bool curvature_shown = false;
  // The negative gradient on a grid over the canvas (G): where every start would step first.
  bool gradient_field_shown = false;
  // The instruments whose basin map the canvas reads out under the mouse and adds runs from.
  void set_instruments(const InstrumentsPanel* instruments) { m_instruments = instruments; }

 private:
  // The plot's rect in the window's remaining region, and the view fitted when asked; false
  // without an objective.
  bool place_plot(Frame& frame);
  void handle_input(Frame& frame);
  void request_field(Frame& frame);
  // The loss whose field the canvas shows: the objective, or a run's current mini-batch.
  std::shared_ptr<const Objective> field_objective(const Frame& frame);
  void draw_axes(ImDrawList* draw, const ObjectiveInfo& info) const;
  void draw_critical_points(ImDrawList* draw, const ObjectiveInfo& info);
  // Path lines first; current points, headings and divergence marks over the minima markers.
  void draw_paths(ImDrawList* draw, Frame& frame);
  void draw_heads(ImDrawList* draw);
  void draw_start(ImDrawList* draw, const Frame& frame);
  void draw_legend(ImDrawList* draw, const Frame& frame);
  // "diverged at step N" beside each diverged run's marker, clear of the legend and markers.
  void draw_tags(ImDrawList* draw);
  // Draws one run's path as the strips of it that cross the plot; `levels` (one a point, or
  // none for opaque) are PlaneFade levels, a segment drawn at its end point's.
  void draw_strips(ImDrawList* draw, std::span<const Vec2> points, Rgb colour, float width,
                   std::span<const int> levels = {});
  // A network run's point under the mouse: its readout line, or none.
  std::optional<ReadoutLine> run_point_under(const Frame& frame, ImVec2 mouse) const;
  void draw_readout(const Frame& frame) const;
  // The instruments' learning-rate sweep: a thin path for each of some of its rates.
  // [SECTION] overlays (canvas_overlays.cpp)
  void draw_fan(ImDrawList* draw) const;
  void draw_curvature(ImDrawList* draw, const Frame& frame);
  void draw_gradient_field(ImDrawList* draw, const Frame& frame);
  // The step anatomy of the runs the instruments draw it for: arrows and a key (A).
  void draw_anatomy(ImDrawList* draw, const Frame& frame);
  // Its key, once the runs' legend has its place.
  void draw_anatomy_key(ImDrawList* draw);
  ImVec2 screen(const Vec2& world) const;
  // The plot rect and the box it shows, for the shared axes and readout.
  Plot screen_plot() const;

  enum class Drag { none, pending, start, pan };

  View m_view;
  PixelRect m_plot;
  bool m_fit = true;
  bool m_fit_objective = false;  // the fit asked for forgets the lab's view
  Drag m_drag = Drag::none;
  RunId m_dragged_start = 0;  // whose start is dragged: a run's own, or 0 for the lab's
  Vec2 m_press{0, 0};
  std::shared_ptr<const Objective> m_objective;  // the one the paths were thinned for
  std::uint64_t m_fitted_space = ~0ull;          // the lab's parameter space the view is for
  std::uint64_t m_view_request = ~0ull;          // the lab's view request the view is for
  FieldRequest m_requested;                      // the last field asked of the session
  // Objectives whose fields may show: asked for lately in this parameter space, all of the
  // full loss or all of mini-batches; newest last.
  std::vector<std::shared_ptr<const Objective>> m_recent;
  std::uint64_t m_recent_space = ~0ull;
  bool m_recent_batch = false;
  struct BatchSurface {
    RunId run = 0;
    std::int64_t step = -1;
    Sampling sampling;
    std::shared_ptr<const Objective> base, objective;
    std::unique_ptr<BatchSchedule> schedule;
  } m_batch_surface;
  std::map<RunId, PathCache> m_paths;
  std::vector<ImVec2> m_scratch;  // screen points, reused every frame
  std::optional<PlaneFade> m_fade;  // a network's, this frame
  std::vector<int> m_levels;        // fade levels of one path's points, reused
  struct ShownPath {                // a network run's path as drawn this frame, for the readout
    const RunRow* row;
    std::span<const Vec2> points;
    std::span<const std::size_t> indices;
  };
  std::vector<ShownPath> m_shown;
  struct Head {
    Vec2 at;           // screen position; may lie far outside the plot
    ImVec2 direction;  // unit vector of the last step; zero before the first
    Rgb colour;
    std::int64_t diverged_at;  // -1 unless the run diverged there
    float alpha = 1;           // of its fill: fainter off a network's plane
  };
  std::vector<Head> m_heads;
  struct Tag {
    ImVec2 anchor;    // the marker's centre
    float clearance;  // the marker's half size
    Rgb colour;
    std::string text;
  };
  std::vector<Tag> m_tags;  // placed after the legend, which they must not hide behind
  // Screen boxes a tag must not cover: the legend, markers and tags already placed.
  std::vector<std::pair<ImVec2, ImVec2>> m_obstacles;
  ScreenBox m_legend_box{{0, 0}, {0, 0}};
  std::vector<std::pair<Rgb, std::string>> m_anatomy_key;  // this frame's arrows, by colour
  std::vector<ScreenBox> m_tag_boxes;
  std::vector<ImVec2> m_strip;
  // The legend goes to the plot corner with the fewest path points under it.
  std::vector<std::string> m_legend_labels;
  ImVec2 m_legend_size{0, 0};
  float m_legend_scale = 1;  // of the text, on a canvas too small for the legend at full size
  int m_corner_load[4] = {0, 0, 0, 0};
  ImVec2 legend_corner(int corner) const;
  // Counts a point against every corner whose legend would hide it.
  void weigh_for_legend(ImVec2 p, int weight);
  const InstrumentsPanel* m_instruments = nullptr;
};

}  // namespace descent::ui
