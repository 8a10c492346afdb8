// What the canvas lays over the runs for the instruments: the sweep's fan of paths, the
// curvature at each run's point, and the anatomy of a run's step as arrows.
#include <algorithm>
#include <cmath>
#include <string>

#include "anatomy_style.hpp"
#include "canvas.hpp"
#include "curvature.hpp"
#include "instruments_panel.hpp"
#include "plot.hpp"
#include "rounded.hpp"
#include "text.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

ImVec2 im(const Vec2& v) {
  return {static_cast<float>(v.x()), static_cast<float>(v.y())};
}

// A line from a to b in dashes a font size long.
void dashed_line(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 ink, float width, float dash) {
  const float length = std::hypot(b.x - a.x, b.y - a.y);
  for (float t = 0; t < length; t += 2 * dash) {
    const float u = t / length, v = std::min(length, t + dash) / length;
    draw->AddLine({a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u},
                  {a.x + (b.x - a.x) * v, a.y + (b.y - a.y) * v}, ink, width);
  }
}

// An arrow from a to b over a dark halo: its head a triangle, scaled down on a short arrow.
void arrow(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 ink, float width, bool dashed) {
  const float font = ImGui::GetFontSize();
  const float dx = b.x - a.x, dy = b.y - a.y, length = std::hypot(dx, dy);
  if (!(length > 0.5f)) return;
  const float head = std::min(font * 0.55f, length * 0.5f);
  const float ux = dx / length, uy = dy / length;
  const ImVec2 base(b.x - ux * head, b.y - uy * head);
  const ImVec2 left(base.x - uy * head * 0.5f, base.y + ux * head * 0.5f),
      right(base.x + uy * head * 0.5f, base.y - ux * head * 0.5f);
  const ImU32 halo = IM_COL32(0, 0, 0, (ink >> IM_COL32_A_SHIFT) & 0xFF);
  if (dashed) {
    dashed_line(draw, a, base, halo, width + 2.5f, font * 0.45f);
    dashed_line(draw, a, base, ink, width, font * 0.45f);
  } else {
    draw->AddLine(a, base, halo, width + 2.5f);
    draw->AddLine(a, base, ink, width);
  }
  draw->AddTriangleFilled(b, left, right, ink);
  draw->AddTriangle(b, left, right, halo, 1.2f);
}

}  // namespace

void CanvasPanel::draw_fan(ImDrawList* draw) const {
  const auto fan = m_instruments ? m_instruments->fan() : nullptr;
  if (!fan) return;
  const Vec2 lo(m_plot.x, m_plot.y), hi(m_plot.x + m_plot.width, m_plot.y + m_plot.height);
  const float width = ImGui::GetFontSize() * 0.08f + 0.5f;
  for (const InstrumentsPanel::FanPath& path : *fan)
    for (std::size_t i = 1; i < path.points.size(); ++i)
      if (auto s = clip_segment(m_view.to_screen(path.points[i - 1], m_plot),
                                m_view.to_screen(path.points[i], m_plot), lo, hi))
        draw->AddLine(im(s->first), im(s->second), colour(path.colour, 0.85f), width);
}

