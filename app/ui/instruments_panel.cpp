#include "instruments_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "basin_map.hpp"
#include "instrument_widgets.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "rounded.hpp"
#include "run.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

// Instruments take at most this many steps a run: a map of 65,536 runs at a billion steps each
// would never end.
constexpr std::int64_t kMostSteps = 5000;
// And at most about this much work a map (in Objective::gradient_cost units, about a
// nanosecond each: some seconds on two cores): a model over many samples gets fewer cells.
constexpr double kMostWork = 4e9;
constexpr int kHyperSide = 64;  // settings a side of the hyperparameter map

// The side of a square map of `side` cells a side that fits kMostWork; at least 8.
int affordable_side(int side, const Objective& objective, std::int64_t steps) {
  const double per_cell = std::max(1.0, objective.gradient_cost()) *
                          static_cast<double>(std::max<std::int64_t>(1, steps));
  return std::clamp(static_cast<int>(std::sqrt(kMostWork / per_cell)), 8, side);
}
constexpr int kBasinSides[] = {64, 128, 256, 512};

}  // namespace

InstrumentsPanel::InstrumentsPanel(Session& session)
    : m_session(session),
      m_basin(session),
      m_sweep(session),
      m_hyper(session),
      m_fan(std::make_shared<FanState>()) {}

InstrumentsPanel::~InstrumentsPanel() {
  ++m_fan->number;
}

const LabRun* InstrumentsPanel::run(const Frame& frame) const {
  const LabRun* first = nullptr;
  for (const LabRun& r : frame.lab.runs()) {
    if (m_picked && r.id == *m_picked) return &r;
    if (!first && r.visible) first = &r;
  }
  return first;
}

LaneLimits InstrumentsPanel::limits(const Frame& frame) const {
  return {.max_steps = std::min(frame.lab.step_limit(), kMostSteps),
          .tolerance = frame.settings.tolerance};
}

Vec2 InstrumentsPanel::start_of(const Frame& frame, const LabRun& run) const {
  return run.start.value_or(frame.lab.start());
}

KeyAxis InstrumentsPanel::default_axis(const LabRun& run, const std::string& key, int count) const {
  const ParamSpec* spec = find_spec(optimizers().find(run.spec.name).params, key);
  KeyAxis axis{key, 0, 1, false, count};
  if (!spec) return axis;
  axis.log = spec->log_scale;
  axis.lo = spec->ui_min, axis.hi = spec->ui_max;
  if (axis.log && !(axis.lo > 0)) axis.lo = axis.hi * 1e-4;
  return axis;
}

