#include "surface_view.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "plot.hpp"
#include "rounded.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr float kLift = 0.006f;                 // paths above the surface, in scene units
constexpr std::size_t kMostPathPoints = 60000;  // lifted points a path, at most
constexpr double kPathSpacing = 1.0 / 1200;     // thinning, in view widths

// FNV-1a over the bytes of each value: whether what the paths are made from changed.
class Signature {
 public:
  template <class T>
  void add(const T& value) {
    unsigned char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    for (unsigned char b : bytes) m_hash = (m_hash ^ b) * 1099511628211ull;
  }
  std::uint64_t value() const { return m_hash; }

 private:
  std::uint64_t m_hash = 14695981039346656037ull;
};

Rgb rgb(ImU32 c) {
  return {static_cast<std::uint8_t>(c >> IM_COL32_R_SHIFT & 0xFF),
          static_cast<std::uint8_t>(c >> IM_COL32_G_SHIFT & 0xFF),
          static_cast<std::uint8_t>(c >> IM_COL32_B_SHIFT & 0xFF)};
}

}  // namespace

void SurfacePanel::toggle(bool beside) {
  const Shown wanted = beside ? Shown::beside : Shown::alone;
  shown = shown == wanted ? Shown::off : wanted;
}

std::string SurfacePanel::height_caption() const {
  std::string text =
      log_height ? "height: log(f - min + ε), ε = 1e-5 of the range" : "height: f (linear)";
  if (const auto& mesh = m_scene.mesh; mesh && mesh->map.capped)
    text += cat("; capped at f = ", rounded(mesh->map.hi));
  return text;
}

void SurfacePanel::draw(Frame& frame, const CanvasPanel& canvas, ImTextureID image) {
  if (!frame.lab.objective()) return;
  const float font = ImGui::GetFontSize();
  // The controls' line, then the image in the rest of the region.
  if (ImGui::Checkbox("Log height (L)", &log_height)) m_signature = 0;
  tooltip(
      "Heights from log(f - min + ε) instead of f: a deep narrow valley (Rosenbrock's) shows "
      "its floor. The colours stay the canvas's.");
  const std::string caption = height_caption();
  same_line_if_fits(ImGui::CalcTextSize(caption.c_str()).x + font);
  ImGui::TextDisabled("%s", caption.c_str());
  if (m_scene.mesh && m_scene.mesh->map.capped)
    tooltip(
        "Values above the cap (a spike, a runaway corner) are drawn flat at the top, so the "
        "rest of the surface keeps its shape.");

  const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const ImVec2 lo = origin,
               hi{origin.x + std::max(avail.x, 1.f), origin.y + std::max(avail.y, 1.f)};
  m_scene.plot = {lo.x, lo.y, hi.x - lo.x, hi.y - lo.y};
  const PlotColours colours = PlotColours::current();
  m_scene.background = colours.background_rgb;
  m_scene.frame_lines = rgb(colours.dim);
  ImGui::InvisibleButton("surface", ImVec2(hi.x - lo.x, hi.y - lo.y),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  handle_input(lo, hi);
  update_mesh(frame, canvas);
  update_paths(frame);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(lo, hi, true);
  if (image && m_scene.mesh)
    draw->AddImage(image, lo, hi, ImVec2(0, 1), ImVec2(1, 0));  // GL rows go up
  else
    draw->AddRectFilled(lo, hi, colours.background);
  draw_overlay(frame, draw, lo, hi);
  draw->PopClipRect();
  draw->AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Border));
}

// [SECTION] input
void SurfacePanel::handle_input(ImVec2 lo, ImVec2 hi) {
  const ImGuiIO& io = ImGui::GetIO();
  const bool hovered = ImGui::IsItemHovered();
  if (ImGui::IsItemActive()) {
    m_dragging = true;
    // The surface turns with the hand, as a globe does.
    m_scene.camera.orbit(io.MouseDelta.x, io.MouseDelta.y);
  } else {
    m_dragging = false;
  }
  if (hovered && io.MouseWheel != 0 && !io.KeyCtrl) m_scene.camera.wheel(io.MouseWheel);
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) reset_camera();
  if (m_dragging)
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
  else if (hovered && io.MousePos.x >= lo.x && io.MousePos.y <= hi.y)
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
}