void CanvasPanel::draw_curvature(ImDrawList* draw, const Frame& frame) {
  const Objective& objective = *frame.lab.objective();
  // A loss over many samples (a network's plane: by differences, four gradients) costs too much
  // for every run every frame.
  if (objective.gradient_cost() > 2e5) return;
  const float font = ImGui::GetFontSize(), reach = font * 3.5f;
  for (const RunRow& row : frame.rows) {
    if (!row.run->visible || !row.view || row.shown == 0) continue;
    const TrajectoryPoint& at = (*row.view->trajectory)[row.shown - 1];
    const Vec2 p(at.x, at.y);
    const auto c = curvature_at(objective, p);
    if (!c) continue;
    const Vec2 centre = m_view.to_screen(p, m_plot);
    if (!m_plot.contains(centre)) continue;
    // The level set ½ dᵀHd = const of the local quadratic: semi-axes in proportion to
    // 1/sqrt|λ|, the longer `reach` pixels. Honest in shape, not in size (it says so below).
    const double l0 = std::abs(c->lambda_max()), l1 = std::abs(c->lambda_min());
    const double small = std::max(std::min(l0, l1), 1e-12 * std::max(l0, l1));
    const double a0 = reach * std::sqrt(small / std::max(l0, small)),
                 a1 = reach * std::sqrt(small / std::max(l1, small));
    // Screen directions of the eigenvectors (y goes down on the screen).
    const Vec2 v0(c->eigenvectors(0, 0), -c->eigenvectors(1, 0)),
        v1(c->eigenvectors(0, 1), -c->eigenvectors(1, 1));
    std::vector<ImVec2> ring;
    for (int k = 0; k <= 48; ++k) {
      const double t = 2 * M_PI * k / 48;
      ring.push_back(im(centre + v0 * (a0 * std::cos(t)) + v1 * (a1 * std::sin(t))));
    }
    const ImU32 line = colour(row.run->colour), halo = IM_COL32(0, 0, 0, 200);
    draw->AddPolyline(ring.data(), static_cast<int>(ring.size()), halo, 0, font * 0.22f);
    draw->AddPolyline(ring.data(), static_cast<int>(ring.size()), line, 0, font * 0.1f);
    // Each axis, solid where the loss curves up along it, red where it curves down.
    auto axis = [&](const Vec2& v, double a, double lambda) {
      const ImU32 ink = lambda >= 0 ? line : IM_COL32(230, 60, 40, 255);
      draw->AddLine(im(centre - v * a), im(centre + v * a), halo, font * 0.2f);
      draw->AddLine(im(centre - v * a), im(centre + v * a), ink, font * 0.08f);
    };
    axis(v0, a0, c->lambda_max());
    axis(v1, a1, c->lambda_min());
    std::string text = cat("λ ", rounded(c->lambda_max()), ", ", rounded(c->lambda_min()));
    if (std::isfinite(c->condition())) text += cat("  κ ", rounded(c->condition()));
    if (std::isfinite(c->max_stable_lr())) text += cat("  2/λmax ", rounded(c->max_stable_lr()));
    if (!c->analytic) text += " (by differences)";
    m_tags.push_back({im(centre), reach, row.run->colour, text});
  }
}

void CanvasPanel::draw_gradient_field(ImDrawList* draw, const Frame& frame) {
  const Objective& objective = *frame.lab.objective();
  const float font = ImGui::GetFontSize(), spacing = font * 2.6f;
  const int columns = std::max(2, static_cast<int>(m_plot.width / spacing)),
            rows = std::max(2, static_cast<int>(m_plot.height / spacing));
  // A frame's budget: about a millisecond of gradients (a model over many samples is too much).
  if (objective.gradient_cost() * columns * rows > 2e6) {
    Tag tag{im(m_plot.centre()), 0, kGuideColour, {}};
    tag.text = cat("gradient field: too costly over ", objective.sample_count(), " samples");
    m_tags.push_back(std::move(tag));
    return;
  }
  struct Arrow {
    Vec2 at, direction;
    double size;
  };
  std::vector<Arrow> arrows;
  double lo = INFINITY, hi = -INFINITY;
  for (int j = 0; j < rows; ++j)
    for (int i = 0; i < columns; ++i) {
      const Vec2 screen_at(m_plot.x + (i + 0.5) * m_plot.width / columns,
                           m_plot.y + (j + 0.5) * m_plot.height / rows);
      const Vec2 world = m_view.to_world(screen_at, m_plot);
      const Vec2 g = objective.gradient(world);
      // -g on the screen (y goes down, the axes may be scaled apart).
      const Vec2 ex = m_view.to_screen(world + Vec2(1, 0), m_plot) - screen_at,
                 ey = m_view.to_screen(world + Vec2(0, 1), m_plot) - screen_at;
      const Vec2 down = -(g.x() * ex + g.y() * ey);
      const double size = g.norm();
      if (!std::isfinite(size) || !(down.norm() > 0)) continue;
      arrows.push_back({screen_at, down.normalized(), size});
      if (size > 0) lo = std::min(lo, std::log(size)), hi = std::max(hi, std::log(size));
    }
  // Lengths grow with log |∇f| over what the canvas shows: the directions read everywhere,
  // even where |∇f| spans many decades (Rosenbrock's walls and valley).
  for (const Arrow& a : arrows) {
    const double s = hi > lo && a.size > 0 ? (std::log(a.size) - lo) / (hi - lo) : 1;
    const double length = spacing * (0.25 + 0.5 * s);
    const Vec2 tail = a.at - a.direction * length / 2, head = a.at + a.direction * length / 2;
    const ImVec2 t = im(tail), h = im(head);
    draw->AddLine(t, h, IM_COL32(0, 0, 0, 150), font * 0.16f);
    draw->AddLine(t, h, IM_COL32(255, 255, 255, 200), font * 0.07f);
    const Vec2 side(-a.direction.y(), a.direction.x());
    const double wing = font * 0.28;
    draw->AddTriangleFilled(h, im(head - a.direction * wing + side * wing * 0.5),
                            im(head - a.direction * wing - side * wing * 0.5),
                            IM_COL32(255, 255, 255, 220));
  }
}

