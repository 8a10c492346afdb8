// The instruments' sharpness plot: λmax, the largest eigenvalue of the loss's Hessian, at each
// visible run's points against the step, with each run's 2/lr. Gradient descent on a quadratic
// is stable while λmax < 2/lr; trained at a fixed lr, the sharpness often rises to 2/lr and
// hovers there: the "edge of stability" (Cohen et al. 2021).
#include <algorithm>
#include <cmath>

#include "axis_ticks.hpp"
#include "curvature.hpp"
#include "instruments_panel.hpp"
#include "optimizer_registry.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

// Points per run at most: the curvature at each is a Hessian (4 gradients where by differences).
constexpr std::size_t kSharpnessPoints = 400;

// A polyline drawn in dashes `dash` pixels long, as far apart.
void dashed(ImDrawList* draw, const std::vector<ImVec2>& points, ImU32 ink, float width,
            float dash) {
  float along = 0;  // into the current dash and gap
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const ImVec2 a = points[i], b = points[i + 1];
    const float length = std::hypot(b.x - a.x, b.y - a.y);
    for (float t = 0; t < length;) {
      const float left = (along < dash ? dash : 2 * dash) - along;
      const float next = std::min(length, t + left);
      if (along < dash) {
        const float u = t / length, v = next / length;
        draw->AddLine({a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u},
                      {a.x + (b.x - a.x) * v, a.y + (b.y - a.y) * v}, ink, width);
      }
      along = std::fmod(along + (next - t), 2 * dash);
      t = next;
    }
  }
}

}  // namespace

void InstrumentsPanel::request_sharpness(const Frame& frame) {
  std::vector<SharpnessCurve::Key> keys;
  for (const RunRow& row : frame.rows)
    if (row.run->visible && row.view)
      keys.push_back({row.run->id, row.view->version, row.view->trajectory->size()});
  {
    std::lock_guard lock(m_sharpness->mutex);
    // Again when a run was added, changed, or grew by a tenth since.
    bool stale = keys.size() != m_sharpness_keys.size();
    for (std::size_t i = 0; !stale && i < keys.size(); ++i)
      stale = keys[i].id != m_sharpness_keys[i].id ||
              keys[i].version != m_sharpness_keys[i].version ||
              keys[i].points > m_sharpness_keys[i].points * 11 / 10 + 1;
    if (!stale && m_sharpness_of == frame.lab.objective()) return;
  }
  m_sharpness_keys = keys;
  m_sharpness_of = frame.lab.objective();
  const std::uint64_t number = ++m_sharpness->number;
  struct Input {
    RunId id;
    Rgb colour;
    std::shared_ptr<const Trajectory> trajectory;
    std::size_t points;
    OptimizerSpec spec;
    double lr, momentum;
  };
  std::vector<Input> inputs;
  for (const RunRow& row : frame.rows) {
    if (!row.run->visible || !row.view) continue;
    const auto& p = row.view->params;
    inputs.push_back(
        {row.run->id, row.run->colour, row.view->trajectory, row.view->trajectory->size(),
         row.view->config.optimizer, p.at("lr"),
         p.count("momentum") && row.view->config.optimizer.name == "sgd" ? p.at("momentum") : 0});
  }
  m_session.run_in_background([state = m_sharpness, inputs = std::move(inputs),
                               objective = frame.lab.objective(), number] {
    auto curves = std::make_shared<std::vector<SharpnessCurve>>();
    for (const Input& in : inputs) {
      SharpnessCurve c{.id = in.id, .colour = in.colour};
      const Schedule schedule(in.spec.name, in.spec.schedule);
      const std::size_t n = in.points, stride = std::max<std::size_t>(1, n / kSharpnessPoints);
      for (std::size_t i = 0; i < n; i += stride) {
        if (state->number != number) return;
        const TrajectoryPoint& p = (*in.trajectory)[i];
        const auto curvature = curvature_at(*objective, Vec2(p.x, p.y));
        if (!curvature) continue;
        const std::int64_t step = in.trajectory->step(i);
        c.steps.push_back(static_cast<double>(step));
        c.lambda.push_back(curvature->lambda_max());
        // Plain gradient descent's limit: adaptive rules scale their steps per coordinate, and
        // the line searches and Newton pick their own.
        c.limit.push_back(in.spec.name == "sgd" ? 2 * (1 + in.momentum) / schedule.lr(in.lr, step)
                                                : NAN);
        c.analytic = curvature->analytic;
      }
      curves->push_back(std::move(c));
    }
    std::lock_guard lock(state->mutex);
    if (state->number == number) state->curves = std::move(curves), state->done = number;
  });
}