// [SECTION] the scene
void SurfacePanel::update_mesh(const Frame& frame, const CanvasPanel& canvas) {
  const auto field = canvas.shown_field(frame.lab);
  const Box box = canvas.view().visible(canvas.plot());
  if (!field) {
    m_scene.mesh.reset();
    m_field.reset();
    return;
  }
  if (field != m_field || !(box == m_box) || log_height != m_mesh_log || !m_scene.mesh) {
    m_field = field;
    m_box = box;
    m_mesh_log = log_height;
    m_scene.mesh =
        build_surface_mesh(*field, box, log_height ? HeightScale::log : HeightScale::linear);
    const SceneFrame& f = m_scene.mesh->frame;
    m_scene.camera.extent =
        Vec3f(static_cast<float>(f.half_x), static_cast<float>(f.half_y), SceneFrame::kSceneHeight);
  }
  m_scene.colour_min = field->min;
  m_scene.colour_max = field->max;
  m_scene.colour_log = frame.lab.contours().log;
  m_scene.levels = frame.lab.contours().levels;
}

void SurfacePanel::update_paths(const Frame& frame) {
  std::erase_if(m_paths, [&](const auto& entry) { return !frame.lab.find(entry.first); });
  const SurfaceMesh* mesh = m_scene.mesh.get();
  Signature s;
  s.add(mesh);
  s.add(ImGui::GetFontSize());
  s.add(frame.highlighted.value_or(0));
  for (const RunRow& row : frame.rows) {
    s.add(row.run->id);
    s.add(row.view ? row.view->trajectory.get() : nullptr);
    s.add(row.shown);
    s.add(row.run->visible);
    s.add(row.run->colour);
    s.add(row.view ? row.view->trajectory->status() : RunStatus::running);
  }
  if (s.value() == m_signature) return;
  m_signature = s.value();
  ++m_scene.revision;
  m_scene.paths.clear();
  m_scene.markers.clear();
  m_legend.clear();
  m_legend_colours.clear();
  if (!mesh) return;
  const float font = ImGui::GetFontSize();
  const Box& box = mesh->frame.box;
  const double spacing = (box.x_max - box.x_min) * kPathSpacing;
  // Minima under the paths' markers: white with a black ring, as on the canvas.
  for (const auto& c : frame.lab.objective()->info().critical_points) {
    if (c.kind == PointKind::saddle) continue;
    const double h = mesh->height_at(c.at);
    if (std::isnan(h)) continue;
    m_scene.markers.push_back({mesh->frame.at(c.at.x(), c.at.y(), h) + Vec3f(0, 0, kLift),
                               Rgb{255, 255, 255}, Rgb{0, 0, 0},
                               font * (c.kind == PointKind::global_min ? 0.55f : 0.45f)});
  }
  for (const RunRow& row : frame.rows) {
    std::string label = frame.label(*row.run);
    const Trajectory* t = row.view ? row.view->trajectory.get() : nullptr;
    if (t && row.shown == t->size() && t->status() == RunStatus::diverged)
      label += cat(" - diverged at step ", t->status_step());
    if (!row.run->visible) label += " (hidden)";
    m_legend.push_back(std::move(label));
    m_legend_colours.push_back(row.run->colour);
    if (!t || !row.run->visible || row.shown == 0) continue;
    PathCache& cache = m_paths[row.run->id];
    const auto points = cache.update(row.view->trajectory, row.shown, spacing);
    if (points.empty()) continue;
    const bool highlighted = frame.highlighted == row.run->id;
    ScenePath path{row.run->colour,
                   contrasting(row.run->colour),
                   font * (highlighted ? 0.26f : 0.16f),
                   1.f,
                   {}};
    lift_path(*mesh, points, kLift, path.points, kMostPathPoints);
    m_scene.paths.push_back(std::move(path));
    // The current point: on the surface where it is inside the box; at the box's edge, faint,
    // where it left it (panned away, or thrown far by divergence).
    Vec2 at = points.back();
    float alpha = 1;
    if (!at.allFinite() || !box.contains(at)) {
      alpha = 0.45f;
      if (!at.allFinite()) {
        // A diverged point: the last finite one shows where the run went.
        auto finite = std::find_if(points.rbegin(), points.rend(),
                                   [](const Vec2& p) { return p.allFinite(); });
        if (finite == points.rend()) continue;
        at = *finite;
      }
      at = Vec2(std::clamp(at.x(), box.x_min, box.x_max), std::clamp(at.y(), box.y_min, box.y_max));
    }
    double h = mesh->height_at(at);
    if (std::isnan(h)) h = mesh->map((*t)[row.shown - 1].loss);
    if (std::isnan(h)) h = 0;
    m_scene.markers.push_back({mesh->frame.at(at.x(), at.y(), h) + Vec3f(0, 0, kLift),
                               row.run->colour, contrasting(row.run->colour),
                               font * (highlighted ? 0.95f : 0.8f), alpha});
  }
}

