#include "canvas.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <optional>

#include "fit_text.hpp"
#include "instruments_panel.hpp"
#include "network_slice.hpp"
#include "network_text.hpp"
#include "plot.hpp"
#include "readout_text.hpp"
#include "rounded.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr ImU32 kMarker = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kOutline = IM_COL32(0, 0, 0, 255);
constexpr double kFieldMargin = 0.15;  // sampled beyond the visible box, so small pans need no wait
constexpr int kMaxFieldSide = 2560;
constexpr std::size_t kMostStripPoints = 8192;  // at 4 vertices a point, half of 65,536

bool covers(const Box& outer, const Box& inner) {
  return outer.x_min <= inner.x_min && outer.x_max >= inner.x_max && outer.y_min <= inner.y_min &&
         outer.y_max >= inner.y_max;
}

ImVec2 im(const Vec2& v) {
  return {static_cast<float>(v.x()), static_cast<float>(v.y())};
}

void star(ImDrawList* d, ImVec2 c, float r) {
  ImVec2 points[10];
  for (int i = 0; i < 10; ++i) {
    float a = -std::numbers::pi_v<float> / 2 + i * std::numbers::pi_v<float> / 5;
    float radius = i % 2 ? r * 0.45f : r;
    points[i] = {c.x + radius * std::cos(a), c.y + radius * std::sin(a)};
  }
  d->AddConvexPolyFilled(points, 10, kMarker);  // concave, but ImGui fills it well enough
  for (int i = 0; i < 5; ++i)                   // fill the inner pentagon the convex fill may miss
    d->AddTriangleFilled(c, points[(2 * i + 1) % 10], points[(2 * i + 3) % 10], kMarker);
  d->AddPolyline(points, 10, kOutline, ImDrawFlags_Closed, std::max(1.f, r * 0.15f));
}

