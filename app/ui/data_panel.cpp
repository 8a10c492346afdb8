#include "data_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "axis_ticks.hpp"
#include "dataset.hpp"
#include "rng.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr ImU32 kClass0 = IM_COL32(235, 235, 240, 255);  // hollow circles
constexpr ImU32 kClass1 = IM_COL32(150, 150, 160, 255);  // filled dots
constexpr ImU32 kHalo = IM_COL32(0, 0, 0, 170);

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
      const std::optional<Vec2> hits[4] = {crossing(i, j, i + 1, j),
                                           crossing(i + 1, j, i + 1, j + 1),
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
  ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  float left = ImGui::CalcTextSize("-00.0").x + font * 0.6f, bottom = font * 1.5f;
  ImVec2 lo{origin.x + left, origin.y + font * 0.2f};
  ImVec2 hi{origin.x + std::max(avail.x - font * 0.5f, left + 20),
            origin.y + std::max(avail.y - bottom, 20.f)};

  const Eigen::ArrayXd& x = data.features[0];
  const Eigen::ArrayXd& y = plane ? data.features[1] : data.target;
  const double x0 = m_x0, x1 = m_x1, y0 = m_y0, y1 = m_y1;
  auto to_screen = [&](double u, double v) {
    return ImVec2(static_cast<float>(lo.x + (u - x0) / (x1 - x0) * (hi.x - lo.x)),
                  static_cast<float>(hi.y - (v - y0) / (y1 - y0) * (hi.y - lo.y)));
  };

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(lo, hi, IM_COL32(22, 22, 28, 255));
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text), grid = IM_COL32(255, 255, 255, 28);
  for (const auto& t :
       linear_ticks(x0, x1, std::max(2, static_cast<int>((hi.x - lo.x) / (font * 4.5f))))) {
    float sx = to_screen(t.value, y0).x;
    draw->AddLine({sx, lo.y}, {sx, hi.y}, grid);
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    draw->AddText({sx - size.x / 2, hi.y + font * 0.2f}, text, t.label.c_str());
  }
  for (const auto& t :
       linear_ticks(y0, y1, std::max(2, static_cast<int>((hi.y - lo.y) / (font * 2.5f))))) {
    float sy = to_screen(x0, t.value).y;
    draw->AddLine({lo.x, sy}, {hi.x, sy}, grid);
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    draw->AddText({lo.x - size.x - font * 0.3f, sy - size.y / 2}, text, t.label.c_str());
  }

  draw->PushClipRect(lo, hi, true);
  // The samples: for labels on one feature, a little vertical jitter keeps them apart.
  const float r = std::max(2.f, font * 0.16f);
  Rng jitter(7);
  for (std::uint32_t i : m_picked) {
    double u = x[i], v = plane ? y[i] : data.target[i];
    if (binary && !plane) v += (jitter.uniform() - 0.5) * 0.06;
    ImVec2 s = to_screen(u, v);
    if (binary && data.target[i] == 0)
      draw->AddCircle(s, r, kClass0, 8, 1.2f);
    else
      draw->AddCircleFilled(s, r, binary ? kClass1 : kClass0, 8);
  }

  // Each run's model at the shown step, in the features' own units.
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible || row.shown == 0) continue;
    const TrajectoryPoint& point = (*row.view->trajectory)[row.shown - 1];
    const Vec2 p(point.x, point.y);
    const ImU32 col = colour(row.run->colour);
    const float width = font * (frame.highlighted == row.run->id ? 0.24f : 0.15f);
    if (plane) {
      boundary(*model, p);
      for (const auto& [a, b] : m_segments)
        draw->AddLine(to_screen(a.x(), a.y()), to_screen(b.x(), b.y()), kHalo, width + font * 0.16f);
      for (const auto& [a, b] : m_segments)
        draw->AddLine(to_screen(a.x(), a.y()), to_screen(b.x(), b.y()), col, width);
      continue;
    }
    m_scratch.clear();
    constexpr int kPoints = 96;
    for (int k = 0; k < kPoints; ++k) {
      const double u = x0 + (x1 - x0) * k / (kPoints - 1);
      double v = model->predict(p, std::span<const double>(&u, 1));
      v = std::clamp(v, y0 - 10 * (y1 - y0), y1 + 10 * (y1 - y0));  // keeps float arithmetic sane
      m_scratch.push_back(to_screen(u, v));
    }
    draw->AddPolyline(m_scratch.data(), static_cast<int>(m_scratch.size()), kHalo, 0,
                      width + font * 0.16f);
    draw->AddPolyline(m_scratch.data(), static_cast<int>(m_scratch.size()), col, 0, width);
  }
  draw->PopClipRect();
  draw->AddRect(lo, hi, ImGui::GetColorU32(ImGuiCol_Border));

  // Axis names, inside the plot at the ends of their axes.
  std::string x_name = data.feature_names[0],
              y_name = plane ? data.feature_names[1] : data.target_name;
  if (binary && !plane) y_name = "P(" + data.target_name + " = 1)";
  ImVec2 x_size = ImGui::CalcTextSize(x_name.c_str());
  text_with_backdrop(draw, {hi.x - x_size.x - font * 0.4f, hi.y - font * 1.4f}, IM_COL32_WHITE,
                     x_name.c_str());
  text_with_backdrop(draw, {lo.x + font * 0.4f, lo.y + font * 0.3f}, IM_COL32_WHITE,
                     y_name.c_str());
  ImGui::SetCursorScreenPos(lo);
  ImGui::InvisibleButton("data plot", ImVec2(hi.x - lo.x, hi.y - lo.y));
  if (ImGui::IsItemHovered())
    tooltip(plane ? "Filled: label 1, hollow: label 0. Each line is a run's decision boundary at "
                    "the shown step."
            : binary ? "Each curve is a run's predicted P(y = 1) at the shown step."
                     : "Each line is a run's fit at the shown step.");
}

}  // namespace descent::ui