// [SECTION] drawing over the image
void SurfacePanel::draw_overlay(const Frame& frame, ImDrawList* draw, ImVec2 lo, ImVec2 hi) {
  const float font = ImGui::GetFontSize(), pad = font * 0.4f;
  const PlotColours colours = PlotColours::current();
  if (!m_scene.mesh) {
    const char* text = "Sampling the loss...";
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText({(lo.x + hi.x - size.x) / 2, (lo.y + hi.y - size.y) / 2}, colours.dim, text);
    return;
  }
  if (m_scene.mesh->indices.empty()) {
    const char* text = "No finite loss in this view";
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText({(lo.x + hi.x - size.x) / 2, (lo.y + hi.y - size.y) / 2}, colours.dim, text);
  }
  draw_axis_names(frame, draw);
  // The legend, top right: each run's colour and name, a little smaller than the text so that
  // it hides less of the surface. Beside the canvas, the canvas's legend serves.
  const float scale = 0.85f, small = font * scale;
  float width = 0;
  for (const auto& label : m_legend)
    width = std::max(width, ImGui::CalcTextSize(label.c_str()).x * scale);
  if (!m_legend.empty() && shown != Shown::beside) {
    const float swatch = small * 1.4f, line = ImGui::GetTextLineHeight() * 1.1f * scale;
    const ImVec2 box_hi{hi.x - pad,
                        lo.y + pad + pad * 2 + line * static_cast<float>(m_legend.size())};
    const ImVec2 box_lo{std::max(lo.x + pad, box_hi.x - width - swatch - pad * 3), lo.y + pad};
    draw->AddRectFilled(box_lo, box_hi, colours.backdrop, pad);
    draw->AddRect(box_lo, box_hi, colours.border, pad);
    draw->PushClipRect(box_lo, box_hi, true);
    for (std::size_t i = 0; i < m_legend.size(); ++i) {
      const float y = box_lo.y + pad + static_cast<float>(i) * line;
      const ImVec2 a{box_lo.x + pad, y + line * 0.45f}, b{a.x + swatch, a.y};
      draw->AddLine(a, b, colour(contrasting(m_legend_colours[i])), small * 0.4f);
      draw->AddLine(a, b, colour(m_legend_colours[i]), small * 0.25f);
      draw->AddText(ImGui::GetFont(), small, {b.x + pad, y}, colours.text, m_legend[i].c_str());
    }
    draw->PopClipRect();
  }
  // How to move it, bottom left, always (a class sees it on the projector); on two lines where
  // one does not fit.
  const char* hint = "Drag: orbit   Wheel: zoom   Double-click or F: reset";
  const char* hint_lines = "Drag: orbit   Wheel: zoom\nDouble-click or F: reset";
  if (ImGui::CalcTextSize(hint).x > hi.x - lo.x - pad * 3) hint = hint_lines;
  const ImVec2 size = ImGui::CalcTextSize(hint);
  const ImVec2 at{lo.x + pad, hi.y - size.y - pad};
  draw->AddRectFilled({at.x - pad * 0.5f, at.y - pad * 0.25f},
                      {at.x + size.x + pad * 0.5f, at.y + size.y + pad * 0.25f}, colours.backdrop,
                      pad * 0.5f);
  draw->AddText(at, colours.dim, hint);
}

void SurfacePanel::draw_axis_names(const Frame& frame, ImDrawList* draw) const {
  const SurfaceMesh& mesh = *m_scene.mesh;
  const Box& b = mesh.frame.box;
  const PixelRect& rect = m_scene.plot;
  const double aspect = rect.width / std::max(rect.height, 1.0);
  const Mat4f vp = m_scene.camera.view_projection(aspect);
  const ObjectiveInfo& info = frame.lab.objective()->info();
  const ImU32 text = PlotColours::current().text;
  auto label = [&](double x, double y, const std::string& name) {
    if (auto p = project(vp, mesh.frame.at(x, y, 0), rect)) {
      const ImVec2 size = ImGui::CalcTextSize(name.c_str());
      label_with_backdrop(
          draw, {static_cast<float>(p->x()) - size.x / 2, static_cast<float>(p->y()) - size.y / 2},
          text, name.c_str());
    }
  };
  // Each axis's name and range at the middle of the floor edge nearer the camera.
  const Vec3f eye = m_scene.camera.eye(aspect);
  const double near_y = eye.y() < 0 ? b.y_min : b.y_max, near_x = eye.x() < 0 ? b.x_min : b.x_max;
  label((b.x_min + b.x_max) / 2, near_y,
        cat(parameter_name(info.x_label), " ", rounded(b.x_min), " to ", rounded(b.x_max)));
  label(near_x, (b.y_min + b.y_max) / 2,
        cat(parameter_name(info.y_label), " ", rounded(b.y_min), " to ", rounded(b.y_max)));
}

}  // namespace descent::ui