ImU32 with_alpha(ImU32 c, float alpha) {
  const auto a = static_cast<ImU32>(static_cast<float>((c >> IM_COL32_A_SHIFT) & 0xFF) * alpha);
  return (c & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace

ImVec2 CanvasPanel::screen(const Vec2& world) const {
  return im(m_view.to_screen(world, m_plot));
}

Plot CanvasPanel::screen_plot() const {
  const Box visible = m_view.visible(m_plot);
  Plot plot;
  plot.lo = im(Vec2(m_plot.x, m_plot.y));
  plot.hi = im(Vec2(m_plot.x + m_plot.width, m_plot.y + m_plot.height));
  plot.x0 = visible.x_min, plot.x1 = visible.x_max;
  plot.y0 = visible.y_min, plot.y1 = visible.y_max;
  return plot;
}

bool CanvasPanel::place_plot(Frame& frame) {
  const auto& objective = frame.lab.objective();
  if (!objective) return false;
  const ObjectiveInfo& info = objective->info();
  ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  const Plot layout = Plot::layout(origin, avail, "-0.000");
  m_plot = {layout.lo.x, layout.lo.y, layout.width(), layout.height()};
  if (objective != m_objective) {
    m_objective = objective;
    m_paths.clear();
  }
  if (frame.lab.parameter_space() != m_fitted_space || frame.lab.view_request() != m_view_request) {
    m_fitted_space = frame.lab.parameter_space();
    m_view_request = frame.lab.view_request();
    m_fit = true;  // other data for the same model keeps the view the user chose
  }
  if (m_fit_objective) frame.lab.set_view(std::nullopt);
  if (m_fit) m_view.fit(frame.lab.view().value_or(info.view), m_plot);
  m_fit = m_fit_objective = false;
  return true;
}

void CanvasPanel::follow(Frame& frame) {
  if (place_plot(frame)) request_field(frame);
}

void CanvasPanel::draw(Frame& frame, const FieldImage& image) {
  if (!place_plot(frame)) return;
  const ObjectiveInfo& info = frame.lab.objective()->info();
  const float font = ImGui::GetFontSize();
  ImGui::SetCursorScreenPos(im(Vec2(m_plot.x, m_plot.y)));
  ImGui::InvisibleButton(
      "plot", ImVec2(static_cast<float>(m_plot.width), static_cast<float>(m_plot.height)),
      ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  handle_input(frame);
  request_field(frame);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImVec2 lo = im(Vec2(m_plot.x, m_plot.y)),
         hi = im(Vec2(m_plot.x + m_plot.width, m_plot.y + m_plot.height));
  draw->PushClipRect(lo, hi, true);
  if (image.texture)
    draw->AddImage(image.texture, lo, hi, ImVec2(0, 1), ImVec2(1, 0));  // GL rows go up
  else
    draw->AddRectFilled(lo, hi, PlotColours::current().background);
  // The legend's size first: the paths count how much of them each corner would hide.
  const float pad = font * 0.4f;
  m_legend_labels.clear();
  float label_width = 0;
  for (const RunRow& row : frame.rows) {
    std::string label = frame.label(*row.run);
    if (!row.run->visible) label += " (hidden)";
    if (row.view && row.shown == row.view->trajectory->size()) {
      const Trajectory& t = *row.view->trajectory;
      if (t.status() == RunStatus::diverged)
        label += " - diverged at step " + std::to_string(t.status_step());
      else if (t.status() == RunStatus::failed)
        label += " - failed at step " + std::to_string(t.status_step()) + ": " + t.error();
    }
    label_width = std::max(label_width, ImGui::CalcTextSize(label.c_str()).x);
    m_legend_labels.push_back(std::move(label));
  }
  // On a small canvas (a GIF, large text) the legend's text shrinks, to 60% at least, so that it
  // covers at most about 70% of the plot's width and half its height; what still does not fit is
  // cut.
  const ImVec2 natural{
      label_width + font * 1.6f + pad * 3,
      static_cast<float>(m_legend_labels.size()) * ImGui::GetTextLineHeight() * 1.1f + pad * 2};
  m_legend_scale = std::clamp(std::min(static_cast<float>(m_plot.width) * 0.7f / natural.x,
                                       static_cast<float>(m_plot.height) * 0.5f / natural.y),
                              0.6f, 1.f);
  m_legend_size = {std::min(natural.x * m_legend_scale, static_cast<float>(m_plot.width) - pad * 2),
                   natural.y * m_legend_scale};
  m_obstacles.clear();
  m_tags.clear();
  m_tag_boxes.clear();
  m_legend_box = {{0, 0}, {0, 0}};
  if (gradient_field_shown) draw_gradient_field(draw, frame);
  draw_fan(draw);
  draw_paths(draw, frame);
  if (curvature_shown) draw_curvature(draw, frame);
  draw_critical_points(draw, info);
  draw_heads(draw);
  draw_anatomy(draw, frame);
  draw_start(draw, frame);
  draw_legend(draw, frame);
  draw_anatomy_key(draw);
  draw_tags(draw);
  draw_readout(frame);
  draw->PopClipRect();
  draw->AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Border));
  draw_axes(draw, info);
}

// [SECTION] input
void CanvasPanel::handle_input(Frame& frame) {
  ImGuiIO& io = ImGui::GetIO();
  Vec2 mouse(io.MousePos.x, io.MousePos.y);
  bool hovered = ImGui::IsItemHovered();
  // The start marker under the mouse: a run's own (drawn on top), else the lab's; 0 for the lab.
  const double reach = ImGui::GetFontSize() * 0.9;
  std::optional<RunId> over;
  if (hovered && (mouse - m_view.to_screen(frame.lab.start(), m_plot)).norm() <= reach) over = 0;
  for (const LabRun& run : frame.lab.runs())
    if (hovered && run.start && run.visible &&
        (mouse - m_view.to_screen(*run.start, m_plot)).norm() <= reach)
      over = run.id;
  // A network starts from all its parameters: a point of its plane cannot say where, so a
  // click or a drag pans.
  const auto* model = std::get_if<ModelSpec>(&frame.lab.objective_spec());
  const bool network = model && frame.lab.objective()->network_slice();
  if (network) {
    if (over == RunId{0} && m_drag == Drag::none)
      tooltip(cat("Where the network starts (", network_start_text(*model),
                  "), on the plane through it. Its start is all its parameters: it is not "
                  "moved here.")
                  .c_str());
    over.reset();
  }

  bool moved_view = false;
  if (ImGui::IsItemActivated()) {
    m_press = mouse;
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && !network) {
      m_drag = over ? Drag::start : Drag::pending;
      m_dragged_start = over.value_or(0);
    } else {
      m_drag = Drag::pan;
    }
  }
  if (ImGui::IsItemActive()) {
    if (m_drag == Drag::pending && (mouse - m_press).norm() > io.MouseDragThreshold) {
      m_drag = Drag::pan;
      m_view.pan(mouse - m_press);  // the movement made while it was only a click
      moved_view = true;
    } else if (m_drag == Drag::pan) {
      m_view.pan(Vec2(io.MouseDelta.x, io.MouseDelta.y));
      moved_view = io.MouseDelta.x != 0 || io.MouseDelta.y != 0;
    } else if (m_drag == Drag::start) {
      const Vec2 to = m_view.to_world(mouse, m_plot);
      if (m_dragged_start == 0)
        frame.lab.set_start(to);
      else if (frame.lab.find(m_dragged_start))
        frame.lab.set_run_start(m_dragged_start, to);
    }
  }
  if (ImGui::IsItemDeactivated()) {
    if (m_drag == Drag::pending) {
      const Vec2 at = m_view.to_world(m_press, m_plot);
      const LabRun* mapped = m_instruments ? m_instruments->run(frame) : nullptr;
      if (mapped && m_instruments->basin_at(at)) {  // a basin map's click: that start's run
        // As the map ran it: full batch, no noise.
        const OptimizerSpec spec = mapped->spec;
        const RunId id = frame.lab.add_run(spec);
        frame.lab.set_run_start(id, at);
        frame.lab.set_label(
            id, cat(run_label(spec), " from (", rounded(at.x()), ", ", rounded(at.y()), ")"));
        frame.refresh();  // the lab's runs moved: the rows must not point at the old ones
      } else {
        frame.lab.set_start(at);
      }
    }
    m_drag = Drag::none;
  }
  if (hovered && io.MouseWheel != 0 && !io.KeyCtrl) {  // Ctrl+wheel: the text size
    m_view.zoom_at(mouse, std::pow(1.2, io.MouseWheel), m_plot);
    moved_view = true;
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) request_fit();
  if (moved_view) frame.lab.set_view(m_view.fitted(m_plot));

  if (m_drag == Drag::start || (m_drag == Drag::none && over))
    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
  else if (m_drag == Drag::pan)
    ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeAll);
  if (over && m_drag == Drag::none) {
    const LabRun* run = *over ? frame.lab.find(*over) : nullptr;
    tooltip(run ? ("Where " + frame.label(*run) + " starts: drag to move it").c_str()
                : "Drag to move the start; every path that has no start of its own follows");
  }
}

