// The classical baselines (newton, gd_linesearch, cg, lbfgs) on their textbook cases, their
// evaluations counted, and where they do not apply.
#include <cmath>

#include <catch2/catch.hpp>

#include "data_generators.hpp"
#include "lanes.hpp"
#include "model_registry.hpp"
#include "network_slice.hpp"
#include "run.hpp"
#include "surfaces.hpp"
#include "thread_pool.hpp"

using namespace descent;

namespace {

struct Ended {
  std::shared_ptr<Trajectory> trajectory;
  Vec2 at;
  double loss;
  std::int64_t steps;
};

Ended descend(const std::string& surface, const std::string& spec, Vec2 start, std::int64_t steps,
              double tolerance = 0) {
  Run run(find_surface(surface), Optimizer(parse_optimizer_spec(spec)), start,
          {.max_steps = steps, .tolerance = tolerance});
  while (run.advance(1 << 20)) {
  }
  const auto& t = *run.trajectory();
  const TrajectoryPoint& last = t[t.size() - 1];
  return {run.trajectory(), Vec2(last.x, last.y), last.loss, t.status_step()};
}

}  // namespace

TEST_CASE("newton: the minimum of a quadratic in one step", "[baselines]") {
  const Ended e = descend("ill_conditioned", "newton", {-8, 3}, 1);
  CHECK(e.at.norm() < 1e-12);
  CHECK(e.loss < 1e-20);
}

TEST_CASE("newton: Rosenbrock from (-1.5, 2) below 1e-10 within 30 iterations", "[baselines]") {
  const Ended e = descend("rosenbrock", "newton", {-1.5, 2}, 30);
  const Trajectory& t = *e.trajectory;
  std::size_t first_below = t.size();
  for (std::size_t i = 0; i < t.size(); ++i)
    if (t[i].loss < 1e-10) {
      first_below = i;
      break;
    }
  INFO("loss after 30 iterations: " << e.loss);
  CHECK(first_below < t.size());
  CHECK((e.at - Vec2(1, 1)).norm() < 1e-5);
  // The analytic Hessian is one evaluation a step, the gradient at each new point another; at
  // the minimum exactly (gradient 0) there is no step to take, and the run ends, converged.
  std::int64_t moved = 0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    moved += t[i + 1].x != t[i].x || t[i + 1].y != t[i].y;
  CHECK(t.status() == RunStatus::converged);
  CHECK(t.evaluations(t.size() - 1) == 1 + 2 * moved);
}

TEST_CASE("newton: plain Newton goes to the saddle, saddle-free Newton away from it",
          "[baselines]") {
  // x² - y²: the Newton step from any point lands on the saddle at the origin.
  CHECK(descend("saddle", "newton", {-2.5, 0.5}, 1).at.norm() < 1e-12);
  const Ended away = descend("saddle", "newton:saddle_free=1", {-2.5, 0.5}, 1);
  CHECK(away.at.x() == Approx(0).margin(1e-12));  // x still goes to its minimum
  CHECK(away.at.y() == Approx(1.0));              // y doubles: downhill, away from the saddle
  CHECK(away.loss < descend("saddle", "newton", {-2.5, 0.5}, 1).loss);
}

TEST_CASE("lbfgs and cg: Rosenbrock to its minimum", "[baselines]") {
  for (const char* spec : {"lbfgs", "lbfgs:history=3", "cg"}) {
    INFO(spec);
    const Ended e = descend("rosenbrock", spec, {-1.2, 1}, 2000, 1e-8);
    CHECK(e.trajectory->status() == RunStatus::converged);
    CHECK((e.at - Vec2(1, 1)).norm() < 1e-6);
    INFO("steps " << e.steps);
    if (std::string(spec) == "lbfgs") CHECK(e.steps < 60);
    // Every step's trials are counted: more evaluations than steps, but not many more.
    const Trajectory& t = *e.trajectory;
    const std::int64_t evals = t.evaluations(t.size() - 1);
    CHECK(evals > e.steps);
    CHECK(evals < 6 * (e.steps + 1));
  }
}

TEST_CASE("cg: a quadratic in two dimensions in two steps", "[baselines]") {
  const Ended e = descend("ill_conditioned", "cg:c2=0.01", {-8, 3}, 2);
  CHECK(e.loss < 1e-8);
}

TEST_CASE("gd_linesearch: the Armijo condition holds at every accepted step", "[baselines]") {
  const auto f = find_surface("rosenbrock");
  const double c1 = 0.3;
  const Ended e = descend("rosenbrock", "gd_linesearch:c1=0.3", {-1.2, 1}, 300);
  const Trajectory& t = *e.trajectory;
  REQUIRE(t.size() == 301);
  int moved = 0;
  for (std::size_t i = 0; i + 1 < t.size(); ++i) {
    const Vec2 p(t[i].x, t[i].y), q(t[i + 1].x, t[i + 1].y);
    const Vec2 g = f->gradient(p);
    const double alpha = (q - p).norm() / g.norm();
    INFO("step " << i << " alpha " << alpha);
    CHECK(t[i + 1].loss <= t[i].loss - c1 * alpha * g.squaredNorm());
    // alpha is lr halved a whole number of times
    const double halvings = -std::log2(alpha);
    CHECK(halvings == Approx(std::round(halvings)).margin(1e-6));
    moved += alpha > 0;
  }
  CHECK(moved == 300);
  CHECK(e.loss < t[0].loss / 10);
}

