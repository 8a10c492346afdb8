#include "data_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "dataset.hpp"
#include "models/network_model.hpp"
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

// The shade of P(y = 1) in a network's decision regions: the colour of the class predicted,
// the stronger the surer, over the plot's background (so it works on every theme). The samples,
// in the same colours, keep their outlines on top.
ImU32 region_colour(double p) {
  constexpr float kStrongest = 0.42f;
  const double t = std::clamp(2 * p - 1, -1.0, 1.0);
  if (!std::isfinite(t)) return IM_COL32(0, 0, 0, 0);
  return colour(class_colour(t >= 0 ? 1 : 0), kStrongest * static_cast<float>(std::abs(t)));
}

// "0.00123" or "1.2e-07": a gradient norm in few characters.
void format_norm(char* text, std::size_t size, double value) {
  std::snprintf(text, size, value != 0 && std::abs(value) < 1e-3 ? "%.2g" : "%.3g", value);
}

}  // namespace

bool DataPanel::shows(const Objective& objective) {
  return objective.fitted_model() != nullptr || network_of(objective) != nullptr;
}

// [SECTION] layout and the samples

void DataPanel::prepare(const std::shared_ptr<const Objective>& objective, const Dataset& data,
                        bool classifier) {
  m_prepared_for = objective;
  m_picked.resize(std::min(kShown, data.size()));
  if (m_picked.size() == data.size()) {
    for (std::uint32_t i = 0; i < m_picked.size(); ++i) m_picked[i] = i;
  } else {
    Rng rng(12345);  // the same picture every time
    for (auto& index : m_picked) index = static_cast<std::uint32_t>(rng.below(data.size()));
  }
  if (data.feature_count() == 2) {
    const Box area = data_area(data);  // what a network's decision grid spans too
    m_x0 = area.x_min, m_x1 = area.x_max, m_y0 = area.y_min, m_y1 = area.y_max;
    return;
  }
  const Eigen::ArrayXd& x = data.features[0];
  const Eigen::ArrayXd& y = data.target;
  m_x0 = x.minCoeff(), m_x1 = x.maxCoeff();
  m_y0 = classifier ? 0 : y.minCoeff(), m_y1 = classifier ? 1 : y.maxCoeff();
  const double px = std::max(1e-9, (m_x1 - m_x0) * 0.06), py = std::max(1e-9, (m_y1 - m_y0) * 0.08);
  m_x0 -= px, m_x1 += px, m_y0 -= py, m_y1 += py;
}

