// The instruments: maps of many runs computed in the background (LaneMapper), and the panel and
// canvas that show them and turn a click into a run or a setting.
#include <cmath>

#include <catch2/catch.hpp>

#include "axis_ticks.hpp"
#include "basin_map.hpp"
#include "lane_map.hpp"
#include "optimizer_registry.hpp"
#include "support/gui_harness.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

LaneMapRequest basin(const char* surface, const char* spec, int side) {
  const auto f = find_surface(surface);
  return {.objective = f,
          .optimizer = parse_optimizer_spec(spec),
          .limits = {.max_steps = 300, .tolerance = 1e-3},
          .box = f->info().view,
          .width = side,
          .height = side};
}

// The newest map once the workers are idle.
std::shared_ptr<const LaneMap> settled(Session& session, const LaneMapper& mapper) {
  session.wait_idle();
  return mapper.map();
}

}  // namespace

TEST_CASE("instruments: a key axis ends exactly at its bounds, evenly or on a log scale",
          "[instruments]") {
  const KeyAxis linear{"momentum", 0, 0.9, false, 4}, log{"lr", 1e-4, 1, true, 5};
  CHECK(linear.at(0) == 0);
  CHECK(linear.at(3) == 0.9);
  CHECK(linear.at(1) == Approx(0.3));
  CHECK(log.at(0) == 1e-4);
  CHECK(log.at(4) == 1);
  CHECK(log.at(2) == Approx(1e-2));
  const LaneMapRequest r = basin("himmelblau", "adam", 256).coarser(4);
  CHECK(r.width == 64);
  CHECK(r.height == 64);
  LaneMapRequest s{.axes = {{"lr", 1e-3, 1, true, 3}}};
  CHECK(s.coarser(4).columns() == 2);  // at least two a side
  CHECK(s.rows() == 1);
}

TEST_CASE("instruments: a basin map is run_starts over the view's grid, coarse first",
          "[instruments]") {
  Session session(2);
  LaneMapper mapper(session);
  const LaneMapRequest request = basin("himmelblau", "adam:lr=0.1", 96);
  mapper.request(request);
  const auto map = settled(session, mapper);
  REQUIRE(map);
  CHECK(map->final);
  CHECK(map->request == request);
  CHECK(mapper.progress() == 1);
  REQUIRE(map->outcomes.size() == 96u * 96u);
  // The same outcomes as run_starts gives for those starts.
  const auto starts = grid_starts(request.box, 96, 96);
  std::vector<LaneOutcome> direct(starts.size());
  ThreadPool pool(1);
  REQUIRE(run_starts(*request.objective, request.optimizer, starts, request.limits, direct, pool));
  for (std::size_t i = 0; i < starts.size(); i += 13) {
    CHECK(map->outcomes[i].end == direct[i].end);
    CHECK(map->outcomes[i].steps == direct[i].steps);
  }
  // Himmelblau from every start of its view: each of its four minima collects runs.
  std::vector<int> reached(4, 0);
  const KnownMinima minima(request.objective->info());
  for (const LaneOutcome& o : map->outcomes)
    if (o.status == RunStatus::converged)
      if (auto k = minima.reached(o.end)) ++reached[*k];
  for (int count : reached) CHECK(count > 200);
  // Asked again: nothing new computes.
  mapper.request(request);
  CHECK(settled(session, mapper) == map);
  mapper.clear();
  CHECK_FALSE(mapper.map());
}

TEST_CASE("instruments: a newer request abandons the older, a bad one is refused",
          "[instruments]") {
  Session session(2);
  LaneMapper mapper(session);
  LaneMapRequest slow = basin("rosenbrock", "sgd:lr=1e-4", 256);
  slow.limits.max_steps = 100000;
  mapper.request(slow);
  const LaneMapRequest quick = basin("rosenbrock", "adam:lr=0.01", 32);
  mapper.request(quick);
  const auto map = settled(session, mapper);
  REQUIRE(map);
  CHECK(map->request == quick);
  LaneMapRequest bad = quick;
  bad.limits.max_steps = -1;
  CHECK_THROWS_AS(mapper.request(bad), std::invalid_argument);
  CHECK(mapper.requested() == quick);  // the previous one stays
}

