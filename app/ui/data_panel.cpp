#include "data_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "dataset.hpp"
#include "plot.hpp"
#include "rng.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr int kGrid = 48;  // cells per side of the boundary's grid

// log(p / (1 - p)), where a linear model's boundary is linear: interpolating it along a cell's
// edges finds the boundary of a logistic model exactly.
double logit(double p) {
  p = std::clamp(p, 1e-15, 1 - 1e-15);
  return std::log(p / (1 - p));
}

}  // namespace

void DataPanel::prepare(const std::shared_ptr<const Objective>& objective,
                        const FittedModel& model) {
  const Dataset& data = model.data();
  m_prepared_for = objective;
  m_picked.resize(std::min(kShown, data.size()));
  if (m_picked.size() == data.size()) {
    for (std::uint32_t i = 0; i < m_picked.size(); ++i) m_picked[i] = i;
  } else {
    Rng rng(12345);  // the same picture every time
    for (auto& index : m_picked) index = static_cast<std::uint32_t>(rng.below(data.size()));
  }
  const bool plane = data.feature_count() == 2, labels = model.classifier();
  const Eigen::ArrayXd& x = data.features[0];
  const Eigen::ArrayXd& y = plane ? data.features[1] : data.target;
  m_x0 = x.minCoeff(), m_x1 = x.maxCoeff();
  m_y0 = labels && !plane ? 0 : y.minCoeff(), m_y1 = labels && !plane ? 1 : y.maxCoeff();
  const double px = std::max(1e-9, (m_x1 - m_x0) * 0.06), py = std::max(1e-9, (m_y1 - m_y0) * 0.08);
  m_x0 -= px, m_x1 += px, m_y0 -= py, m_y1 += py;
}

void DataPanel::boundary(const FittedModel& model, const Vec2& p) {
  m_segments.clear();
  m_grid.resize((kGrid + 1) * (kGrid + 1));
  auto corner = [&](int i, int j) {
    return Vec2(m_x0 + (m_x1 - m_x0) * i / kGrid, m_y0 + (m_y1 - m_y0) * j / kGrid);
  };
  for (int j = 0; j <= kGrid; ++j)
    for (int i = 0; i <= kGrid; ++i) {
      Vec2 at = corner(i, j);
      const double features[2] = {at.x(), at.y()};
      m_grid[static_cast<std::size_t>(j * (kGrid + 1) + i)] = logit(model.predict(p, features));
    }
  auto value = [&](int i, int j) { return m_grid[static_cast<std::size_t>(j * (kGrid + 1) + i)]; };
  // Where the boundary crosses the edge from corner a to corner b, if it does.
  auto crossing = [&](int ia, int ja, int ib, int jb) -> std::optional<Vec2> {
    double va = value(ia, ja), vb = value(ib, jb);
    if ((va < 0) == (vb < 0) || va == vb) return std::nullopt;
    double t = va / (va - vb);
    return corner(ia, ja) + t * (corner(ib, jb) - corner(ia, ja));
  };
  for (int j = 0; j < kGrid; ++j)
    for (int i = 0; i < kGrid; ++i) {
      const std::optional<Vec2> hits[4] = {
          crossing(i, j, i + 1, j), crossing(i + 1, j, i + 1, j + 1),
          crossing(i, j + 1, i + 1, j + 1), crossing(i, j, i, j + 1)};
      Vec2 points[4];
      int count = 0;
      for (const auto& h : hits)
        if (h) points[count++] = *h;
      // Two crossings: one segment; four (a saddle cell): two, pairing neighbours.
      for (int k = 0; k + 1 < count; k += 2) m_segments.emplace_back(points[k], points[k + 1]);
    }
}

