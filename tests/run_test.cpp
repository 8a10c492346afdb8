// Run: recording, convergence, divergence and limits.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <catch2/catch.hpp>

#include "support/models.hpp"
#include "support/throwing.hpp"

#include "data_generators.hpp"
#include "model_registry.hpp"
#include "run.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

Run make_run(const std::string& surface, const std::string& spec, Vec2 start, RunLimits limits) {
  return Run(find_surface(surface), Optimizer(parse_optimizer_spec(spec)), start, limits);
}

const Trajectory& finish(Run& run) {
  while (run.advance(7)) {
  }
  return *run.trajectory();
}

// A surface that turns into NaN or infinity in the region x > 1.
class Cliff final : public Objective {
 public:
  explicit Cliff(bool infinite_gradient) : m_infinite_gradient(infinite_gradient) {}
  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override {
    return p.x() > 1 && !m_infinite_gradient ? std::nan("") : p.squaredNorm();
  }
  ValueGradient value_gradient(const Vec2& p) const override {
    Vec2 g(-1, 0);  // always pushes toward +x
    if (p.x() > 1 && m_infinite_gradient) g.x() = -std::numeric_limits<double>::infinity();
    return {value(p), g};
  }

 private:
  ObjectiveInfo m_info{.name = "cliff"};
  bool m_infinite_gradient;
};

}  // namespace

TEST_CASE("run: records every step with its loss", "[run]") {
  Run run = make_run("sphere", "sgd:lr=0.1", {3, 4}, {.max_steps = 10});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::finished);
  CHECK(t.status_step() == 10);
  REQUIRE(t.size() == 11);
  for (std::size_t k = 0; k < t.size(); ++k) {
    double shrink = std::pow(0.8, static_cast<double>(k));  // p <- p - 0.1·2p
    CHECK(t.step(k) == static_cast<std::int64_t>(k));
    CHECK(t[k].x == Approx(3 * shrink));
    CHECK(t[k].loss == Approx(25 * shrink * shrink));
  }
}

TEST_CASE("run: record_every keeps every k-th step and the last", "[run]") {
  Run run = make_run("sphere", "sgd:lr=0.1", {3, 4}, {.max_steps = 10, .record_every = 4});
  const Trajectory& t = finish(run);
  REQUIRE(t.size() == 4);
  CHECK(t.step(0) == 0);
  CHECK(t.step(1) == 4);
  CHECK(t.step(2) == 8);
  CHECK(t.step(3) == 10);
}

TEST_CASE("run: a thinned recording keeps the start dense, then every k-th, and the exact last",
          "[run][recording]") {
  const RunLimits all{.max_steps = 107},
      thinned{.max_steps = 107, .thin_after = 20, .thin_every = 10};
  Run dense_run = make_run("rosenbrock", "adam:lr=0.01", {-1.5, 2}, all);
  Run thin_run = make_run("rosenbrock", "adam:lr=0.01", {-1.5, 2}, thinned);
  const Trajectory &dense = finish(dense_run), &t = finish(thin_run);
  REQUIRE(t.size() == 21 + 8 + 1);  // steps 0..20, 30..100 and 107
  for (std::size_t i = 0; i <= 20; ++i) CHECK(t.step(i) == static_cast<std::int64_t>(i));
  for (std::size_t i = 21; i < 29; ++i)
    CHECK(t.step(i) == 30 + 10 * static_cast<std::int64_t>(i - 21));
  CHECK(t.step(29) == 107);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto step = static_cast<std::size_t>(t.step(i));
    CHECK(t[i].x == dense[step].x);  // thinning drops points, never changes them
    CHECK(t[i].loss == dense[step].loss);
  }
  // Playback at a step between recorded points shows the nearest one at or before it.
  CHECK(t.points_through(0) == 1);
  CHECK(t.points_through(20) == 21);
  CHECK(t.points_through(29) == 21);
  CHECK(t.points_through(30) == 22);
  CHECK(t.points_through(106) == 29);
  CHECK(t.points_through(107) == 30);
  CHECK(t.points_through(5000) == 30);
  CHECK(dense.points_through(50) == 51);
}