void DataPanel::draw_samples(ImDrawList* draw, const Plot& plot, const Dataset& data,
                             bool binary) const {
  // The samples: a class each in its own shape and colour (circles and triangles) with a dark
  // outline, told apart in grey print and by every kind of colour vision. For labels on one
  // feature, a little vertical jitter keeps them apart.
  const bool plane = data.feature_count() == 2;
  const Eigen::ArrayXd& x = data.features[0];
  const Eigen::ArrayXd& y = plane ? data.features[1] : data.target;
  const float font = ImGui::GetFontSize();
  const float r = std::max(2.f, font * 0.24f), edge = std::max(1.f, font * 0.06f);
  const ImU32 outline = IM_COL32(0, 0, 0, 200);
  const ImU32 fills[2] = {colour(class_colour(0)), colour(class_colour(1))};
  Rgb neutral_rgb = contrasting(PlotColours::current().background_rgb);  // a regression's samples
  const ImU32 neutral = colour(neutral_rgb, 0.6f);
  Rng jitter(7);
  for (std::uint32_t i : m_picked) {
    double u = x[i], v = y[i];
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
}

// [SECTION] a fitted model's runs

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

void DataPanel::draw_models(Frame& frame, ImDrawList* draw, const Plot& plot,
                            const FittedModel& model) {
  const bool plane = model.data().feature_count() == 2;
  const float font = ImGui::GetFontSize();
  for (const RunRow& row : frame.rows) {
    if (!row.view || !row.run->visible || row.shown == 0) continue;
    const TrajectoryPoint& point = (*row.view->trajectory)[row.shown - 1];
    const Vec2 p(point.x, point.y);
    const ImU32 col = colour(row.run->colour);
    // Boundaries cross the samples of both classes: always outlined, in the contrasting tone.
    const ImU32 halo = halo_for(row.run->colour);
    const float width = font * (frame.highlighted == row.run->id ? 0.24f : 0.15f);
    if (plane) {
      boundary(model, p);
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
      const double u = m_x0 + (m_x1 - m_x0) * k / (kPoints - 1);
      double v = model.predict(p, std::span<const double>(&u, 1));
      // Keeps float arithmetic sane.
      v = std::clamp(v, m_y0 - 10 * (m_y1 - m_y0), m_y1 + 10 * (m_y1 - m_y0));
      m_scratch.push_back(plot.to_screen(u, v));
    }
    Plot::line(draw, m_scratch, col, width, halo);
  }
}

// [SECTION] a network's runs

const RunRow* DataPanel::shown_run(const Frame& frame) const {
  auto usable = [](const RunRow& row) { return row.view && row.run->visible && row.shown > 0; };
  const RunRow *hovered = nullptr, *picked = nullptr, *first = nullptr;
  for (const RunRow& row : frame.rows) {
    if (!usable(row)) continue;
    if (!first) first = &row;
    if (frame.highlighted == row.run->id) hovered = &row;
    if (m_picked_run == row.run->id) picked = &row;
  }
  return hovered ? hovered : picked ? picked : first;
}

void DataPanel::run_combo(Frame& frame) {
  const RunRow* shown = shown_run(frame);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Run");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 14));
  const std::string preview = shown ? frame.label(*shown->run) : "none";
  if (ImGui::BeginCombo("##regions of", preview.c_str())) {
    for (const RunRow& row : frame.rows) {
      if (!row.view || !row.run->visible) continue;
      ImGui::PushID(static_cast<int>(row.run->id));
      ImGui::PushStyleColor(ImGuiCol_Text,
                            readable_text(row.run->colour, PlotColours::current().background_rgb));
      if (ImGui::Selectable(frame.label(*row.run).c_str(), shown == &row))
        m_picked_run = row.run->id;
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) frame.highlighted = row.run->id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  } else {  // the combo is the last item only while it is closed
    tooltip(
        "The run whose decision regions are shaded and whose gradient per layer is shown.\n"
        "Hovering a run in the table shows its own. Every visible run's boundary is drawn.");
  }
}

void DataPanel::draw_regions(Frame& frame, ImDrawList* draw, const Plot& plot) const {
  const RunRow* row = shown_run(frame);
  if (!row) return;
  const NetworkInsight* insight =
      frame.insights.get(row->run->id, row->view->trajectory, row->shown);
  if (!insight) return;
  const DecisionGrid& grid = insight->grid;
  // Each cell shaded from its corners' predictions (one quad a cell: 64x64 of them).
  for (int j = 0; j < grid.cells; ++j)
    for (int i = 0; i < grid.cells; ++i) {
      const Vec2 lo = grid.corner(i, j), hi = grid.corner(i + 1, j + 1);
      draw->AddRectFilledMultiColor(plot.to_screen(lo.x(), hi.y()), plot.to_screen(hi.x(), lo.y()),
                                    region_colour(grid.at(i, j + 1)),
                                    region_colour(grid.at(i + 1, j + 1)),
                                    region_colour(grid.at(i + 1, j)), region_colour(grid.at(i, j)));
    }
}

void DataPanel::draw_boundaries(Frame& frame, ImDrawList* draw, const Plot& plot) const {
  const float font = ImGui::GetFontSize();
  const RunRow* shown = shown_run(frame);
  auto boundary = [&](const RunRow& row) {
    const NetworkInsight* insight =
        frame.insights.get(row.run->id, row.view->trajectory, row.shown);
    if (!insight) return;
    const ImU32 col = colour(row.run->colour), halo = halo_for(row.run->colour);
    const bool strong = &row == shown || frame.highlighted == row.run->id;
    const float width = font * (strong ? 0.22f : 0.14f);
    for (const auto& [a, b] : insight->boundary)
      draw->AddLine(plot.to_screen(a.x(), a.y()), plot.to_screen(b.x(), b.y()), halo,
                    width + font * 0.14f);
    for (const auto& [a, b] : insight->boundary)
      draw->AddLine(plot.to_screen(a.x(), a.y()), plot.to_screen(b.x(), b.y()), col, width);
  };
  for (const RunRow& row : frame.rows)
    if (row.view && row.run->visible && row.shown > 0 && &row != shown) boundary(row);
  if (shown) boundary(*shown);  // on top: the boundary of the regions shaded
}

void DataPanel::draw_gradients(Frame& frame) const {
  const RunRow* row = shown_run(frame);
  const NetworkInsight* insight =
      row ? frame.insights.get(row->run->id, row->view->trajectory, row->shown) : nullptr;
  if (!insight) {
    ImGui::TextDisabled(row ? "Computing…" : "No run to show.");
    return;
  }
  const std::vector<double>& norms = insight->layer_norms;
  const int layers = static_cast<int>(norms.size());
  // The title gives way to the bars when the panel is short (the tab's tooltip says as much).
  const float line_h = ImGui::GetTextLineHeight();
  if (ImGui::GetContentRegionAvail().y >= line_h * static_cast<float>(layers + 2)) {
    ImGui::TextDisabled("‖∂loss/∂W‖ at step %lld", static_cast<long long>(insight->step));
    tooltip(
        "How much of the gradient reaches each layer (log scale): the norm of the loss's\n"
        "gradient with respect to the layer's weights (not its biases), over all the samples,\n"
        "at the shown step. Layer 1 takes the inputs. A layer with almost none barely learns:\n"
        "in a deep sigmoid network each layer passes back at most a quarter of what it gets\n"
        "(vanishing gradients).");
  }

  // The decades the norms span, at least two, so that bars of similar norms stay comparable.
  double lo = 0, hi = 0;
  bool any = false;
  for (double n : norms)
    if (n > 0 && std::isfinite(n)) {
      lo = any ? std::min(lo, n) : n, hi = any ? std::max(hi, n) : n;
      any = true;
    }
  // Half a decade below the smallest at least, so that its bar shows.
  double d0 = any ? std::floor(std::log10(lo) - 0.5) : -3, d1 = any ? std::ceil(std::log10(hi)) : 0;
  if (d1 - d0 < 2) d0 = d1 - 2;

  const float font = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos(), avail = ImGui::GetContentRegionAvail();
  char text[32];
  const float label_w = ImGui::CalcTextSize("layer 00").x + font * 0.5f;
  const float value_w = ImGui::CalcTextSize("0.00e-00").x + font * 0.4f;
  const float axis_h = ImGui::GetTextLineHeight() + font * 0.3f;
  const float x0 = origin.x + label_w, x1 = std::max(x0 + font, origin.x + avail.x - value_w);
  // A row a layer, no lower than a line of text; the decades' labels below if there is room.
  const float rows = static_cast<float>(std::max(1, layers));
  float row_h = std::clamp((avail.y - axis_h) / rows, line_h, font * 1.8f);
  const bool axis = avail.y >= row_h * rows + axis_h;
  if (!axis) row_h = std::clamp(avail.y / rows, line_h, font * 1.8f);
  auto to_x = [&](double value) {
    const double d = value > 0 ? std::log10(value) : d0;
    return x0 + static_cast<float>(std::clamp((d - d0) / (d1 - d0), 0.0, 1.0)) * (x1 - x0);
  };

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const PlotColours colours = PlotColours::current();
  const float bottom = origin.y + row_h * layers;
  // A grid line at each decade, and its label.
  const int step = std::max(1, static_cast<int>(std::ceil((d1 - d0) * value_w / (x1 - x0))));
  for (int d = static_cast<int>(d0); d <= static_cast<int>(d1); d += step) {
    const float x = to_x(std::pow(10.0, d));
    draw->AddLine({x, origin.y}, {x, bottom}, colours.grid);
    if (!axis) continue;
    std::snprintf(text, sizeof text, "1e%d", d);
    const float w = ImGui::CalcTextSize(text).x;
    draw->AddText({std::clamp(x - w / 2, x0 - w / 2, x1 + value_w - w), bottom + font * 0.15f},
                  colours.dim, text);
  }
  const ImU32 fill = colour(row->run->colour),
              edge = outline_for(row->run->colour, colours.background_rgb);
  for (int l = 0; l < layers; ++l) {
    const float top = origin.y + row_h * l, mid = top + row_h / 2;
    std::snprintf(text, sizeof text, "layer %d", l + 1);
    draw->AddText({origin.x, mid - ImGui::GetTextLineHeight() / 2}, colours.text, text);
    const float end = to_x(norms[static_cast<std::size_t>(l)]);
    const ImVec2 a{x0, top + row_h * 0.18f}, b{std::max(end, x0 + 1), top + row_h * 0.82f};
    draw->AddRectFilled(a, b, fill);
    if (edge & IM_COL32_A_MASK) draw->AddRect(a, b, edge);
    format_norm(text, sizeof text, norms[static_cast<std::size_t>(l)]);
    draw->AddText({b.x + font * 0.3f, mid - ImGui::GetTextLineHeight() / 2}, colours.text, text);
  }
  ImGui::Dummy({avail.x, row_h * rows + (axis ? axis_h : 0)});
}

// [SECTION] the panel

void DataPanel::draw_plot(Frame& frame, const Dataset& data, bool binary,
                          const FittedModel* model) {
  const bool plane = data.feature_count() == 2;
  const bool network = model == nullptr;
  Plot plot = Plot::layout(ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail(), "-00.0");
  plot.x0 = m_x0, plot.x1 = m_x1, plot.y0 = m_y0, plot.y1 = m_y1;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  plot.background(draw);
  draw->PushClipRect(plot.lo, plot.hi, true);
  if (network && binary) draw_regions(frame, draw, plot);
  draw->PopClipRect();
  plot.draw_x_ticks(draw, plot.x_ticks(), TickStyle::grid);
  plot.draw_y_ticks(draw, plot.y_ticks(), TickStyle::grid);

  draw->PushClipRect(plot.lo, plot.hi, true);
  draw_samples(draw, plot, data, binary);
  if (model) draw_models(frame, draw, plot, *model);
  if (network && binary) draw_boundaries(frame, draw, plot);
  draw->PopClipRect();
  plot.border(draw);

  // Axis names, inside the plot at the ends of their axes.
  std::string x_name = data.feature_names[0],
              y_name = plane ? data.feature_names[1] : data.target_name;
  if (binary && !plane) y_name = "P(" + data.target_name + " = 1)";
  plot.axis_names(draw, x_name.c_str(), y_name.c_str());
  ImGui::SetCursorScreenPos(plot.lo);
  ImGui::InvisibleButton("data plot", ImVec2(plot.width(), plot.height()));
  if (!ImGui::IsItemHovered()) return;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const double u = plot.from_x(mouse.x), v = plot.from_y(mouse.y);
  char at[160];
  std::snprintf(at, sizeof at, "%s = %.4g   %s = %.4g", x_name.c_str(), u, y_name.c_str(), v);
  std::vector<ReadoutLine> lines{{at, std::nullopt}};
  if (binary && plane) lines.push_back({"circles: label 0, triangles: label 1", std::nullopt});
  if (network) {
    // The shown run's prediction under the mouse: one point, at the vector its regions are of.
    const RunRow* row = shown_run(frame);
    const NetworkInsight* insight =
        row ? frame.insights.get(row->run->id, row->view->trajectory, row->shown) : nullptr;
    if (insight && binary) {
      const double features[2] = {u, v};
      const double p = frame.insights.network()->predict(
          parameters_of(*insight->trajectory, insight->vector), features);
      std::snprintf(at, sizeof at, "P(%s = 1) = %.3f (%s at step %lld)", data.target_name.c_str(),
                    p, frame.label(*row->run).c_str(), static_cast<long long>(insight->step));
      lines.push_back({at, row->run->colour});
      lines.push_back({"shade: that run's P(y = 1), blue: label 0, orange: label 1", std::nullopt});
    }
    lines.push_back({"lines: each run's decision boundary at the shown step", std::nullopt});
  } else {
    lines.push_back({plane    ? "lines: each run's decision boundary at the shown step"
                     : binary ? "curves: each run's predicted P(y = 1) at the shown step"
                              : "lines: each run's fit at the shown step",
                     std::nullopt});
  }
  hover_readout(plot, mouse, lines);
}

void DataPanel::draw(Frame& frame) {
  const std::shared_ptr<const Objective>& objective = frame.lab.objective();
  const FittedModel* model = objective->fitted_model();
  const Network* network = model ? nullptr : frame.insights.network();
  if (!model && !network) {
    ImGui::TextDisabled("This loss has no data.");
    return;
  }
  const Dataset& data = model ? model->data() : network->data();
  const bool binary = model ? model->classifier() : network->classifier();
  if (objective != m_prepared_for) prepare(objective, data, binary);
  const char* drawn = data.size() > m_picked.size() ? ", a sample of them drawn" : "";
  if (!network) {
    ImGui::TextDisabled("%zu samples%s", data.size(), drawn);
    draw_plot(frame, data, binary, model);
    return;
  }
  run_combo(frame);
  char samples[64];
  std::snprintf(samples, sizeof samples, "%zu samples%s", data.size(), drawn);
  // Beside the combo when it fits: a line of its own would take room from the plot.
  const float room = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x -
                     ImGui::GetItemRectMax().x - ImGui::GetStyle().ItemSpacing.x;
  if (ImGui::CalcTextSize(samples).x <= room) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", samples);
  }
  if (ImGui::BeginTabBar("network views")) {
    // Each tab's tooltip right after it: once its contents are drawn, they are the last item.
    const bool regions = ImGui::BeginTabItem("Regions");
    tooltip("The run's decision regions over the data, and every run's decision boundary");
    if (regions) {
      draw_plot(frame, data, binary, nullptr);
      ImGui::EndTabItem();
    }
    const bool gradients = ImGui::BeginTabItem("Gradient per layer");
    tooltip(
        "‖∂loss/∂W‖ of each layer of the run at the shown step, on a log scale: how much of the\n"
        "gradient reaches it (in a deep sigmoid network, the first layers get almost none)");
    if (gradients) {
      draw_gradients(frame);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
}

}  // namespace descent::ui