void InstrumentsPanel::update(Frame& frame, const Box& visible, double aspect) {
  update_anatomy(frame);
  const auto& objective = frame.lab.objective();
  const LabRun* r = run(frame);
  if (!objective || objective->network_slice() || !r) {
    m_basin.clear(), m_sweep.clear(), m_hyper.clear();
    m_fan_of.reset();
    ++m_fan->number;
    {
      std::lock_guard lock(m_fan->mutex);
      m_fan->paths.reset();
    }
    m_overlay = {};
    m_overlay_of.reset();
    return;
  }
  const LaneLimits lim = limits(frame);
  auto ask = [](LaneMapper& mapper, const LaneMapRequest& request) {
    try {
      mapper.request(request);
    } catch (const std::invalid_argument&) {
      mapper.clear();  // a setting being typed: nothing to map until it is valid
    }
  };
  if (basin_shown) {
    LaneMapRequest q{.objective = objective, .optimizer = r->spec, .limits = lim, .box = visible};
    const double a = std::clamp(aspect, 0.25, 4.0);
    const int side = affordable_side(m_basin_side, *objective, lim.max_steps);
    q.width = a >= 1 ? side : std::max(2, static_cast<int>(std::lround(side * a)));
    q.height = a >= 1 ? std::max(2, static_cast<int>(std::lround(side / a))) : side;
    ask(m_basin, q);
  } else {
    m_basin.clear();
  }
  if (open && m_tab == Tab::sweep) {
    const double lr = r->spec.params.count("lr")
                          ? r->spec.params.at("lr")
                          : optimizers().resolve({r->spec.name, r->spec.params}).at("lr");
    if (!m_sweep_centre || m_sweep_centre->first != r->id) m_sweep_centre = {r->id, lr};
    const double centre = m_sweep_centre->second;
    const auto [lo, hi] =
        centre > 0 ? std::pair{centre / 100, centre * 100} : std::pair{1e-6, 1e-1};
    const LaneMapRequest sweep{.objective = objective,
                               .optimizer = r->spec,
                               .limits = lim,
                               .axes = {{"lr", lo, hi, true, m_sweep_count}},
                               .start = start_of(frame, *r)};
    ask(m_sweep, sweep);
    request_fan(sweep);
  } else {
    m_sweep.clear();
    if (m_fan_of) {
      m_fan_of.reset();
      ++m_fan->number;
      std::lock_guard lock(m_fan->mutex);
      m_fan->paths.reset();
    }
  }
  if (open && m_tab == Tab::hyper) {
    if (m_hyper_of != r->spec.name) {  // keys of another optimizer: its first two
      m_hyper_of = r->spec.name;
      m_key_x = "lr", m_key_y.clear();
      for (const ParamSpec& p : optimizers().find(r->spec.name).params)
        if (p.kind == ParamKind::real && p.key != "lr" && p.key != "weight_decay" &&
            m_key_y.empty())
          m_key_y = p.key;
      m_axis_x.reset(), m_axis_y.reset();
    }
    const int side = affordable_side(kHyperSide, *objective, lim.max_steps);
    if (!m_axis_x) m_axis_x = default_axis(*r, m_key_x, side);
    if (!m_axis_y && !m_key_y.empty()) m_axis_y = default_axis(*r, m_key_y, side);
    m_axis_x->count = side;
    LaneMapRequest q{.objective = objective,
                     .optimizer = r->spec,
                     .limits = lim,
                     .axes = {*m_axis_x},
                     .start = start_of(frame, *r)};
    if (m_axis_y) {
      m_axis_y->count = side;
      q.axes.push_back(*m_axis_y);
    }
    ask(m_hyper, q);
  } else {
    m_hyper.clear();
  }

  // The overlay, once per new basin map: its cells are the grid's starts, each the middle of
  // its pixel.
  const auto map = basin_shown ? m_basin.map() : nullptr;
  if (map != m_overlay_of) {
    m_overlay_of = map;
    m_overlay = {};
    if (map) {
      const LaneMapRequest& q = map->request;
      const ObjectiveInfo& info = objective->info();
      m_minima.emplace(info);
      // The legend's counts: each minimum's starts, then diverged, not converged, elsewhere.
      const std::size_t n = m_minima->points().size();
      m_counts.assign(n + 3, 0);
      for (const LaneOutcome& o : map->outcomes) {
        if (o.status == RunStatus::diverged)
          ++m_counts[n];
        else if (o.status != RunStatus::converged)
          ++m_counts[n + 1];
        else if (const auto k = m_minima->reached(o.end))
          ++m_counts[*k];
        else
          ++m_counts[n + 2];
      }
      m_overlay.rgba = std::make_shared<const std::vector<std::uint8_t>>(
          basin_image(info, map->outcomes, q.width, q.height, q.limits.max_steps, 1));
      m_overlay.width = q.width, m_overlay.height = q.height;
      const double dx = (q.box.x_max - q.box.x_min) / std::max(1, q.width - 1) / 2,
                   dy = (q.box.y_max - q.box.y_min) / std::max(1, q.height - 1) / 2;
      m_overlay.box = {q.box.x_min - dx, q.box.x_max + dx, q.box.y_min - dy, q.box.y_max + dy};
    }
  }
}

