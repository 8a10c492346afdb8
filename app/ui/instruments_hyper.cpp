// The instruments' hyperparameter map: two keys of the run's optimizer, every pair of values.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "instrument_widgets.hpp"
#include "instruments_panel.hpp"
#include "optimizer_registry.hpp"
#include "rounded.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

// How a settings lane ended, as a colour: converged in blue, brighter the sooner; diverged in
// red, brighter the sooner it blew up; grey not converged by the step limit; a setting the
// optimizer refused, dark.
Rgb speed_colour(const LaneOutcome& o, std::int64_t steps) {
  const double share = steps <= 1 ? 1
                                  : std::clamp(std::log1p(static_cast<double>(o.steps)) /
                                                   std::log1p(static_cast<double>(steps)),
                                               0.0, 1.0);
  const double bright = 1 - 0.7 * share;
  auto mix = [&](double a, double b) {
    return static_cast<std::uint8_t>(std::lround(a + (b - a) * bright));
  };
  switch (o.status) {
    case RunStatus::converged:
      return {mix(20, 86), mix(40, 180), mix(70, 233)};
    case RunStatus::diverged:
      return {mix(70, 230), mix(20, 80), mix(20, 40)};
    case RunStatus::failed:
      return {40, 40, 40};
    default:
      return {128, 128, 128};
  }
}

// A combo over the real-valued keys of an optimizer; true when `key` changed.
bool key_combo(const char* id, const OptimizerInfo& optimizer, std::string& key,
               const std::string& other) {
  bool changed = false;
  if (ImGui::BeginCombo(id, key.empty() ? "none" : key.c_str())) {
    for (const ParamSpec& p : optimizer.params) {
      if (p.kind != ParamKind::real || p.key == other) continue;
      if (ImGui::Selectable(p.key.c_str(), p.key == key) && p.key != key) {
        key = p.key;
        changed = true;
      }
      tooltip(p.help.c_str());
    }
    ImGui::EndCombo();
  }
  return changed;
}

}  // namespace