std::shared_ptr<const Objective> CanvasPanel::field_objective(const Frame& frame) {
  const auto& objective = frame.lab.objective();
  const LabRun* run = frame.batch_surface ? frame.lab.find(*frame.batch_surface) : nullptr;
  if (!run || run->sampling.batch == 0 || objective->sample_count() == 0) return objective;
  // The batch that moves the run from the shown step on: recomputed only when that changes.
  // The schedule stays while the run's batches do: a step within an epoch costs a batch.
  BatchSurface& b = m_batch_surface;
  if (b.run != run->id || !(b.sampling == run->sampling) || b.base != objective) {
    b = {run->id,
         -1,
         run->sampling,
         objective,
         nullptr,
         std::make_unique<BatchSchedule>(objective->sample_count(), run->sampling.batch,
                                         run->sampling.seed)};
  }
  if (b.step != frame.shown_step) {
    b.step = frame.shown_step;
    b.objective = objective->restricted(b.schedule->batch(frame.shown_step));
  }
  return b.objective;
}

void CanvasPanel::request_field(Frame& frame) {
  const auto objective = field_objective(frame);
  const double fb = ImGui::GetIO().DisplayFramebufferScale.x;
  Box visible = m_view.visible(m_plot);
  const double sample = m_view.scale / fb;  // world units per framebuffer pixel
  bool stale = m_requested.objective != objective || !covers(m_requested.box, visible) ||
               m_recent_space != frame.lab.parameter_space();
  if (!stale) {
    double requested = (m_requested.box.x_max - m_requested.box.x_min) / m_requested.width;
    stale = requested > sample * 1.3 || requested < sample / 1.6;
  }
  if (!stale) return;
  double mx = (visible.x_max - visible.x_min) * kFieldMargin,
         my = (visible.y_max - visible.y_min) * kFieldMargin;
  Box box{visible.x_min - mx, visible.x_max + mx, visible.y_min - my, visible.y_max + my};
  double w = (box.x_max - box.x_min) / sample, h = (box.y_max - box.y_min) / sample;
  double shrink = std::max({1.0, w / kMaxFieldSide, h / kMaxFieldSide});
  // Fields of another parameter space must not show any more, nor those of the full loss when
  // a mini-batch's is asked for, or the other way round. The same kind at another step, box
  // or over other data may, until the new one arrives.
  const bool batch = objective != frame.lab.objective();
  if (m_recent_space != frame.lab.parameter_space() || batch != m_recent_batch) m_recent.clear();
  m_recent_space = frame.lab.parameter_space();
  m_recent_batch = batch;
  if (m_recent.empty() || m_recent.back() != objective) m_recent.push_back(objective);
  if (m_recent.size() > 8) m_recent.erase(m_recent.begin());
  m_requested = {objective, box, std::max(2, static_cast<int>(w / shrink)),
                 std::max(2, static_cast<int>(h / shrink))};
  frame.lab.session().request_field(m_requested);
}