void CanvasPanel::draw_anatomy(ImDrawList* draw, const Frame& frame) {
  m_anatomy_key.clear();
  if (!m_instruments || m_instruments->anatomy_runs.empty()) return;
  const float font = ImGui::GetFontSize();
  const auto& wanted = m_instruments->anatomy_runs;
  // Every part drawn, once; parts of one colour (the gradient's share, as each rule names it)
  // share a line.
  auto& key = m_anatomy_key;
  auto add_key = [&](Rgb c, const std::string& name) {
    auto same = std::find_if(key.begin(), key.end(), [&](const auto& k) { return k.first == c; });
    if (same == key.end())
      key.emplace_back(c, name);
    else if (same->second.find(name) == std::string::npos)
      same->second += " / " + name;
  };
  for (const RunRow& row : frame.rows) {
    if (!row.run->visible || std::find(wanted.begin(), wanted.end(), row.run->id) == wanted.end())
      continue;
    const ExplainedStep* e = m_instruments->anatomy(row.run->id);
    if (!e) continue;
    const StepAnatomy<Vec2>& a = e->anatomy;
    auto at = [&](const Vec2& world) { return m_view.to_screen(world, m_plot); };
    const Vec2 origin = at(e->from);
    if (!m_plot.contains(origin)) continue;
    // True lengths on the canvas's scale; a step too short to see is magnified by a power of
    // ten, and its tag says by how much. (-lr·g may then reach off the canvas: it is there to
    // compare, and plain gradient descent's step is often far longer.)
    double longest = (at(e->from + a.step()) - origin).norm();
    for (const auto& part : a.parts)
      longest = std::max(longest, (at(e->from + part.value) - origin).norm());
    if (!std::isfinite(longest)) continue;
    double magnify = 1;
    int power = 0;
    if (!(longest > 0)) {  // no step at all: nothing to magnify
      m_tags.push_back({im(origin), font * 0.6f, row.run->colour, std::string("no step here")});
    } else {
      while (longest * magnify < font * 3 && power < 12) magnify *= 10, ++power;
    }
    const float alpha = m_instruments->anatomy_current(row.run->id) ? 1.f : 0.5f;
    const float width = font * 0.16f;
    // The per-coordinate step scale of an adaptive rule: an axis-aligned ellipse, its longer
    // semi-axis 2.5 font sizes (its shape is the scale's; its size is not).
    if (a.scale && a.scale->maxCoeff() > 0) {
      const double rx = font * 2.5 * a.scale->x() / a.scale->maxCoeff(),
                   ry = font * 2.5 * a.scale->y() / a.scale->maxCoeff();
      std::vector<ImVec2> ring;
      for (int k = 0; k <= 48; ++k) {
        const double t = 2 * M_PI * k / 48;
        ring.push_back(im(origin + Vec2(rx * std::cos(t), ry * std::sin(t))));
      }
      draw->AddPolyline(ring.data(), static_cast<int>(ring.size()), IM_COL32(0, 0, 0, 160), 0,
                        width + 2);
      draw->AddPolyline(ring.data(), static_cast<int>(ring.size()), colour(kGuideColour, alpha), 0,
                        width * 0.6f);
      add_key(kGuideColour, "step scale per coordinate (ellipse)");
    }
    for (const auto& guide : a.guides) {
      const Rgb c = guide.name == "unclipped" ? kUnclippedColour : kGuideColour;
      arrow(draw, im(origin), im(at(e->from + guide.value * magnify)), colour(c, alpha),
            width * 0.8f, true);
      add_key(c, guide.name + " (dashed)");
    }
    // The step taken under its parts, head to tail.
    arrow(draw, im(origin), im(at(e->from + a.step() * magnify)), colour(kStepColour, alpha),
          width * 1.8f, false);
    add_key(kStepColour, "step taken");
    Vec2 tail = e->from;
    for (std::size_t i = 0; i < a.parts.size(); ++i) {
      const Vec2 head = tail + a.parts[i].value * magnify;
      const Rgb c = part_colour(a.parts[i].name, i);
      arrow(draw, im(at(tail)), im(at(head)), colour(c, alpha), width, false);
      add_key(c, a.parts[i].name);
      tail = head;
    }
    if (power > 0)
      m_tags.push_back({im(at(e->from + a.step() * magnify)), font * 0.6f, row.run->colour,
                        cat("step ×", magnify, " (too short to see)")});
  }
}

