#include "instruments_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "basin_map.hpp"
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

std::string status_text(const LaneOutcome& o) {
  switch (o.status) {
    case RunStatus::converged:
      return cat("converged at step ", o.steps);
    case RunStatus::diverged:
      return cat("diverged at step ", o.steps);
    case RunStatus::failed:
      return "refused: the optimizer does not take this setting";
    default:
      return cat("not converged by step ", o.steps);
  }
}

void progress_line(const LaneMapper& mapper, const char* what) {
  if (!mapper.error().empty()) {
    ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "Could not compute the %s: %s", what,
                       mapper.error().c_str());
    return;
  }
  const double done = mapper.progress();
  if (done < 1) {
    char text[64];
    std::snprintf(text, sizeof text, "computing the %s: %.0f%%", what, done * 100);
    ImGui::ProgressBar(static_cast<float>(done), ImVec2(-1, 0), text);
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

// The fan shown and the number of the newest one asked for: a job computing an older one drops it.
struct InstrumentsPanel::FanState {
  std::mutex mutex;
  std::shared_ptr<const std::vector<FanPath>> paths;
  std::atomic<std::uint64_t> number{0};
};

InstrumentsPanel::InstrumentsPanel(Session& session)
    : m_session(session),
      m_basin(session),
      m_sweep(session),
      m_hyper(session),
      m_fan(std::make_shared<FanState>()) {}

InstrumentsPanel::~InstrumentsPanel() {
  ++m_fan->number;
}

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
         (m_fan_of && !fan()) || (basin_shown && m_basin.map() != m_overlay_of);
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
  if (objective && objective->network_slice()) {
    ImGui::TextWrapped(
        "A network's runs move all its weights, not a point of the plane: the instruments map "
        "losses of two parameters (a surface, a formula, a two-parameter model).");
    return;
  }
  const LabRun* r = run(frame);
  if (!r) {
    ImGui::TextWrapped("Add a run: the instruments run its optimizer many times.");
    return;
  }
  run_combo(frame);
  if (r->sampling.batch > 0 || r->sampling.gradient_noise > 0)
    ImGui::TextDisabled("(as a full-batch run without noise)");
  if (ImGui::BeginTabBar("instruments")) {
    const Tab asked = m_tab;
    auto flags = [&](Tab t) {
      return m_select && asked == t ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    };
    const bool basin = ImGui::BeginTabItem("Basin map", nullptr, flags(Tab::basin));
    tooltip("A run from every start of the canvas: which minimum each reaches (B)");
    if (basin) {
      m_tab = Tab::basin;
      draw_basin();
      ImGui::EndTabItem();
    }
    const bool sweep = ImGui::BeginTabItem("LR sweep", nullptr, flags(Tab::sweep));
    tooltip(
        "The run again at many learning rates: where is the best, where does it diverge? The "
        "canvas shows 12 of their paths, thin, from light grey (the lowest lr) to magenta (the "
        "highest).");
    if (sweep) {
      m_tab = Tab::sweep;
      draw_sweep(frame, *r);
      ImGui::EndTabItem();
    }
    const bool hyper = ImGui::BeginTabItem("Hyperparameters", nullptr, flags(Tab::hyper));
    tooltip(
        "The run again at every pair of two of its settings, coloured by how fast it "
        "converged or diverged");
    if (hyper) {
      m_tab = Tab::hyper;
      draw_hyper(frame, *r);
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
    if (count == 0) return;
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + h, at.y + h), colour(c));
    ImGui::GetWindowDrawList()->AddRect(at, ImVec2(at.x + h, at.y + h),
                                        PlotColours::current().border);
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine();
    ImGui::Text("%s: %.0f%%", text.c_str(), 100.0 * static_cast<double>(count) / total);
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
  auto swatch = [](Rgb c, const char* text) {
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + h, at.y + h), colour(c));
    ImGui::Dummy(ImVec2(h, h));
    ImGui::SameLine(0, h * 0.3f);
    ImGui::TextUnformatted(text);
    ImGui::SameLine();
  };
  swatch(speed_colour({.status = RunStatus::converged, .steps = 1}, 100), "converged");
  swatch(speed_colour({.status = RunStatus::diverged, .steps = 1}, 100), "diverged");
  swatch(speed_colour({.status = RunStatus::finished, .steps = 100}, 100), "neither");
  ImGui::NewLine();
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