std::shared_ptr<const FieldGrid> CanvasPanel::shown_field(const Lab& lab) const {
  auto field = lab.session().field();
  // Until the next draw asks for a field of a new parameter space, m_recent names old ones.
  if (!field || m_recent_space != lab.parameter_space() ||
      std::find(m_recent.begin(), m_recent.end(), field->objective) == m_recent.end())
    return nullptr;
  return field;
}

// [SECTION] drawing
void CanvasPanel::draw_axes(ImDrawList* draw, const ObjectiveInfo& info) const {
  const Plot plot = screen_plot();
  plot.draw_x_ticks(draw, plot.x_ticks(), TickStyle::marks);
  plot.draw_y_ticks(draw, plot.y_ticks(), TickStyle::marks);
  // Long names (a network's plane) cut at a word rather than run past the plot.
  const float room = plot.width() - ImGui::GetFontSize() * 2;
  auto measure = [](std::string_view s) {
    return ImGui::CalcTextSize(s.data(), s.data() + s.size()).x;
  };
  plot.axis_names(draw, fit_text(info.x_label, room, measure).c_str(),
                  fit_text(info.y_label, room, measure).c_str());
}

void CanvasPanel::draw_critical_points(ImDrawList* draw, const ObjectiveInfo& info) {
  const float r = ImGui::GetFontSize() * 0.5f;
  Vec2 mouse(ImGui::GetIO().MousePos.x, ImGui::GetIO().MousePos.y);
  for (const auto& c : info.critical_points) {
    ImVec2 p = screen(c.at);
    weigh_for_legend(p, 40);  // hiding a minimum is worse than hiding a stretch of path
    m_obstacles.push_back({{p.x - r, p.y - r}, {p.x + r, p.y + r}});
    switch (c.kind) {
      case PointKind::global_min:
        star(draw, p, r);
        break;
      case PointKind::local_min:
        draw->AddCircle(p, r * 0.6f, kOutline, 0, r * 0.45f);
        draw->AddCircle(p, r * 0.6f, kMarker, 0, r * 0.22f);
        break;
      case PointKind::saddle:
        for (float s : {1.f, -1.f}) {
          draw->AddLine({p.x - r * 0.6f, p.y - s * r * 0.6f}, {p.x + r * 0.6f, p.y + s * r * 0.6f},
                        kOutline, r * 0.45f);
          draw->AddLine({p.x - r * 0.6f, p.y - s * r * 0.6f}, {p.x + r * 0.6f, p.y + s * r * 0.6f},
                        kMarker, r * 0.22f);
        }
        break;
    }
    if (ImGui::IsItemHovered() && (mouse - Vec2(p.x, p.y)).norm() < r) {
      char text[160];
      std::snprintf(text, sizeof text, "%s at (%.6g, %.6g)\nf = %.6g", to_string(c.kind), c.at.x(),
                    c.at.y(), c.value);
      ImGui::SetTooltip("%s", text);
    }
  }
}

ImVec2 CanvasPanel::legend_corner(int corner) const {
  const float margin = ImGui::GetFontSize() * 0.8f;
  float left = static_cast<float>(m_plot.x) + margin,
        right = static_cast<float>(m_plot.x + m_plot.width) - m_legend_size.x - margin;
  float top = static_cast<float>(m_plot.y) + margin * 1.6f,
        bottom = static_cast<float>(m_plot.y + m_plot.height) - m_legend_size.y - margin * 2.2f;
  switch (corner) {
    case 0:
      return {right, top};  // preferred: clear of the axis names
    case 1:
      return {left, top + margin * 1.2f};
    case 2:
      return {right, bottom};
    default:
      return {left, bottom};
  }
}