TEST_CASE("baselines: N dimensions, on a network", "[baselines]") {
  ModelSpec mlp = default_model_spec("mlp");
  const auto slice = make_model_objective(mlp, load_data(mlp.data, 2));
  REQUIRE(slice->network_slice());
  const auto& network = slice->network_slice()->loss();
  // The quasi-Newton methods are fast here; damped Newton and line-searched gradient descent
  // make slower progress in 50 steps.
  const std::pair<const char*, double> expected[] = {
      {"lbfgs", 0.7}, {"cg", 0.7}, {"newton:damping=1", 0.9}, {"gd_linesearch", 0.9}};
  for (const auto& [name, factor] : expected) {
    INFO(name);
    NetworkRun run(network, BasicOptimizer<VecX>(parse_optimizer_spec(name)),
                   slice->network_slice()->start_parameters(), {.max_steps = 50});
    while (run.advance(1000)) {
    }
    const Trajectory& t = *run.trajectory();
    CHECK(t.status() == RunStatus::finished);
    CHECK(t[t.size() - 1].loss < factor * t[0].loss);
    CHECK(t.evaluations(t.size() - 1) > 50);
  }
}

TEST_CASE("baselines: where they do not apply, they say so", "[baselines]") {
  const auto f = find_surface("rosenbrock");
  auto refusal = [&](const std::string& spec, Sampling sampling) {
    try {
      Run run(f, Optimizer(parse_optimizer_spec(spec)), {0, 0}, {}, sampling);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(refusal("lbfgs", {.gradient_noise = 0.1}).find("noise does not apply") !=
        std::string::npos);
  CHECK_THROWS_WITH(parse_optimizer_spec("newton:clip=norm,max_norm=1"),
                    Catch::Contains("does not apply"));
  CHECK_THROWS_WITH(parse_optimizer_spec("cg:c1=0.5,c2=0.1"), Catch::Contains("c1 must be"));
}

TEST_CASE("baselines: maps and sweeps step them as their runs", "[baselines]") {
  const auto f = find_surface("himmelblau");
  ThreadPool pool(2);
  const std::vector<Vec2> starts{{0, 0}, {-1, 1}, {1e300, 0}};
  std::vector<LaneOutcome> out(starts.size());
  REQUIRE(run_starts(*f, parse_optimizer_spec("lbfgs"), starts,
                     {.max_steps = 200, .tolerance = 1e-8}, out, pool));
  for (std::size_t i = 0; i < 2; ++i) {
    const Ended e = descend("himmelblau", "lbfgs", starts[i], 200, 1e-8);
    CHECK(out[i].status == RunStatus::converged);
    CHECK(out[i].end == e.at);
    CHECK(out[i].steps == e.steps);
  }
  CHECK(out[2].status == RunStatus::diverged);
}

TEST_CASE("baselines: at a minimum they stop searching, and count exactly", "[baselines]") {
  // From the exact minimum: no direction to search along; the run ends converged at step 1,
  // after the one evaluation of its start.
  for (const char* spec : {"cg", "lbfgs", "gd_linesearch"}) {
    INFO(spec);
    const Ended e = descend("ill_conditioned", spec, {0, 0}, 10);
    CHECK(e.trajectory->status() == RunStatus::converged);
    CHECK(e.steps == 1);
    CHECK(e.trajectory->evaluations(e.trajectory->size() - 1) == 1);
  }
  // With no tolerance, once rounding stops every decrease the run ends rather than search the
  // same line again every step.
  const Ended cg = descend("rosenbrock", "cg", {-1.2, 1}, 3000);
  CHECK(cg.trajectory->status() == RunStatus::converged);
  CHECK(cg.trajectory->evaluations(cg.trajectory->size() - 1) < 3000);
  CHECK((cg.at - Vec2(1, 1)).norm() < 1e-7);

  // gd_linesearch's first step: its start, then lr halved k times until Armijo held: k + 1
  // trials, the last of which is the point the run reaches (not evaluated again).
  const Ended one = descend("rosenbrock", "gd_linesearch", {-1.2, 1}, 1);
  const Trajectory& t = *one.trajectory;
  const Vec2 p(t[0].x, t[0].y), q(t[1].x, t[1].y);
  const double alpha = (q - p).norm() / find_surface("rosenbrock")->gradient(p).norm();
  const auto halvings = static_cast<long long>(std::lround(-std::log2(alpha)));
  CHECK(t.evaluations(0) == 1);
  CHECK(t.evaluations(1) == 1 + halvings + 1);
}
