// Many runs stepped together: each lane ends exactly as the Run with its settings does, bit for
// bit, whatever its neighbours do and however many threads share the work.
#include <cmath>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "lanes.hpp"
#include "optimizer_registry.hpp"
#include "run.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

// What a Run with these settings ends as.
LaneOutcome single_run(const std::shared_ptr<const Objective>& f, const OptimizerSpec& spec,
                       const Vec2& start, const LaneLimits& limits) {
  Run run(f, Optimizer(spec), start,
          {.max_steps = limits.max_steps,
           .tolerance = limits.tolerance,
           .record_every = std::max<std::int64_t>(1, limits.max_steps)});
  while (run.advance(1 << 20)) {
  }
  const Trajectory& t = *run.trajectory();
  LaneOutcome o{start, std::nan(""), t.status(), t.status_step()};
  if (t.size() > 0) o.end = {t[t.size() - 1].x, t[t.size() - 1].y}, o.loss = t[t.size() - 1].loss;
  return o;
}

void require_same(const LaneOutcome& lane, const LaneOutcome& run) {
  CHECK(to_string(lane.status) == std::string(to_string(run.status)));
  CHECK(lane.steps == run.steps);
  // Bit for bit: == on doubles (NaN only where both diverged at the start).
  CHECK(lane.end.x() == run.end.x());
  CHECK(lane.end.y() == run.end.y());
  if (std::isnan(run.loss))
    CHECK(std::isnan(lane.loss));
  else
    CHECK(lane.loss == run.loss);
}

// A grid of starts over a box, some far enough out to diverge.
std::vector<Vec2> grid(const Box& box, int w, int h) {
  std::vector<Vec2> starts;
  for (int j = 0; j < h; ++j)
    for (int i = 0; i < w; ++i)
      starts.emplace_back(box.x_min + (box.x_max - box.x_min) * i / (w - 1),
                          box.y_min + (box.y_max - box.y_min) * j / (h - 1));
  return starts;
}

}  // namespace

TEST_CASE("lanes: every optimizer's lanes end as its single runs, bit for bit", "[lanes]") {
  ThreadPool pool(2);
  std::vector<std::string> specs;
  for (const OptimizerInfo& o : optimizers()) {
    specs.push_back(o.name + ":lr=0.01");
    // Rules that pick their own step take no clipping.
    const bool evaluates = Optimizer(parse_optimizer_spec(o.name)).evaluates();
    specs.push_back(o.name + ":lr=0.003,schedule=cosine,t_max=40" +
                    (evaluates ? "" : ",clip=norm,max_norm=1"));
  }
  specs.push_back("sgd:lr=0.002,momentum=0.9,nesterov=1,clip=value,clip_value=5");
  specs.push_back("sgd:lr=0.01");  // diverges from the outer starts on Rosenbrock
  specs.push_back("adam:lr=0.05,amsgrad=1,schedule=step,step_size=30,gamma=0.5");
  for (const char* name : {"rosenbrock", "himmelblau", "rastrigin"}) {
    const auto f = find_surface(name);
    // 300 starts: two blocks, the second partly filled.
    const Box box = f->info().view;
    const std::vector<Vec2> starts =
        grid({box.x_min * 1.5, box.x_max * 1.5, box.y_min * 1.5, box.y_max * 1.5}, 20, 15);
    for (const std::string& text : specs) {
      INFO(name << " " << text);
      const OptimizerSpec spec = parse_optimizer_spec(text);
      const LaneLimits limits{.max_steps = 120, .tolerance = 1e-2};
      std::vector<LaneOutcome> lanes(starts.size());
      REQUIRE(run_starts(*f, spec, starts, limits, lanes, pool));
      for (std::size_t i = 0; i < starts.size(); i += 7) {
        INFO("start " << starts[i].transpose());
        require_same(lanes[i], single_run(f, spec, starts[i], limits));
      }
    }
  }
}

TEST_CASE("lanes: a lane that diverges or converges stops alone", "[lanes]") {
  ThreadPool pool(1);
  const auto f = find_surface("rosenbrock");
  const OptimizerSpec spec = parse_optimizer_spec("sgd:lr=0.001");
  // One start diverges at once, one is at the minimum, one far out blows up, two run on.
  const std::vector<Vec2> starts{{-1.2, 1}, {1, 1}, {30, -30}, {0, 0}, {1e300, 0}};
  std::vector<LaneOutcome> lanes(starts.size());
  const LaneLimits limits{.max_steps = 200, .tolerance = 1e-6};
  REQUIRE(run_starts(*f, spec, starts, limits, lanes, pool));
  CHECK(lanes[1].status == RunStatus::converged);
  CHECK(lanes[1].steps == 0);
  CHECK(lanes[2].status == RunStatus::diverged);
  CHECK(lanes[2].steps > 0);
  CHECK(lanes[4].status == RunStatus::diverged);
  CHECK(lanes[4].steps == 0);
  CHECK(std::isnan(lanes[4].loss));
  for (int i : {0, 3}) {
    CHECK(lanes[i].status == RunStatus::finished);
    CHECK(lanes[i].steps == 200);
  }
  for (std::size_t i = 0; i < starts.size(); ++i) {
    INFO(i);
    require_same(lanes[i], single_run(f, spec, starts[i], limits));
  }
}