void CanvasPanel::weigh_for_legend(ImVec2 p, int weight) {
  for (int c = 0; c < 4; ++c) {
    ImVec2 at = legend_corner(c);
    if (p.x >= at.x && p.x <= at.x + m_legend_size.x && p.y >= at.y &&
        p.y <= at.y + m_legend_size.y)
      m_corner_load[c] += weight;
  }
}

void CanvasPanel::draw_strips(ImDrawList* draw, std::span<const Vec2> points, Rgb rgb, float width,
                              std::span<const int> levels) {
  const float font = ImGui::GetFontSize();
  const ImU32 halo = halo_for(rgb);
  const Vec2 lo(m_plot.x - font, m_plot.y - font),
      hi(m_plot.x + m_plot.width + font, m_plot.y + m_plot.height + font);
  int level = PlaneFade::kLevels - 1;  // a strip is drawn at one level
  auto flush = [&] {
    const float alpha = levels.empty() ? 1.f : PlaneFade::level_alpha(level);
    Plot::line(draw, m_strip, colour(rgb, alpha), width, with_alpha(halo, alpha));
    m_strip.clear();
  };
  Vec2 previous = m_view.to_screen(points[0], m_plot);
  for (std::size_t i = 1; i < points.size(); ++i) {
    Vec2 next = m_view.to_screen(points[i], m_plot);
    if (auto piece = clip_segment(previous, next, lo, hi)) {
      ImVec2 from = im(piece->first), to = im(piece->second);
      if (!levels.empty() && levels[i] != level) {
        flush();
        level = levels[i];
      }
      if (m_strip.empty() || m_strip.back().x != from.x || m_strip.back().y != from.y) {
        flush();
        m_strip.push_back(from);
      }
      m_strip.push_back(to);
      weigh_for_legend(to, 1);
      // ImGui indexes a command's vertices with 16 bits, and a thick polyline takes up to 4 a
      // point: a longer one would wrap back to its start and garble what is drawn after it.
      if (m_strip.size() >= kMostStripPoints) {
        flush();
        m_strip.push_back(to);
      }
    } else {
      flush();
    }
    previous = next;
  }
  flush();
}

void CanvasPanel::draw_paths(ImDrawList* draw, Frame& frame) {
  const float font = ImGui::GetFontSize();
  m_heads.clear();
  m_shown.clear();
  std::fill(std::begin(m_corner_load), std::end(m_corner_load), 0);
  std::erase_if(m_paths, [&](const auto& entry) { return !frame.lab.find(entry.first); });
  // A network's paths fade with their distance from the plane, against the view's width.
  m_fade.reset();
  if (const NetworkSlice* slice = frame.lab.objective()->network_slice()) {
    const Box visible = m_view.visible(m_plot);
    m_fade = PlaneFade{plane_reach(*slice->plane(), visible.x_max - visible.x_min)};
  }
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible || row.shown == 0) continue;
    // Points closer than 1.5 pixels add nothing visible to a line 3 pixels wide.
    PathCache& cache = m_paths[row.run->id];
    auto points = cache.update(row.view->trajectory, row.shown, m_view.scale * 1.5);
    const float width = font * (frame.highlighted == row.run->id ? 0.26f : 0.16f);
    const Trajectory& path = *row.view->trajectory;
    m_levels.clear();
    if (m_fade && path.has_distances()) {
      for (std::size_t i : cache.indices()) m_levels.push_back(m_fade->level(path.distance(i)));
      m_shown.push_back({&row, points, cache.indices()});
    }
    if (points.size() > 1) draw_strips(draw, points, row.run->colour, width, m_levels);
    // The heading: the direction of the last step at least a pixel long.
    Head head{m_view.to_screen(points.back(), m_plot), {0, 0}, row.run->colour, -1};
    for (std::size_t k = points.size() - 1; k-- > 0;) {
      Vec2 d = head.at - m_view.to_screen(points[k], m_plot);
      if (d.norm() >= 1) {
        d.normalize();
        head.direction = im(d);
        break;
      }
    }
    const Trajectory& t = *row.view->trajectory;
    if (t.status() == RunStatus::diverged && row.shown == t.size())
      head.diverged_at = t.status_step();
    if (!m_levels.empty()) head.alpha = PlaneFade::level_alpha(m_levels.back());
    m_heads.push_back(head);
  }
}