TEST_CASE("run: the window's recording of a long run is bounded, in round strides",
          "[run][recording]") {
  CHECK_FALSE(bounded_recording(750'000).thinned(750'000));
  CHECK(bounded_recording(1'000'000).thin_every == 2);
  CHECK(bounded_recording(3'000'000).thin_every == 10);
  CHECK(bounded_recording(10'000'000).thin_every == 50);
  CHECK(bounded_recording(100'000'000).thin_every == 500);
  CHECK(bounded_recording(RunLimits::kMaxSteps).thin_every == 5000);
  for (std::int64_t steps : {std::int64_t{750'001}, std::int64_t{12'345'678},
                             std::int64_t{100'000'000}, RunLimits::kMaxSteps}) {
    const Recording r = bounded_recording(steps);
    CHECK(r.thin_after == kDenseSteps);
    CHECK(r.points_through(steps) <= static_cast<std::size_t>(kDenseSteps + kThinnedPoints + 1));
  }
  CHECK(describe(bounded_recording(100'000'000), 100'000'000) ==
        "every step up to step 500,000, then every 500th (and the last)");
  CHECK(describe(Recording{.every = 3}, 10) == "every 3rd step (and the last)");
  CHECK(describe(Recording{}, 10) == "every step (and the last)");
}

TEST_CASE("run: an objective that throws ends the run as failed, with its message and step",
          "[run]") {
  // From x = 0.55 with lr 0.1 and gradient -1: x = 0.55 + 0.1k passes 1 at k = 5.
  Run run(std::make_shared<Throwing>(), Optimizer(parse_optimizer_spec("sgd:lr=0.1")), {0.55, 0},
          {.max_steps = 100});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::failed);
  CHECK(t.status_step() == 5);
  CHECK(t.error() == "the loss could not be evaluated");
  CHECK(t.size() == 5);  // the points before it stay
  CHECK_FALSE(run.advance(10));
}

TEST_CASE("run: zero steps records only the start", "[run]") {
  Run run = make_run("rosenbrock", "adam", {-1.5, 2}, {.max_steps = 0});
  const Trajectory& t = finish(run);
  REQUIRE(t.size() == 1);
  CHECK(t[0].loss == 12.5);
  CHECK(t.status() == RunStatus::finished);
}

TEST_CASE("run: converges when |gradient| falls below the tolerance, and only then", "[run]") {
  Run run = make_run("sphere", "sgd:lr=0.1", {3, 4},
                     {.max_steps = 1000, .tolerance = 1e-3, .record_every = 100});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::converged);
  // |g_k| = 10·0.8^k < 1e-3 first at k = 42.
  CHECK(t.status_step() == 42);
  CHECK(t.step(t.size() - 1) == 42);
  CHECK(find_surface("sphere")->gradient({t[t.size() - 1].x, t[t.size() - 1].y}).norm() < 1e-3);
  CHECK(t.step(t.size() - 2) == 0);
  Run no_tol = make_run("sphere", "sgd:lr=0.1", {3, 4}, {.max_steps = 1000});
  CHECK(finish(no_tol).status() == RunStatus::finished);
}

TEST_CASE("run: divergence beyond 1e15 stops at the last finite point", "[run]") {
  // SGD with lr 1.5 on x^2 + y^2 multiplies p by -2 each step: |p| = 5·2^k.
  Run run = make_run("sphere", "sgd:lr=1.5", {3, 4}, {.max_steps = 1000, .record_every = 10});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::diverged);
  CHECK(t.divergence() == Divergence::point);
  // 5·2^k > 1e15 first at k = 48; the last finite point is step 47, recorded though 47 % 10 != 0.
  CHECK(t.status_step() == 48);
  CHECK(t.step(t.size() - 1) == 47);
  CHECK(std::abs(t[t.size() - 1].x) == 3 * std::pow(2.0, 47));
}

TEST_CASE("run: a non-finite loss or gradient ends the run at the last finite point", "[run]") {
  for (bool infinite_gradient : {false, true}) {
    // From x = 0.55 with lr 0.1 and gradient -1: x = 0.55 + 0.1k passes 1 at k = 5.
    Run run(std::make_shared<Cliff>(infinite_gradient),
            Optimizer(parse_optimizer_spec("sgd:lr=0.1")), {0.55, 0}, {.max_steps = 100});
    const Trajectory& t = finish(run);
    CHECK(t.status() == RunStatus::diverged);
    CHECK(t.divergence() == (infinite_gradient ? Divergence::gradient : Divergence::loss));
    CHECK(t.status_step() == 5);
    REQUIRE(t.size() == 5);
    CHECK(t[4].x == Approx(0.95));
  }
}

