// The instruments' learning-rate sweep: its plot, and the fan of paths the canvas draws.
#include <algorithm>
#include <cmath>

#include "instrument_widgets.hpp"
#include "instruments_panel.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "rounded.hpp"
#include "run.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {

std::shared_ptr<const std::vector<InstrumentsPanel::FanPath>> InstrumentsPanel::fan() const {
  std::lock_guard lock(m_fan->mutex);
  return m_fan->paths;
}

void InstrumentsPanel::request_fan(const LaneMapRequest& request) {
  if (m_fan_of == request) return;
  m_fan_of = request;
  const std::uint64_t number = ++m_fan->number;
  {
    std::lock_guard lock(m_fan->mutex);
    m_fan->paths.reset();
  }
  // 12 of the sweep's learning rates, evenly across its axis, each a run recorded at about 300
  // points: enough to see the paths bend as lr grows.
  m_session.run_in_background([state = m_fan, request, number] {
    constexpr int kPaths = 12;
    const KeyAxis& axis = request.axes[0];
    auto paths = std::make_shared<std::vector<FanPath>>();
    // Light grey (the lowest lr) to Tol's magenta (the highest): apart from the runs' colours.
    const Rgb low{0xDD, 0xDD, 0xDD}, middle{0xE6, 0x88, 0xAA}, high{0xEE, 0x33, 0x77};
    for (int k = 0; k < kPaths; ++k) {
      if (state->number != number) return;
      const double t = static_cast<double>(k) / (kPaths - 1);
      const double lr = axis.at(static_cast<int>(std::lround(t * (axis.count - 1))));
      auto blend = [&](Rgb a, Rgb b, double u) {
        auto m = [&](std::uint8_t x, std::uint8_t y) {
          return static_cast<std::uint8_t>(std::lround(x + (y - x) * u));
        };
        return Rgb{m(a.r, b.r), m(a.g, b.g), m(a.b, b.b)};
      };
      OptimizerSpec spec = request.optimizer;
      spec.params["lr"] = lr;
      try {
        Run run(request.objective, Optimizer(spec), request.start,
                {.max_steps = request.limits.max_steps,
                 .tolerance = request.limits.tolerance,
                 .record_every = std::max<std::int64_t>(1, request.limits.max_steps / 300)});
        while (run.advance(1 << 16))
          if (state->number != number) return;
        const Trajectory& path = *run.trajectory();
        FanPath fan{lr,
                    t < 0.5 ? blend(low, middle, t * 2) : blend(middle, high, t * 2 - 1),
                    path.status(),
                    {}};
        for (std::size_t i = 0; i < path.size(); ++i) fan.points.emplace_back(path[i].x, path[i].y);
        paths->push_back(std::move(fan));
      } catch (const std::invalid_argument&) {  // a learning rate the optimizer refuses
      }
    }
    std::lock_guard lock(state->mutex);
    if (state->number == number) state->paths = std::move(paths);
  });
}