TEST_CASE("instruments: a settings map runs every pair of values from one start", "[instruments]") {
  Session session(2);
  LaneMapper mapper(session);
  const auto f = find_surface("ill_conditioned");
  const LaneMapRequest request{
      .objective = f,
      .optimizer = parse_optimizer_spec("sgd"),
      .limits = {.max_steps = 200, .tolerance = 1e-3},
      .axes = {{"lr", 1e-3, 0.2, true, 12}, {"momentum", 0, 0.95, false, 9}},
      .start = {-8, 3}};
  mapper.request(request);
  const auto map = settled(session, mapper);
  REQUIRE(map);
  REQUIRE(map->outcomes.size() == 12u * 9u);
  bool converged = false, diverged = false, slow = false;
  for (int j = 0; j < 9; ++j)
    for (int i = 0; i < 12; ++i) {
      const LaneOutcome& o = map->at(i, j);
      converged = converged || o.status == RunStatus::converged;
      diverged = diverged || o.status == RunStatus::diverged;
      slow = slow || o.status == RunStatus::finished;
      if ((i + j) % 5 != 0) continue;
      // Each cell is the run with those settings.
      OptimizerSpec spec = request.optimizer;
      spec.params["lr"] = request.axes[0].at(i);
      spec.params["momentum"] = request.axes[1].at(j);
      Run run(f, Optimizer(spec), request.start,
              {.max_steps = 200, .tolerance = 1e-3, .record_every = 200});
      while (run.advance(1 << 20)) {
      }
      INFO(i << "," << j);
      CHECK(o.status == run.trajectory()->status());
      CHECK(o.steps == run.trajectory()->status_step());
    }
  CHECK(converged);
  CHECK(diverged);  // the ill-conditioned bowl's steep axis diverges past lr 2/25
  CHECK(slow);
}

TEST_CASE("instruments: a setting the optimizer refuses is a failed cell, not an error",
          "[instruments]") {
  Session session(1);
  LaneMapper mapper(session);
  // Nesterov momentum needs dampening 0: the cells with dampening > 0 are refused.
  LaneMapRequest request{.objective = find_surface("sphere"),
                         .optimizer = parse_optimizer_spec("sgd:lr=0.1,momentum=0.5,nesterov=1"),
                         .limits = {.max_steps = 50},
                         .axes = {{"dampening", 0, 0.5, false, 3}},
                         .start = {1, 1}};
  mapper.request(request);
  const auto map = settled(session, mapper);
  REQUIRE(map);
  CHECK(map->at(0, 0).status == RunStatus::finished);
  CHECK(map->at(1, 0).status == RunStatus::failed);
  CHECK(map->at(2, 0).status == RunStatus::failed);
  CHECK(mapper.error().empty());
}

TEST_CASE("instruments: the basin map under the canvas, and a click on it adds that run",
          "[instruments][ui]") {
  GuiHarness h(1600, 1000);
  h.frame();
  const std::size_t runs = h.lab.runs().size();
  h.press_key('I');
  h.press_key('B');
  CHECK(h.gui.instruments().open);
  CHECK(h.gui.instruments().basin_shown);
  for (int i = 0; i < 4; ++i) {
    h.lab.session().wait_idle();
    h.frame();
  }
  const auto map = h.gui.instruments().basin_map();
  REQUIRE(map);
  CHECK(map->final);
  const FieldOverlay& overlay = h.gui.instruments().overlay();
  REQUIRE(overlay.rgba);
  CHECK(overlay.width == map->request.width);
  CHECK(overlay.rgba->size() ==
        static_cast<std::size_t>(overlay.width) * static_cast<std::size_t>(overlay.height) * 4);
  // The map covers what the canvas shows.
  const Box visible = h.gui.canvas().view().visible(h.gui.canvas().plot());
  CHECK(overlay.box.x_min <= visible.x_min);
  CHECK(overlay.box.x_max >= visible.x_max);

  // A click: a run of the instruments' run's settings from there, the lab's start unmoved.
  const Vec2 start = h.lab.start();
  const Vec2 click = h.plot_point(0.3, 0.6);
  const Vec2 world = h.gui.canvas().view().to_world(click, h.gui.canvas().plot());
  h.imgui.mouse(float(click.x()), float(click.y()));
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), true);
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), false);
  h.frame();
  REQUIRE(h.lab.runs().size() == runs + 1);
  const LabRun& added = h.lab.runs().back();
  CHECK(added.spec == h.lab.runs().front().spec);
  REQUIRE(added.start);
  CHECK((*added.start - world).norm() < 1e-9);
  CHECK(h.lab.start() == start);

  // Basin map off: a click moves the start again.
  h.press_key('B');
  CHECK_FALSE(h.gui.instruments().overlay().rgba);
}