bool InstrumentsPanel::busy() const {
  return m_basin.progress() < 1 || m_sweep.progress() < 1 || m_hyper.progress() < 1 ||
         (m_fan_of && !fan()) || (basin_shown && m_basin.map() != m_overlay_of) ||
         m_explanations.busy() || m_sharpness->done != m_sharpness->number;
}

std::optional<LaneOutcome> InstrumentsPanel::basin_at(const Vec2& p) const {
  if (!basin_shown || !m_overlay_of) return std::nullopt;
  const LaneMapRequest& q = m_overlay_of->request;
  const Box& b = q.box;
  const double i = std::round((p.x() - b.x_min) / (b.x_max - b.x_min) * (q.width - 1)),
               j = std::round((p.y() - b.y_min) / (b.y_max - b.y_min) * (q.height - 1));
  if (!(i >= 0 && i < q.width && j >= 0 && j < q.height)) return std::nullopt;
  return m_overlay_of->at(static_cast<int>(i), static_cast<int>(j));
}

std::string InstrumentsPanel::basin_text(const LaneOutcome& o) const {
  std::string where;
  if (m_minima)
    if (const auto k = m_minima->of(o)) {
      const Vec2& m = m_minima->points()[*k];
      where = cat(" at the minimum (", rounded(m.x()), ", ", rounded(m.y()), ")");
    }
  return cat("basin map: ", status_text(o), where, "; click to add this run");
}

void InstrumentsPanel::run_combo(Frame& frame) {
  const LabRun* shown = run(frame);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Run");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 14));
  const std::string preview = shown ? frame.label(*shown) : "none";
  if (ImGui::BeginCombo("##instrument run", preview.c_str())) {
    for (const LabRun& r : frame.lab.runs()) {
      ImGui::PushID(static_cast<int>(r.id));
      ImGui::PushStyleColor(ImGuiCol_Text,
                            readable_text(r.colour, PlotColours::current().background_rgb));
      if (ImGui::Selectable(frame.label(r).c_str(), shown == &r)) m_picked = r.id;
      ImGui::PopStyleColor();
      if (ImGui::IsItemHovered()) frame.highlighted = r.id;
      ImGui::PopID();
    }
    ImGui::EndCombo();
  } else {
    tooltip(
        "The run whose optimizer and settings the instruments run again and again: from every "
        "start (the basin map), at every learning rate (the sweep), at every pair of settings "
        "(the hyperparameter map)");
  }
}