TEST_CASE("lanes: a tolerance so small its square underflows still converges at a minimum",
          "[lanes]") {
  ThreadPool pool(1);
  const auto f = find_surface("rosenbrock");
  const std::vector<Vec2> starts{{1, 1}, {0, 0}};
  std::vector<LaneOutcome> lanes(starts.size());
  const LaneLimits limits{.max_steps = 10, .tolerance = 1e-200};
  REQUIRE(run_starts(*f, parse_optimizer_spec("sgd:lr=1e-3"), starts, limits, lanes, pool));
  CHECK(lanes[0].status == RunStatus::converged);  // the gradient is exactly 0 there
  for (std::size_t i = 0; i < starts.size(); ++i)
    require_same(lanes[i], single_run(f, parse_optimizer_spec("sgd:lr=1e-3"), starts[i], limits));
}

TEST_CASE("lanes: the same outcomes for 1, 2 and 3 threads", "[lanes]") {
  const auto f = find_surface("himmelblau");
  const OptimizerSpec spec = parse_optimizer_spec("adam:lr=0.1");
  const std::vector<Vec2> starts = grid({-6, 6, -6, 6}, 40, 30);
  const LaneLimits limits{.max_steps = 300, .tolerance = 1e-4};
  std::vector<std::vector<LaneOutcome>> results;
  for (unsigned threads : {1u, 2u, 3u}) {
    ThreadPool pool(threads);
    results.emplace_back(starts.size());
    REQUIRE(run_starts(*f, spec, starts, limits, results.back(), pool));
  }
  for (std::size_t i = 0; i < starts.size(); ++i)
    for (std::size_t r = 1; r < results.size(); ++r) {
      CHECK(results[r][i].end == results[0][i].end);
      CHECK(results[r][i].steps == results[0][i].steps);
    }
}

TEST_CASE("lanes: settings lanes from one start end as their single runs", "[lanes]") {
  ThreadPool pool(2);
  const auto f = find_surface("rosenbrock");
  std::vector<OptimizerSpec> specs;
  for (int k = 0; k < 24; ++k)
    specs.push_back(parse_optimizer_spec("sgd:lr=" + std::to_string(1e-4 * std::pow(1.5, k)) +
                                         ",momentum=0.8"));
  const LaneLimits limits{.max_steps = 400, .tolerance = 1e-3};
  std::vector<LaneOutcome> lanes(specs.size());
  std::atomic<std::size_t> done = 0;
  REQUIRE(run_settings(*f, specs, {-1.2, 1}, limits, lanes, pool, {}, &done));
  CHECK(done == specs.size());
  bool some_diverged = false;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    INFO(i);
    require_same(lanes[i], single_run(f, specs[i], {-1.2, 1}, limits));
    some_diverged = some_diverged || lanes[i].status == RunStatus::diverged;
  }
  CHECK(some_diverged);
}

TEST_CASE("lanes: abandoned work stops, bad limits and specs are refused", "[lanes]") {
  ThreadPool pool(2);
  const auto f = find_surface("rosenbrock");
  const std::vector<Vec2> starts = grid({-2, 2, -1, 3}, 64, 64);
  std::vector<LaneOutcome> lanes(starts.size());
  CHECK_FALSE(run_starts(*f, parse_optimizer_spec("adam"), starts, {.max_steps = 100000}, lanes,
                         pool, [] { return true; }));
  CHECK_THROWS_WITH(
      run_starts(*f, parse_optimizer_spec("adam"), starts, {.max_steps = -1}, lanes, pool),
      "steps = -1 is out of range; allowed: 0 to 1000000000");
  CHECK_THROWS_WITH(run_starts(*f, parse_optimizer_spec("adam"), starts,
                               {.tolerance = std::nan("")}, lanes, pool),
                    Catch::StartsWith("tolerance = nan is out of range"));
  CHECK_THROWS_AS(run_starts(*f, {.name = "adam", .params = {{"lr", -1}}}, starts, {}, lanes, pool),
                  std::invalid_argument);
}