void CanvasPanel::draw_heads(ImDrawList* draw) {
  const float font = ImGui::GetFontSize(), r = font * 0.32f, edge = std::max(1.f, font * 0.08f);
  for (const Head& h : m_heads) {
    const ImU32 fill = colour(h.colour, h.alpha), outline = colour(contrasting(h.colour));
    char text[64];
    std::snprintf(text, sizeof text, "diverged at step %lld",
                  static_cast<long long>(h.diverged_at));
    if (!m_plot.contains(h.at)) {
      // Off the plot (panned away, or thrown far by divergence): an arrow on the edge, pointing
      // to it.
      Vec2 c = m_plot.centre(), d = h.at - c;
      double reach = std::min(std::abs((m_plot.width / 2 - r * 2) / d.x()),
                              std::abs((m_plot.height / 2 - r * 2) / d.y()));
      Vec2 at = c + d * std::min(reach, 1.0);
      Vec2 u = d.normalized(), n(-u.y(), u.x());
      ImVec2 tip = im(at + u * (r * 1.6)), a = im(at - u * (r * 1.2) + n * (r * 1.3)),
             b = im(at - u * (r * 1.2) - n * (r * 1.3));
      draw->AddTriangleFilled(tip, a, b, fill);
      draw->AddTriangle(tip, a, b, outline, edge);
      m_obstacles.push_back(
          {{im(at).x - r * 1.6f, im(at).y - r * 1.6f}, {im(at).x + r * 1.6f, im(at).y + r * 1.6f}});
      if (h.diverged_at >= 0) m_tags.push_back({im(at), r * 1.8f, h.colour, text});
      continue;
    }
    ImVec2 at = im(h.at);
    if (h.direction.x != 0 || h.direction.y != 0) {
      float dx = h.direction.x, dy = h.direction.y;
      ImVec2 tip{at.x + dx * r * 2.6f, at.y + dy * r * 2.6f};
      ImVec2 a{at.x + dx * r * 0.8f - dy * r * 0.9f, at.y + dy * r * 0.8f + dx * r * 0.9f};
      ImVec2 b{at.x + dx * r * 0.8f + dy * r * 0.9f, at.y + dy * r * 0.8f - dx * r * 0.9f};
      draw->AddTriangleFilled(tip, a, b, fill);
      draw->AddTriangle(tip, a, b, outline, edge);
    }
    draw->AddCircleFilled(at, r, fill);
    draw->AddCircle(at, r, outline, 0, edge);
    m_obstacles.push_back({{at.x - r * 1.6f, at.y - r * 1.6f}, {at.x + r * 1.6f, at.y + r * 1.6f}});
    if (h.diverged_at >= 0) {
      float s = r * 1.6f;
      for (float sign : {1.f, -1.f}) {
        draw->AddLine({at.x - s, at.y - sign * s}, {at.x + s, at.y + sign * s}, outline,
                      font * 0.3f);
        draw->AddLine({at.x - s, at.y - sign * s}, {at.x + s, at.y + sign * s}, fill, font * 0.16f);
      }
      m_tags.push_back({at, s * 1.2f, h.colour, text});
    }
  }
}

void CanvasPanel::draw_start(ImDrawList* draw, const Frame& frame) {
  // White with a black ring and centre: no run wears white, so it is never taken for a run.
  const float r = ImGui::GetFontSize() * 0.42f, ring = std::max(2.f, r * 0.25f);
  ImVec2 p = screen(frame.lab.start());
  weigh_for_legend(p, 40);
  draw->AddCircleFilled(p, r + ring, kOutline);
  draw->AddCircleFilled(p, r, kMarker);
  draw->AddCircleFilled(p, r * 0.4f, kOutline);
  m_obstacles.push_back({{p.x - r - ring, p.y - r - ring}, {p.x + r + ring, p.y + r + ring}});
  // A run with a start of its own: a diamond in its colour, never mistaken for the lab's.
  for (const LabRun& run : frame.lab.runs()) {
    if (!run.start || !run.visible) continue;
    ImVec2 c = screen(*run.start);
    weigh_for_legend(c, 40);
    const float d = r * 1.3f;
    const ImVec2 outer[4] = {
        {c.x, c.y - d - ring}, {c.x + d + ring, c.y}, {c.x, c.y + d + ring}, {c.x - d - ring, c.y}};
    const ImVec2 inner[4] = {{c.x, c.y - d}, {c.x + d, c.y}, {c.x, c.y + d}, {c.x - d, c.y}};
    draw->AddConvexPolyFilled(outer, 4, kOutline);
    draw->AddConvexPolyFilled(inner, 4, colour(run.colour));
    draw->AddCircleFilled(c, r * 0.35f, kOutline);
    m_obstacles.push_back({{c.x - d - ring, c.y - d - ring}, {c.x + d + ring, c.y + d + ring}});
  }
}