TEST_CASE("instruments: the sweep and the hyperparameter map follow the picked run",
          "[instruments][ui]") {
  GuiHarness h(1920, 1080);
  h.gui.instruments().open = true;
  h.gui.instruments().select(ui::InstrumentsPanel::Tab::sweep);
  for (int i = 0; i < 4; ++i) {
    h.frame();
    h.lab.session().wait_idle();
  }
  CHECK(h.gui.instruments().tab() == ui::InstrumentsPanel::Tab::sweep);
  const auto sweep = h.gui.instruments().sweep_map();
  REQUIRE(sweep);
  const LabRun& first = h.lab.runs().front();
  const double lr = optimizers().resolve({first.spec.name, first.spec.params}).at("lr");
  REQUIRE(sweep->request.axes.size() == 1);
  CHECK(sweep->request.axes[0].key == "lr");
  CHECK(sweep->request.axes[0].lo == Approx(lr / 100));
  CHECK(sweep->request.axes[0].hi == Approx(lr * 100));
  CHECK(sweep->request.start == h.lab.start());
  CHECK(sweep->outcomes.size() == 64);
  // Rosenbrock from the newcomer's start: the largest learning rates blow up.
  CHECK(sweep->outcomes.back().status == RunStatus::diverged);
  CHECK_FALSE(h.gui.instruments().hyper_map());  // only the shown tab computes

  h.gui.instruments().select(ui::InstrumentsPanel::Tab::hyper);
  for (int i = 0; i < 4; ++i) {
    h.frame();
    h.lab.session().wait_idle();
  }
  const auto hyper = h.gui.instruments().hyper_map();
  REQUIRE(hyper);
  REQUIRE(hyper->request.axes.size() == 2);
  CHECK(hyper->request.axes[0].key == "lr");
  CHECK(hyper->request.axes[1].key == "momentum");
  CHECK(hyper->outcomes.size() == 64u * 64u);
  CHECK_FALSE(h.gui.instruments().sweep_map());  // the sweep stopped when its tab was left
}

TEST_CASE("instruments: another optimizer for the run while its map shows does not break the panel",
          "[instruments][ui]") {
  GuiHarness h(1600, 1000);
  h.gui.instruments().open = true;
  h.gui.instruments().select(ui::InstrumentsPanel::Tab::hyper);
  for (int i = 0; i < 3; ++i) {
    h.frame();
    h.lab.session().wait_idle();
  }
  const LabRun& run = *h.gui.instruments().run(h.gui.frame());
  REQUIRE(h.gui.instruments().hyper_map());
  REQUIRE(run.spec.name == "sgd");  // its map's keys: lr and momentum
  // Adam has no momentum: the SGD map must not be read with Adam's keys.
  h.lab.set_spec(run.id, parse_optimizer_spec("adam:lr=0.01"));
  CHECK_NOTHROW(h.frame());
  CHECK_NOTHROW(h.frame());
  h.lab.session().wait_idle();
  h.frame();
  h.frame();
  const auto map = h.gui.instruments().hyper_map();
  REQUIRE(map);
  CHECK(map->request.optimizer.name == "adam");
  CHECK(map->request.axes[1].key == "beta1");
}

TEST_CASE("instruments: ticks over a span of a few ulps end", "[instruments]") {
  const double lo = 0.9, hi = std::nextafter(std::nextafter(0.9, 1.0), 1.0);
  CHECK(linear_ticks(lo, hi, 10).size() <= 3);
}

TEST_CASE("instruments: a click on the basin map of a lab with one run adds a second safely",
          "[instruments][ui]") {
  // One run: adding another moves the lab's runs, which the frame's rows pointed at.
  GuiHarness h(1280, 720);
  Scenario s = Lab::default_scenario();
  s.runs.resize(1);
  h.lab.load(s);
  h.frame();
  h.press_key('B');
  for (int i = 0; i < 4; ++i) {
    h.lab.session().wait_idle();
    h.frame();
  }
  REQUIRE(h.gui.instruments().basin_map());
  const Vec2 click = h.plot_point(0.4, 0.4);
  h.imgui.mouse(float(click.x()), float(click.y()));
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), true);
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), false);
  CHECK_NOTHROW(h.frame());
  CHECK_NOTHROW(h.frame());
  REQUIRE(h.lab.runs().size() == 2);
  CHECK_THAT(h.lab.runs().back().label, Catch::Contains(" from ("));
  CHECK(h.gui.frame().rows.size() == 2);
  CHECK(h.gui.frame().rows.back().run == &h.lab.runs().back());
  // Busy until the map of the new view is shown; idle after.
  for (int i = 0; i < 4; ++i) {
    h.lab.session().wait_idle();
    h.frame();
  }
  CHECK_FALSE(h.gui.instruments().busy());
}