TEST_CASE("run: a start where the loss is not finite diverges at step 0 with no points", "[run]") {
  Run run(std::make_shared<Cliff>(false), Optimizer(parse_optimizer_spec("sgd")), {2, 0},
          {.max_steps = 10});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::diverged);
  CHECK(t.status_step() == 0);
  CHECK(t.size() == 0);
}

TEST_CASE("run: bad limits and starts are rejected", "[run]") {
  auto sphere = find_surface("sphere");
  auto opt = [] { return Optimizer(parse_optimizer_spec("sgd")); };
  CHECK_THROWS_WITH(Run(sphere, opt(), {0, 0}, {.max_steps = -1}),
                    "steps = -1 is out of range; allowed: 0 to 1000000000");
  CHECK_THROWS_WITH(Run(sphere, opt(), {0, 0}, {.record_every = 0}),
                    "every = 0 is out of range; allowed: every >= 1");
  CHECK_THROWS_WITH(Run(sphere, opt(), {0, 0}, {.tolerance = std::nan("")}),
                    "tolerance = nan is out of range; allowed: tolerance >= 0");
  CHECK_THROWS_WITH(Run(sphere, opt(), {std::nan(""), 0}, {}),
                    "start (nan, 0) is not a finite point");
}

TEST_CASE("run: a long run takes 24 bytes a point", "[run]") {
  STATIC_REQUIRE(sizeof(TrajectoryPoint) == 24);
  Run run = make_run("rosenbrock", "adam:lr=0.01", {-1.5, 2}, {.max_steps = 100000});
  const Trajectory& t = finish(run);
  CHECK(t.size() == 100001);
  CHECK(t.step(100000) == 100000);
  CHECK(t[100000].loss < 1e-6);
}

// [SECTION] sampling: mini-batches and gradient noise
namespace {

std::shared_ptr<const Objective> line_model(std::size_t n = 64) {
  auto data = std::make_shared<const Dataset>(
      generate_dataset({"linear", {{"n", static_cast<double>(n)}, {"seed", 5}}}));
  return make_model_objective(model_spec("linear"), data);
}

std::vector<TrajectoryPoint> path(std::shared_ptr<const Objective> f, const std::string& spec,
                                  RunLimits limits, Sampling sampling) {
  Run run(std::move(f), Optimizer(parse_optimizer_spec(spec)), {-2, 3}, limits, sampling);
  const Trajectory& t = finish(run);
  std::vector<TrajectoryPoint> out;
  for (std::size_t i = 0; i < t.size(); ++i) out.push_back(t[i]);
  return out;
}

bool same(const std::vector<TrajectoryPoint>& a, const std::vector<TrajectoryPoint>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].x != b[i].x || a[i].y != b[i].y || a[i].loss != b[i].loss) return false;
  return true;
}

}  // namespace