void CanvasPanel::draw_legend(ImDrawList* draw, const Frame& frame) {
  if (frame.rows.empty()) return;
  const float font = ImGui::GetFontSize() * m_legend_scale, pad = font * 0.4f, swatch = font * 1.6f;
  const float line = ImGui::GetTextLineHeight() * 1.1f * m_legend_scale;
  int corner = 0;
  for (int c = 1; c < 4; ++c)
    if (m_corner_load[c] < m_corner_load[corner]) corner = c;
  ImVec2 lo = legend_corner(corner);
  const ImVec2 hi{lo.x + m_legend_size.x, lo.y + m_legend_size.y};
  const PlotColours colours = PlotColours::current();
  draw->AddRectFilled(lo, hi, colours.backdrop, pad);
  draw->AddRect(lo, hi, colours.border, pad);
  m_obstacles.push_back({lo, hi});
  m_legend_box = {lo, hi};
  draw->PushClipRect(lo, hi, true);
  for (std::size_t i = 0; i < m_legend_labels.size(); ++i) {
    const LabRun& run = *frame.rows[i].run;
    float y = lo.y + pad + static_cast<float>(i) * line;
    float alpha = run.visible ? 1.f : 0.4f;
    const ImVec2 a{lo.x + pad, y + line * 0.45f}, b{lo.x + pad + swatch, y + line * 0.45f};
    if (ImU32 o = outline_for(run.colour, colours.background_rgb))
      draw->AddLine(a, b, o, font * 0.4f);
    draw->AddLine(a, b, colour(run.colour, alpha), font * 0.25f);
    ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    text.w *= alpha;
    draw->AddText(ImGui::GetFont(), font, {lo.x + pad * 2 + swatch, y}, ImGui::GetColorU32(text),
                  m_legend_labels[i].c_str());
  }
  draw->PopClipRect();
}

void CanvasPanel::draw_tags(ImDrawList* draw) {
  // Beside its marker where it covers neither the legend, nor a marker, nor another tag: the
  // first free place of those tried, else the one covering least.
  const float font = ImGui::GetFontSize(), inset = font * 0.25f;
  const ImVec2 plot_lo = im(Vec2(m_plot.x, m_plot.y)),
               plot_hi = im(Vec2(m_plot.x + m_plot.width, m_plot.y + m_plot.height));
  const Rgb backdrop = PlotColours::current().background_rgb;
  auto overlap = [](ImVec2 alo, ImVec2 ahi, ImVec2 blo, ImVec2 bhi) {
    float w = std::min(ahi.x, bhi.x) - std::max(alo.x, blo.x),
          h = std::min(ahi.y, bhi.y) - std::max(alo.y, blo.y);
    return w > 0 && h > 0 ? w * h : 0.f;
  };
  for (const Tag& tag : m_tags) {
    const ImVec2 size = ImGui::CalcTextSize(tag.text.c_str());
    const ImVec2 p = tag.anchor;
    const float c = tag.clearance + inset;
    // Beside the marker first, then further up and down the same sides, a row at a time.
    const float step = size.y + inset * 2;
    std::array<ImVec2, 4 + 8 * 4> candidates{{{p.x + c, p.y - size.y / 2},
                                              {p.x - c - size.x, p.y - size.y / 2},
                                              {p.x - size.x / 2, p.y - c - size.y},
                                              {p.x - size.x / 2, p.y + c}}};
    std::size_t n = 4;
    for (int k = 1; k <= 8; ++k)
      for (float sign : {1.f, -1.f})
        for (float x : {p.x + c, p.x - c - size.x})
          candidates[n++] = {x, p.y - size.y / 2 + sign * static_cast<float>(k) * step};
    ImVec2 best = candidates[0];
    float best_cover = -1;
    for (ImVec2 at : candidates) {
      at.x = std::clamp(at.x, plot_lo.x + inset,
                        std::max(plot_lo.x + inset, plot_hi.x - size.x - inset));
      at.y = std::clamp(at.y, plot_lo.y + inset,
                        std::max(plot_lo.y + inset, plot_hi.y - size.y - inset));
      const ImVec2 lo{at.x - inset, at.y - inset}, hi{at.x + size.x + inset, at.y + size.y + inset};
      float cover = 0;
      for (const auto& [olo, ohi] : m_obstacles) cover += overlap(lo, hi, olo, ohi);
      if (best_cover < 0 || cover < best_cover) best = at, best_cover = cover;
      if (cover == 0) break;
    }
    m_obstacles.push_back(
        {{best.x - inset, best.y - inset}, {best.x + size.x + inset, best.y + size.y + inset}});
    m_tag_boxes.push_back({best, {best.x + size.x, best.y + size.y}});
    label_with_backdrop(draw, best, readable_text(tag.colour, backdrop), tag.text.c_str());
  }
}