void InstrumentsPanel::draw(Frame& frame) {
  const auto& objective = frame.lab.objective();
  const bool network = objective && objective->network_slice();
  auto maps_only_two = [] {
    ImGui::TextWrapped(
        "A network's runs move all its weights, not a point of the plane: this instrument maps "
        "losses of two parameters (a surface, a formula, a two-parameter model).");
  };
  const LabRun* r = run(frame);
  if (!r) {
    ImGui::TextWrapped("Add a run: the instruments run its optimizer many times.");
    return;
  }
  run_combo(frame);
  if ((r->sampling.batch > 0 || r->sampling.gradient_noise > 0) && m_tab <= Tab::hyper)
    ImGui::TextDisabled("(maps run it full-batch, without noise)");
  if (ImGui::BeginTabBar("instruments")) {
    const Tab asked = m_tab;
    auto flags = [&](Tab t) {
      return m_select && asked == t ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    const bool basin = ImGui::BeginTabItem("Basins", nullptr, flags(Tab::basin));
    tooltip("A run from every start of the canvas: which minimum each reaches (B)");
    if (basin) {
      m_tab = Tab::basin;
      network ? maps_only_two() : draw_basin();
      ImGui::EndTabItem();
    }
    const bool sweep = ImGui::BeginTabItem("LR sweep", nullptr, flags(Tab::sweep));
    tooltip(
        "The run again at many learning rates: where is the best, where does it diverge? The "
        "canvas shows 12 of their paths, thin, from light grey (the lowest lr) to magenta (the "
        "highest).");
    if (sweep) {
      m_tab = Tab::sweep;
      network ? maps_only_two() : draw_sweep(frame, *r);
      ImGui::EndTabItem();
    }
    const bool hyper = ImGui::BeginTabItem("Hyper", nullptr, flags(Tab::hyper));
    tooltip(
        "The run again at every pair of two of its settings, coloured by how fast it "
        "converged or diverged");
    if (hyper) {
      m_tab = Tab::hyper;
      network ? maps_only_two() : draw_hyper(frame, *r);
      ImGui::EndTabItem();
    }
    const bool anatomy = ImGui::BeginTabItem("Anatomy", nullptr, flags(Tab::anatomy));
    tooltip(
        "Why the run's step at the shown point went where it went: the parts of its update "
        "(gradient, momentum, weight decay, ...) and its formula with this step's numbers (A: "
        "arrows on the canvas)");
    if (anatomy) {
      m_tab = Tab::anatomy;
      draw_anatomy(frame, *r);
      ImGui::EndTabItem();
    }
    const bool sharpness = ImGui::BeginTabItem("Sharpness", nullptr, flags(Tab::sharpness));
    tooltip("λmax, the sharpest curvature, along each visible run against 2/lr");
    if (sharpness) {
      m_tab = Tab::sharpness;
      draw_sharpness(frame);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
    if (m_select) m_tab = asked, m_select = false;
  }
}

void InstrumentsPanel::draw_basin() {
  ImGui::Checkbox("Show on the canvas (B)", &basin_shown);
  tooltip(
      "Colours every start of the canvas by where the run from there ends: the colour of the "
      "known minimum it converged to (darker: more steps), black where it diverged, grey where "
      "it had not converged by the step limit, pale where it converged elsewhere (a saddle). "
      "Computed again when the view, the run's settings or the start change.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::BeginCombo("##cells", cat(m_basin_side, " cells").c_str())) {
    for (int side : kBasinSides)
      if (ImGui::Selectable(cat(side, " cells").c_str(), side == m_basin_side)) m_basin_side = side;
    ImGui::EndCombo();
  }
  tooltip("Starts along the canvas's longer side: more is finer and slower");
  if (!basin_shown) return;
  progress_line(m_basin, "basin map");
  if (const auto shown = m_basin.map();
      shown && shown->final && std::max(shown->request.width, shown->request.height) < m_basin_side)
    ImGui::TextDisabled("fewer cells: each step of each run is a pass over the data");
  const auto map = m_basin.map();
  if (!map) return;
  if (!m_minima || map != m_overlay_of) return;
  // The legend: each minimum's share of the starts, then the other outcomes'.
  const std::vector<Vec2>& minima = m_minima->points();
  const std::vector<std::size_t>& counts = m_counts;
  const double total = static_cast<double>(std::max<std::size_t>(1, map->outcomes.size()));
  auto row = [&](Rgb c, const std::string& text, std::size_t count) {
    if (count > 0)
      swatch(c, cat(text, ": ", rounded(100.0 * static_cast<double>(count) / total, 2), "%"));
  };
  for (std::size_t k = 0; k < minima.size(); ++k)
    row(minimum_colour(k),
        cat("minimum (", rounded(minima[k].x()), ", ", rounded(minima[k].y()), ")"), counts[k]);
  row(kDivergedColour, "diverged", counts[minima.size()]);
  row(kNotConvergedColour, cat("not converged in ", map->request.limits.max_steps, " steps"),
      counts[minima.size() + 1]);
  row(kElsewhereColour, "converged elsewhere", counts[minima.size() + 2]);
  ImGui::TextDisabled("%d x %d starts%s; tolerance %s", map->request.width, map->request.height,
                      map->final ? "" : " (a first look)",
                      rounded(map->request.limits.tolerance).c_str());
  tooltip("The runs table's tolerance says when a run has converged");
}

}  // namespace descent::ui