void InstrumentsPanel::draw_hyper(Frame& frame, const LabRun& run) {
  const OptimizerInfo& optimizer = optimizers().find(run.spec.name);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  if (key_combo("##key x", optimizer, m_key_x, m_key_y)) m_axis_x.reset();
  tooltip("The key across");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  if (key_combo("##key y", optimizer, m_key_y, m_key_x)) m_axis_y.reset();
  tooltip("The key up");
  // Each axis linear or logarithmic (a log axis starts above 0).
  auto log_box = [](const char* label, std::optional<KeyAxis>& axis) {
    if (!axis) return;
    bool log = axis->log;
    if (ImGui::Checkbox(label, &log)) {
      axis->log = log;
      if (log && !(axis->lo > 0)) axis->lo = axis->hi > 0 ? axis->hi * 1e-4 : 1e-4;
      if (log && !(axis->hi > axis->lo)) axis->hi = axis->lo * 1e4;
    }
    tooltip(
        "Values spaced evenly on a log scale: for keys that matter by their order of "
        "magnitude, such as lr or eps");
  };
  log_box(cat("log ", m_key_x, "###log x").c_str(), m_axis_x);
  if (m_axis_y) {
    ImGui::SameLine();
    log_box(cat("log ", m_key_y, "###log y").c_str(), m_axis_y);
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("reset")) m_axis_x.reset(), m_axis_y.reset();
  tooltip("Back to each key's whole slider range (after zooming or panning)");
  // The key to the colours.
  swatch(speed_colour({.status = RunStatus::converged, .steps = 1}, 100), "converged");
  ImGui::SameLine();
  swatch(speed_colour({.status = RunStatus::diverged, .steps = 1}, 100), "diverged");
  ImGui::SameLine();
  swatch(speed_colour({.status = RunStatus::finished, .steps = 100}, 100), "neither");
  tooltip(
      "Brighter blue: converged sooner; brighter red: diverged sooner; grey: neither by the "
      "step limit; dark: a setting the optimizer refuses");
  progress_line(m_hyper, "map");
  const auto map = m_hyper.map();
  if (!map || map->request.axes.empty()) return;
  const KeyAxis& ax = map->request.axes[0];
  const bool two = map->request.axes.size() > 1;
  const KeyAxis ay = two ? map->request.axes[1] : KeyAxis{"", 0, 1, false, 1};
  // The map shown may still be of the run's previous optimizer, until this one's arrives.
  const ParamValues values = optimizers().resolve({run.spec.name, run.spec.params});
  if (map->request.optimizer.name != run.spec.name || !values.count(ax.key) ||
      (two && !values.count(ay.key)))
    return;
  auto to_axis = [](const KeyAxis& a, double v) { return a.log ? std::log10(v) : v; };
  auto from_axis = [](const KeyAxis& a, double u) { return a.log ? std::pow(10.0, u) : u; };
  Plot plot = Plot::layout(ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail(), "0.000");
  // Each cell centred on its value (the values are an inclusive grid): half a step beyond the
  // ends.
  auto span = [&](const KeyAxis& a) {
    const double lo = to_axis(a, a.lo), hi = to_axis(a, a.hi);
    const double half_step = a.count > 1 ? (hi - lo) / (a.count - 1) / 2 : 0.5;
    return std::pair{lo - half_step, hi + half_step};
  };
  std::tie(plot.x0, plot.x1) = span(ax);
  std::tie(plot.y0, plot.y1) = span(ay);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  plot.background(draw);
  const int nx = map->request.columns(), ny = map->request.rows();
  const float cw = plot.width() / static_cast<float>(nx),
              ch = plot.height() / static_cast<float>(ny);
  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const ImVec2 a(plot.lo.x + cw * static_cast<float>(i),
                     plot.hi.y - ch * static_cast<float>(j + 1));
      draw->AddRectFilled(a, ImVec2(a.x + cw + 0.5f, a.y + ch + 0.5f),
                          colour(speed_colour(map->at(i, j), map->request.limits.max_steps)));
    }
  auto ticks = [&](const KeyAxis& a, float length) {
    const int target = std::max(2, static_cast<int>(length / (ImGui::GetFontSize() * 4)));
    if (!a.log) return linear_ticks(a.lo, a.hi, target);
    std::vector<Tick> t = log_ticks(a.lo, a.hi, target);
    for (Tick& k : t) k.value = std::log10(k.value);
    return t;
  };
  plot.draw_x_ticks(draw, ticks(ax, plot.width()), TickStyle::marks);
  if (two) plot.draw_y_ticks(draw, ticks(ay, plot.height()), TickStyle::marks);
  // The run's own setting, marked.
  const double vx = values.at(ax.key), vy = two ? values.at(ay.key) : (ay.lo + ay.hi) / 2;
  if ((!ax.log || vx > 0) && (!ay.log || vy > 0)) {
    const ImVec2 at =
        plot.to_screen(to_axis(ax, vx), two ? to_axis(ay, vy) : (plot.y0 + plot.y1) / 2);
    const float s = ImGui::GetFontSize() * 0.5f;
    draw->PushClipRect(plot.lo, plot.hi, true);
    draw->AddCircle(at, s, IM_COL32(0, 0, 0, 255), 0, 4);
    draw->AddCircle(at, s, colour(run.colour), 0, 2);
    draw->PopClipRect();
  }
  plot.border(draw);
  plot.axis_names(draw, ax.key.c_str(), two ? ay.key.c_str() : "");
  ImGui::SetCursorScreenPos(plot.lo);
  ImGui::InvisibleButton("hyper map", ImVec2(plot.width(), plot.height()),
                         ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  if (!ImGui::IsItemHovered() && !ImGui::IsItemActive()) return;
  ImGuiIO& io = ImGui::GetIO();
  const ImVec2 mouse = io.MousePos;
  const double ux = plot.from_x(mouse.x), uy = plot.from_y(mouse.y);
  // Zoom about the mouse with the wheel, pan with the right button: the map is computed anew.
  auto zoom = [&](std::optional<KeyAxis>& a, double u, double factor) {
    if (!a) return;
    const double lo = to_axis(*a, a->lo), hi = to_axis(*a, a->hi);
    // No closer than a millionth of the value (or of a decade, on a log axis).
    const double least = a->log ? 1e-6 : 1e-6 * std::max({std::abs(lo), std::abs(hi), 1e-12});
    if (factor < 1 && (hi - lo) * factor < least) return;
    a->lo = from_axis(*a, u + (lo - u) * factor), a->hi = from_axis(*a, u + (hi - u) * factor);
  };
  if (io.MouseWheel != 0 && !io.KeyCtrl) {
    const double f = std::pow(1.25, -io.MouseWheel);
    zoom(m_axis_x, ux, f);
    if (two) zoom(m_axis_y, uy, f);
  }
  if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Right)) {
    auto pan = [&](std::optional<KeyAxis>& a, double du) {
      if (!a) return;
      a->lo = from_axis(*a, to_axis(*a, a->lo) - du),
      a->hi = from_axis(*a, to_axis(*a, a->hi) - du);
    };
    pan(m_axis_x, io.MouseDelta.x / plot.width() * (plot.x1 - plot.x0));
    if (two) pan(m_axis_y, -io.MouseDelta.y / plot.height() * (plot.y1 - plot.y0));
  }
  const int i = std::clamp(static_cast<int>((mouse.x - plot.lo.x) / cw), 0, nx - 1),
            j = std::clamp(static_cast<int>((plot.hi.y - mouse.y) / ch), 0, ny - 1);
  const LaneOutcome& o = map->at(i, j);
  std::vector<ReadoutLine> lines{{cat(ax.key, " = ", rounded(ax.at(i))), std::nullopt}};
  if (two) lines.push_back({cat(ay.key, " = ", rounded(ay.at(j))), std::nullopt});
  lines.push_back({status_text(o), std::nullopt});
  lines.push_back(
      {"click: give the run these settings; wheel: zoom; right-drag: pan", std::nullopt});
  hover_readout(plot, mouse, lines);
  if (ImGui::IsItemClicked(ImGuiMouseButton_Left) && o.status != RunStatus::failed) {
    OptimizerSpec spec = run.spec;
    spec.params[ax.key] = ax.at(i);
    if (two) spec.params[ay.key] = ay.at(j);
    try {
      frame.lab.set_spec(run.id, spec);
    } catch (const std::invalid_argument&) {
    }
  }
}

}  // namespace descent::ui