void DataPanel::draw(Frame& frame) {
  const FittedModel* model = frame.lab.objective()->fitted_model();
  if (!model) {
    ImGui::TextDisabled("This loss has no data.");
    return;
  }
  const Dataset& data = model->data();
  if (frame.lab.objective() != m_prepared_for) prepare(frame.lab.objective(), *model);
  const bool plane = data.feature_count() == 2;
  const bool binary = model->classifier();
  const float font = ImGui::GetFontSize();

  ImGui::TextDisabled("%zu samples%s", data.size(),
                      data.size() > m_picked.size() ? ", a sample of them drawn" : "");
  Plot plot = Plot::layout(ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail(), "-00.0");
  plot.x0 = m_x0, plot.x1 = m_x1, plot.y0 = m_y0, plot.y1 = m_y1;
  const double x0 = m_x0, x1 = m_x1, y0 = m_y0, y1 = m_y1;
  const Eigen::ArrayXd& x = data.features[0];
  const Eigen::ArrayXd& y = plane ? data.features[1] : data.target;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const PlotColours colours = PlotColours::current();
  plot.background(draw);
  plot.draw_x_ticks(draw, plot.x_ticks(), TickStyle::grid);
  plot.draw_y_ticks(draw, plot.y_ticks(), TickStyle::grid);

  draw->PushClipRect(plot.lo, plot.hi, true);
  // The samples: a class each in its own shape and colour (circles and triangles) with a dark
  // outline, told apart in grey print and by every kind of colour vision. For labels on one
  // feature, a little vertical jitter keeps them apart.
  const float r = std::max(2.f, font * 0.24f), edge = std::max(1.f, font * 0.06f);
  const ImU32 outline = IM_COL32(0, 0, 0, 200);
  const ImU32 fills[2] = {colour(class_colour(0)), colour(class_colour(1))};
  Rgb neutral_rgb = contrasting(colours.background_rgb);  // a regression's samples
  const ImU32 neutral = colour(neutral_rgb, 0.6f);
  Rng jitter(7);
  for (std::uint32_t i : m_picked) {
    double u = x[i], v = plane ? y[i] : data.target[i];
    if (binary && !plane) v += (jitter.uniform() - 0.5) * 0.06;
    const ImVec2 s = plot.to_screen(u, v);
    if (!binary) {
      draw->AddCircleFilled(s, r * 0.8f, neutral, 10);
    } else if (data.target[i] == 0) {
      draw->AddCircleFilled(s, r + edge, outline, 12);
      draw->AddCircleFilled(s, r, fills[0], 12);
    } else {
      // A triangle of about the circle's area, its centre on the sample.
      const float t = r * 1.45f;
      const ImVec2 a{s.x, s.y - t}, b{s.x + t * 0.866f, s.y + t * 0.5f},
          c{s.x - t * 0.866f, s.y + t * 0.5f};
      draw->AddTriangleFilled(a, b, c, fills[1]);
      draw->AddTriangle(a, b, c, outline, edge);
    }
  }

  // Each run's model at the shown step, in the features' own units.
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible || row.shown == 0) continue;
    const TrajectoryPoint& point = (*row.view->trajectory)[row.shown - 1];
    const Vec2 p(point.x, point.y);
    const ImU32 col = colour(row.run->colour);
    // Boundaries cross the samples of both classes: always outlined, in the contrasting tone.
    const ImU32 halo = halo_for(row.run->colour);
    const float width = font * (frame.highlighted == row.run->id ? 0.24f : 0.15f);
    if (plane) {
      boundary(*model, p);
      for (const auto& [a, b] : m_segments)
        draw->AddLine(plot.to_screen(a.x(), a.y()), plot.to_screen(b.x(), b.y()), halo,
                      width + font * 0.16f);
      for (const auto& [a, b] : m_segments)
        draw->AddLine(plot.to_screen(a.x(), a.y()), plot.to_screen(b.x(), b.y()), col, width);
      continue;
    }
    m_scratch.clear();
    constexpr int kPoints = 96;
    for (int k = 0; k < kPoints; ++k) {
      const double u = x0 + (x1 - x0) * k / (kPoints - 1);
      double v = model->predict(p, std::span<const double>(&u, 1));
      v = std::clamp(v, y0 - 10 * (y1 - y0), y1 + 10 * (y1 - y0));  // keeps float arithmetic sane
      m_scratch.push_back(plot.to_screen(u, v));
    }
    Plot::line(draw, m_scratch, col, width, halo);
  }
  draw->PopClipRect();
  plot.border(draw);

  // Axis names, inside the plot at the ends of their axes.
  std::string x_name = data.feature_names[0],
              y_name = plane ? data.feature_names[1] : data.target_name;
  if (binary && !plane) y_name = "P(" + data.target_name + " = 1)";
  plot.axis_names(draw, x_name.c_str(), y_name.c_str());
  ImGui::SetCursorScreenPos(plot.lo);
  ImGui::InvisibleButton("data plot", ImVec2(plot.width(), plot.height()));
  if (ImGui::IsItemHovered()) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    char at[96];
    std::snprintf(at, sizeof at, "%s = %.4g   %s = %.4g", x_name.c_str(), plot.from_x(mouse.x),
                  y_name.c_str(), plot.from_y(mouse.y));
    std::vector<ReadoutLine> lines{{at, std::nullopt}};
    if (binary && plane) lines.push_back({"circles: label 0, triangles: label 1", std::nullopt});
    lines.push_back({plane    ? "lines: each run's decision boundary at the shown step"
                     : binary ? "curves: each run's predicted P(y = 1) at the shown step"
                              : "lines: each run's fit at the shown step",
                     std::nullopt});
    hover_readout(plot, mouse, lines);
  }
}

}  // namespace descent::ui