TEST_CASE("batches: every epoch visits each sample once, in a seeded order", "[batches]") {
  BatchSchedule schedule(10, 3, 42);
  CHECK(schedule.batches_per_epoch() == 4);
  for (std::int64_t epoch = 0; epoch < 3; ++epoch) {
    std::vector<int> seen(10, 0);
    for (std::int64_t k = 0; k < 4; ++k) {
      auto batch = schedule.batch(epoch * 4 + k);
      CHECK(batch.size() == (k == 3 ? 1u : 3u));  // the last batch of an epoch is what is left
      CHECK(std::is_sorted(batch.begin(), batch.end()));
      for (auto i : batch) ++seen[i];
    }
    CHECK(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
  }
  // Any step's batch without replaying the ones before it; a new order every epoch.
  BatchSchedule fresh(10, 3, 42);
  auto late = std::vector<std::uint32_t>(fresh.batch(9).begin(), fresh.batch(9).end());
  BatchSchedule replay(10, 3, 42);
  for (int k = 0; k < 9; ++k) replay.batch(k);
  CHECK(std::vector<std::uint32_t>(replay.batch(9).begin(), replay.batch(9).end()) == late);
  BatchSchedule other(10, 3, 43);
  CHECK(std::vector<std::uint32_t>(other.batch(0).begin(), other.batch(0).end()) !=
        std::vector<std::uint32_t>(fresh.batch(0).begin(), fresh.batch(0).end()));
}

TEST_CASE("batches: a mini-batch of the whole dataset is exactly the full-batch run", "[batches]") {
  for (const char* spec : {"sgd:lr=0.05", "adam:lr=0.1", "rmsprop:lr=0.01,momentum=0.5"}) {
    INFO(spec);
    auto f = line_model();
    auto full = path(f, spec, {.max_steps = 300}, {});
    auto batched = path(f, spec, {.max_steps = 300}, {.batch = 64, .seed = 9});
    auto larger = path(f, spec, {.max_steps = 300}, {.batch = 1000, .seed = 9});
    CHECK(same(full, batched));
    CHECK(same(full, larger));
  }
}

TEST_CASE("batches: the path shows the noise, the seed makes it reproducible", "[batches]") {
  auto f = line_model(200);
  auto a = path(f, "sgd:lr=0.05", {.max_steps = 400}, {.batch = 8, .seed = 1});
  auto b = path(f, "sgd:lr=0.05", {.max_steps = 400}, {.batch = 8, .seed = 1});
  auto c = path(f, "sgd:lr=0.05", {.max_steps = 400}, {.batch = 8, .seed = 2});
  auto full = path(f, "sgd:lr=0.05", {.max_steps = 400}, {});
  CHECK(same(a, b));
  CHECK_FALSE(same(a, c));
  CHECK_FALSE(same(a, full));
  // Both get close to the fit; the noisy one ends a little off it.
  const Vec2 fit = f->info().critical_points[0].at;
  CHECK((Vec2(full.back().x, full.back().y) - fit).norm() < 1e-3);
  CHECK((Vec2(a.back().x, a.back().y) - fit).norm() < 0.5);
  CHECK((Vec2(a.back().x, a.back().y) - fit).norm() > 1e-3);
}

TEST_CASE("batches: each point carries its full loss and its batch's loss", "[batches]") {
  auto f = line_model(100);
  Run run(f, Optimizer(parse_optimizer_spec("sgd:lr=0.05")), {-2, 3}, {.max_steps = 50},
          {.batch = 10, .seed = 3});
  const Trajectory& t = finish(run);
  REQUIRE(t.has_batch_losses());
  BatchSchedule schedule(100, 10, 3);
  for (std::size_t k = 0; k < t.size(); ++k) {
    Vec2 p(t[k].x, t[k].y);
    CHECK(t[k].loss == f->value(p));
    CHECK(t.batch_loss(k) ==
          static_cast<float>(
              f->batch_value_gradient(p, schedule.batch(static_cast<std::int64_t>(k))).value));
  }
}

TEST_CASE(
    "batches: recording every k-th step gives the same points, without the full loss elsewhere",
    "[batches]") {
  auto f = line_model(100);
  auto every = path(f, "adam:lr=0.05", {.max_steps = 100}, {.batch = 7, .seed = 11});
  auto sparse =
      path(f, "adam:lr=0.05", {.max_steps = 100, .record_every = 10}, {.batch = 7, .seed = 11});
  REQUIRE(sparse.size() == 11);
  for (std::size_t i = 0; i < sparse.size(); ++i) {
    CHECK(sparse[i].x == every[i * 10].x);
    CHECK(sparse[i].loss == every[i * 10].loss);
  }
}

TEST_CASE("gradient noise: seeded, and for any objective", "[batches]") {
  auto rosenbrock = find_surface("rosenbrock");
  auto noisy =
      path(rosenbrock, "sgd:lr=1e-3", {.max_steps = 200}, {.gradient_noise = 5, .seed = 1});
  auto again =
      path(rosenbrock, "sgd:lr=1e-3", {.max_steps = 200}, {.gradient_noise = 5, .seed = 1});
  auto clean = path(rosenbrock, "sgd:lr=1e-3", {.max_steps = 200}, {});
  CHECK(same(noisy, again));
  CHECK_FALSE(same(noisy, clean));
  CHECK(noisy[0].x == clean[0].x);
}

TEST_CASE("sampling: what a run cannot do is refused", "[batches]") {
  auto sgd = [] { return Optimizer(parse_optimizer_spec("sgd")); };
  CHECK_THROWS_WITH(
      Run(find_surface("sphere"), sgd(), {1, 1}, {}, {.batch = 8}),
      "batch = 8: sphere has no samples to take batches of (mini-batches need a model over data)");
  CHECK_THROWS_WITH(Run(find_surface("sphere"), sgd(), {1, 1}, {}, {.gradient_noise = -1}),
                    "gradient noise = -1 is out of range; allowed: >= 0");
}