void InstrumentsPanel::draw_sweep(Frame& frame, const LabRun& run) {
  // The controls: how many rates, and what is plotted up.
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo("##rates", cat(m_sweep_count, " rates").c_str())) {
    for (int n : {16, 32, 64, 128, 256})
      if (ImGui::Selectable(cat(n, " rates").c_str(), n == m_sweep_count)) m_sweep_count = n;
    ImGui::EndCombo();
  }
  tooltip("Learning rates on a log scale from a hundredth to a hundred times the run's own");
  ImGui::SameLine();
  if (ImGui::SmallButton("centre")) m_sweep_centre.reset();
  tooltip("Centre the rates on the run's lr now (clicking a rate moves the run, not the axis)");
  ImGui::SameLine();
  ImGui::RadioButton("loss", &m_sweep_shows_steps, 0);
  tooltip("Up: the loss after the step limit");
  ImGui::SameLine();
  ImGui::RadioButton("steps", &m_sweep_shows_steps, 1);
  tooltip(
      "Up: the step at which each run converged (the runs table's tolerance); runs that did "
      "not are circles along the top");
  progress_line(m_sweep, "sweep");
  const auto map = m_sweep.map();
  if (!map || map->request.axes.empty()) return;
  const KeyAxis& axis = map->request.axes[0];
  const std::int64_t steps = map->request.limits.max_steps;
  const bool by_steps = m_sweep_shows_steps == 1;
  // The loss on a log scale, unless some finite loss is 0 or below (Styblinski-Tang, McCormick):
  // then on a linear one.
  bool log_loss = true;
  for (const LaneOutcome& o : map->outcomes)
    if (o.status != RunStatus::diverged && std::isfinite(o.loss) && !(o.loss > 0)) log_loss = false;
  const bool log_y = by_steps || log_loss;
  // What a lane plots up (log10), if anything: its loss, or the step it converged at.
  auto value = [&](const LaneOutcome& o) -> std::optional<double> {
    if (by_steps) {
      if (o.status != RunStatus::converged) return std::nullopt;
      return std::log10(std::max<double>(1, static_cast<double>(o.steps)));
    }
    if (o.status == RunStatus::diverged || !std::isfinite(o.loss)) return std::nullopt;
    return log_loss ? std::log10(o.loss) : o.loss;
  };
  double lo_loss = HUGE_VAL, hi_loss = -HUGE_VAL;
  for (const LaneOutcome& o : map->outcomes)
    if (const auto v = value(o)) lo_loss = std::min(lo_loss, *v), hi_loss = std::max(hi_loss, *v);
  if (!(lo_loss <= hi_loss)) lo_loss = -1, hi_loss = 1;
  if (hi_loss - lo_loss < (log_y ? 1 : 1e-12)) {
    const double pad = log_y ? 0.5 : std::max(1e-6, std::abs(hi_loss) * 0.1);
    lo_loss -= pad, hi_loss += pad;
  }
  Plot plot = Plot::layout(
      ImGui::GetCursorScreenPos(),
      ImVec2(ImGui::GetContentRegionAvail().x,
             ImGui::GetContentRegionAvail().y - 2 * ImGui::GetTextLineHeightWithSpacing()),
      "1e-00");
  plot.x0 = std::log10(axis.lo), plot.x1 = std::log10(axis.hi);
  plot.y0 = lo_loss - 0.05 * (hi_loss - lo_loss), plot.y1 = hi_loss + 0.12 * (hi_loss - lo_loss);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const PlotColours c = PlotColours::current();
  plot.background(draw);
  std::vector<Tick> x_ticks = log_ticks(
      axis.lo, axis.hi, std::max(2, static_cast<int>(plot.width() / (ImGui::GetFontSize() * 4))));
  for (Tick& t : x_ticks) t.value = std::log10(t.value);
  plot.draw_x_ticks(draw, x_ticks, TickStyle::grid);
  plot.draw_y_ticks(draw, plot.y_ticks(log_y), TickStyle::grid, log_y);
  draw->PushClipRect(plot.lo, plot.hi, true);
  // The best rate (the lowest finite loss of a run that did not diverge), and the diverging
  // edge: the first rate above it whose run diverged.
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < map->outcomes.size(); ++i) {
    const LaneOutcome& o = map->outcomes[i];
    if ((o.status == RunStatus::converged || o.status == RunStatus::finished) &&
        std::isfinite(o.loss) && (!best || o.loss < map->outcomes[*best].loss))
      best = i;
  }
  std::optional<std::size_t> edge;
  for (std::size_t i = best.value_or(0); i < map->outcomes.size(); ++i)
    if (map->outcomes[i].status == RunStatus::diverged) {
      edge = i;
      break;
    }
  const Rgb red{0xD5, 0x5E, 0x00};
  if (edge) {
    const double x = std::log10(axis.at(static_cast<int>(*edge))),
                 x_before = *edge > 0 ? std::log10(axis.at(static_cast<int>(*edge) - 1)) : x;
    const float sx = plot.to_x((x + x_before) / 2);
    draw->AddRectFilled(ImVec2(sx, plot.lo.y), plot.hi, colour(red, 0.15f));
    vertical_cursor(draw, plot, sx, colour(red), 2);
  }
  // The run's own lr.
  const double lr = optimizers().resolve({run.spec.name, run.spec.params}).at("lr");
  if (lr > 0) vertical_cursor(draw, plot, plot.to_x(std::log10(lr)), colour(run.colour), 1.5f);
  // The losses, a dot each; diverged runs as crosses along the top.
  std::vector<ImVec2> line;
  const float r = ImGui::GetFontSize() * 0.22f;
  std::optional<std::size_t> hovered;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  float nearest = ImGui::GetFontSize();
  for (std::size_t i = 0; i < map->outcomes.size(); ++i) {
    const LaneOutcome& o = map->outcomes[i];
    const float sx = plot.to_x(std::log10(axis.at(static_cast<int>(i))));
    if (plot.contains(mouse) && std::abs(mouse.x - sx) < nearest)
      nearest = std::abs(mouse.x - sx), hovered = i;
    const auto v = value(o);
    if (!v) {  // along the top: a cross where it diverged, a circle where it did not converge
      const float sy = plot.lo.y + r * 2;
      if (o.status == RunStatus::diverged) {
        draw->AddLine(ImVec2(sx - r, sy - r), ImVec2(sx + r, sy + r), colour(red), 1.5f);
        draw->AddLine(ImVec2(sx - r, sy + r), ImVec2(sx + r, sy - r), colour(red), 1.5f);
      } else {
        draw->AddCircle(ImVec2(sx, sy), r, c.dim, 0, 1.5f);
      }
      continue;
    }
    const ImVec2 p = plot.to_screen(std::log10(axis.at(static_cast<int>(i))), *v);
    line.push_back(p);
    if (o.status == RunStatus::converged)
      draw->AddCircleFilled(p, r, colour(run.colour));
    else
      draw->AddCircle(p, r, colour(run.colour), 0, 1.5f);
  }
  if (line.size() > 1)
    Plot::line(draw, line, colour(run.colour, 0.6f), 1, outline_for(run.colour, c.background_rgb));
  if (hovered)
    vertical_cursor(draw, plot, plot.to_x(std::log10(axis.at(static_cast<int>(*hovered)))),
                    c.cursor, 1);
  draw->PopClipRect();
  plot.border(draw);
  plot.axis_names(
      draw, "lr",
      by_steps ? "steps to tolerance" : cat("final loss (tolerance or ", steps, " steps)").c_str());
  ImGui::SetCursorScreenPos(plot.lo);
  ImGui::InvisibleButton("sweep plot", ImVec2(plot.width(), plot.height()));
  if (hovered && ImGui::IsItemHovered()) {
    const LaneOutcome& o = map->outcomes[*hovered];
    const double hovered_lr = axis.at(static_cast<int>(*hovered));
    std::vector<ReadoutLine> lines{
        {cat("lr = ", rounded(hovered_lr)), run.colour},
        {o.status == RunStatus::diverged ? status_text(o)
                                         : cat("loss ", rounded(o.loss), ", ", status_text(o)),
         std::nullopt},
        {"click: give the run this lr", std::nullopt}};
    hover_readout(plot, mouse, lines);
    if (ImGui::IsItemClicked()) {
      OptimizerSpec spec = run.spec;
      spec.params["lr"] = hovered_lr;
      try {
        frame.lab.set_spec(run.id, spec);
      } catch (const std::invalid_argument&) {
      }
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(plot.lo.x - ImGui::CalcTextSize("1e-00").x,
                                   plot.hi.y + ImGui::GetTextLineHeight() * 1.4f));
  if (best)
    ImGui::Text("best loss %s at lr %s", rounded(map->outcomes[*best].loss).c_str(),
                rounded(axis.at(static_cast<int>(*best))).c_str());
  else
    ImGui::TextUnformatted("every rate diverged or failed");
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + plot.lo.x - ImGui::GetCursorScreenPos().x -
                       ImGui::CalcTextSize("1e-00").x);
  if (edge)
    ImGui::Text("diverges from lr %s", rounded(axis.at(static_cast<int>(*edge))).c_str());
  else
    ImGui::TextUnformatted("no rate diverged");
  tooltip("The diverging edge: the first learning rate above the best whose run diverged");
}

}  // namespace descent::ui