void CanvasPanel::draw_anatomy_key(ImDrawList* draw) {
  const auto& key = m_anatomy_key;
  if (key.empty()) return;
  const float font = ImGui::GetFontSize();
  // The key, at the plot's bottom left, above the axis; at its top left where the runs'
  // legend took the bottom left.
  const float line = ImGui::GetTextLineHeight(), pad = font * 0.3f;
  float widest = 0;
  for (const auto& k : key) widest = std::max(widest, ImGui::CalcTextSize(k.second.c_str()).x);
  const ImVec2 size(widest + font * 2 + pad * 2, line * static_cast<float>(key.size()) + pad * 2);
  ImVec2 lo(static_cast<float>(m_plot.x) + pad,
            static_cast<float>(m_plot.y + m_plot.height) - size.y - pad);
  const auto& [legend_lo, legend_hi] = m_legend_box;
  if (legend_lo.x < lo.x + size.x && legend_hi.x > lo.x && legend_lo.y < lo.y + size.y &&
      legend_hi.y > lo.y)
    lo.y = static_cast<float>(m_plot.y) + pad + ImGui::GetTextLineHeight() * 1.5f;
  draw->AddRectFilled(lo, {lo.x + size.x, lo.y + size.y}, PlotColours::current().backdrop,
                      font * 0.2f);
  for (std::size_t i = 0; i < key.size(); ++i) {
    const float y = lo.y + pad + line * static_cast<float>(i);
    const bool dashed = key[i].second.find("(dashed)") != std::string::npos;
    if (key[i].second.find("ellipse") != std::string::npos)
      draw->AddCircle({lo.x + pad + font * 0.7f, y + line / 2}, line * 0.35f, colour(key[i].first),
                      0, 2);
    else
      arrow(draw, {lo.x + pad, y + line / 2}, {lo.x + pad + font * 1.5f, y + line / 2},
            colour(key[i].first), font * 0.14f, dashed);
    draw->AddText({lo.x + pad + font * 2, y}, PlotColours::current().text, key[i].second.c_str());
  }
  m_obstacles.emplace_back(lo, ImVec2(lo.x + size.x, lo.y + size.y));
}

}  // namespace descent::ui