void InstrumentsPanel::draw_sharpness(Frame& frame) {
  request_sharpness(frame);
  std::shared_ptr<const std::vector<SharpnessCurve>> curves;
  {
    std::lock_guard lock(m_sharpness->mutex);
    curves = m_sharpness->curves;
  }
  ImGui::TextWrapped(
      "λmax (solid) against the step, and for SGD runs 2/lr (dashed; 2(1+momentum)/lr with "
      "momentum): plain gradient descent is stable where λmax < 2/lr.");
  tooltip(
      "λmax is the largest eigenvalue of the loss's Hessian at the run's point: the sharpest "
      "curvature. At a fixed lr gradient descent often sharpens until λmax reaches 2/lr, then "
      "hovers there, the edge of stability (Cohen et al. 2021). Adaptive optimizers (Adam, "
      "RMSprop) divide the step per coordinate: their limit applies to the preconditioned "
      "Hessian, which is not drawn.");
  if (!curves) {
    ImGui::TextDisabled("computing…");
    return;
  }
  const bool differences = std::any_of(curves->begin(), curves->end(),
                                       [](const SharpnessCurve& c) { return !c.analytic; });
  if (differences)
    ImGui::TextDisabled(
        frame.lab.objective()->network_slice()
            ? "Hessian of the loss on the plane (its 2D restriction), by differences of gradients"
            : "Hessian by differences of gradients (no analytic one here)");
  double x1 = 1, lo = INFINITY, hi = -INFINITY;
  for (const SharpnessCurve& c : *curves)
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      x1 = std::max(x1, c.steps[i]);
      for (double v : {c.lambda[i], c.limit[i]})
        if (v > 0 && std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
  if (!(lo <= hi)) {
    ImGui::TextDisabled("no point curves up (λmax <= 0 everywhere shown)");
    return;
  }
  Plot plot = Plot::layout(ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail(), "1e-10");
  plot.x0 = 0, plot.x1 = x1;
  plot.y0 = std::log10(lo) - 0.1, plot.y1 = std::log10(hi) + 0.1;
  if (const double mid = (plot.y0 + plot.y1) / 2; plot.y1 - plot.y0 < 2)  // ticks need decades
    plot.y0 = mid - 1, plot.y1 = mid + 1;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  plot.background(draw);
  plot.draw_x_ticks(draw, plot.x_ticks(), TickStyle::grid);
  plot.draw_y_ticks(draw, plot.y_ticks(true), TickStyle::grid, true);
  draw->PushClipRect(plot.lo, plot.hi, true);
  const PlotColours colours = PlotColours::current();
  const float font = ImGui::GetFontSize();
  for (const SharpnessCurve& c : *curves) {
    std::vector<ImVec2> solid;
    auto flush = [&] {
      Plot::line(draw, solid, colour(c.colour), font * 0.14f,
                 outline_for(c.colour, colours.background_rgb));
      solid.clear();
    };
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      if (!(c.lambda[i] > 0)) {  // curving down: a gap in the log plot
        flush();
        continue;
      }
      solid.push_back(plot.to_screen(c.steps[i], std::log10(c.lambda[i])));
    }
    flush();
    // 2/lr, dashed.
    std::vector<ImVec2> limit;
    for (std::size_t i = 0; i < c.steps.size(); ++i)
      if (c.limit[i] > 0 && std::isfinite(c.limit[i]))
        limit.push_back(plot.to_screen(c.steps[i], std::log10(c.limit[i])));
    if (limit.size() == 1) limit = {{plot.lo.x, limit[0].y}, {plot.hi.x, limit[0].y}};
    dashed(draw, limit, colour(c.colour), font * 0.12f, font * 0.6f);
  }
  vertical_cursor(draw, plot, plot.to_x(static_cast<double>(frame.shown_step)), colours.cursor,
                  1.5f);
  draw->PopClipRect();
  plot.border(draw);
  plot.axis_names(draw, "step", "λmax");
  ImGui::Dummy(ImVec2(plot.width(), plot.height()));
}

}  // namespace descent::ui