void CanvasPanel::draw_readout(const Frame& frame) const {
  if (!ImGui::IsItemHovered()) return;
  ImVec2 mouse = ImGui::GetIO().MousePos;
  Vec2 p = m_view.to_world(Vec2(mouse.x, mouse.y), m_plot);
  const Objective& objective = *frame.lab.objective();
  FieldReading reading{parameter_name(objective.info().x_label),
                       parameter_name(objective.info().y_label), p};
  reading.on_plane = objective.network_slice() != nullptr;
  if (objective.gradient_cost() <= 2e5) {
    ValueGradient e = objective.value_gradient(p);
    reading.value = e.value;
    reading.gradient_norm = e.gradient.norm();
  } else {
    // A loss over so many samples costs too much to evaluate every frame: read the field.
    auto field = shown_field(frame.lab);
    double f = std::nan("");
    if (field && field->box.contains(p)) {
      int i = std::clamp(static_cast<int>((p.x() - field->box.x_min) /
                                          (field->box.x_max - field->box.x_min) * field->width),
                         0, field->width - 1);
      int j = std::clamp(static_cast<int>((p.y() - field->box.y_min) /
                                          (field->box.y_max - field->box.y_min) * field->height),
                         0, field->height - 1);
      f = field->at(i, j);
    }
    reading.value = f;  // NaN: not sampled yet
    reading.approximate = true;
  }
  std::vector<ReadoutLine> lines{{field_readout(reading, grad_norm_symbol()), std::nullopt}};
  if (auto run = run_point_under(frame, mouse)) lines.push_back(std::move(*run));
  if (m_instruments)
    if (const auto outcome = m_instruments->basin_at(p))
      lines.push_back({m_instruments->basin_text(*outcome), std::nullopt});
  hover_readout(screen_plot(), mouse, lines);
}

std::optional<ReadoutLine> CanvasPanel::run_point_under(const Frame& frame, ImVec2 mouse) const {
  if (!m_fade || m_shown.empty()) return std::nullopt;
  // The nearest point drawn within half a font of the mouse; a current marker first.
  const Vec2 at(mouse.x, mouse.y);
  const double near = ImGui::GetFontSize() * 0.5;
  const ShownPath* best = nullptr;
  std::size_t best_point = 0;
  double best_distance = near;
  for (const ShownPath& path : m_shown) {
    const double d = (m_view.to_screen(path.points.back(), m_plot) - at).norm();
    if (d < best_distance) best = &path, best_point = path.points.size() - 1, best_distance = d;
  }
  if (!best)
    for (const ShownPath& path : m_shown)
      for (std::size_t k = 0; k < path.points.size(); ++k) {
        const double d = (m_view.to_screen(path.points[k], m_plot) - at).norm();
        if (d < best_distance) best = &path, best_point = k, best_distance = d;
      }
  if (!best) return std::nullopt;
  const Trajectory& t = *best->row->view->trajectory;
  const std::size_t i = best->indices[best_point];
  return ReadoutLine{run_point_readout(frame.label(*best->row->run), t.step(i), t[i].loss,
                                       t.distance(i), m_fade->reach * 1e-4),
                     best->row->run->colour};
}

}  // namespace descent::ui
