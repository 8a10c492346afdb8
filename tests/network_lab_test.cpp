// A network in the lab: its runs on one shared principal plane of their paths, computed once
// they all have them, and not again until what the paths depend on changes.
#include <cmath>
#include <functional>

#include <catch2/catch.hpp>

#include "lab.hpp"
#include "lessons.hpp"
#include "network_slice.hpp"

using namespace descent;

namespace {

Scenario xor_race(const std::string& plane) {
  Scenario s;
  ModelSpec model = default_model_spec("mlp");
  model.network.plane = plane;
  s.objective = model;
  s.steps = 300;
  for (const char* spec : {"adam:lr=0.05", "sgd:lr=0.5,momentum=0.9", "rmsprop:lr=0.01"})
    s.runs.push_back({.optimizer = parse_optimizer_spec(spec)});
  return s;
}

void settle(Lab& lab) {
  for (int i = 0; i < 4; ++i) {
    lab.session().wait_idle();
    REQUIRE(lab.poll().empty());
  }
}

}  // namespace

TEST_CASE("network lab: every run on the principal plane of all their paths", "[lab][network]") {
  Lab lab(2);
  const Scenario s = xor_race("pca");
  lab.load(s, build_objective(s.objective));
  const auto random = lab.objective();
  settle(lab);
  const auto shared = lab.objective();
  REQUIRE(shared != random);
  const NetworkSlice* slice = shared->network_slice();
  REQUIRE(slice);
  CHECK_THAT(shared->info().x_label, Catch::StartsWith("a: principal direction 1 ("));
  // The paths were recomputed on the shared plane: every point is its parameters' projection,
  // and the paths fill the view.
  const auto snapshot = lab.snapshot();
  REQUIRE(snapshot->runs.size() == 3);
  const Box view = shared->info().view;
  for (const auto& run : snapshot->runs) {
    const Trajectory& t = *run.trajectory;
    REQUIRE(t.status() == RunStatus::finished);
    REQUIRE(t.vector_count() == t.size());
    for (std::size_t j = 0; j < t.vector_count(); j += 37) {
      const auto p = t.parameters(j);
      const Projected at = slice->plane()->project(
          Eigen::Map<const VecX>(p.data(), static_cast<Eigen::Index>(p.size())));
      CHECK(t[j].x == Approx(at.at.x()).margin(1e-9));
      CHECK(t[j].y == Approx(at.at.y()).margin(1e-9));
      CHECK(t.distance(j) == Approx(at.distance).epsilon(1e-5).margin(1e-9));
      CHECK(view.contains({t[j].x, t[j].y}));
    }
  }
  // The start is at the plane's center.
  CHECK(lab.start().norm() < 1e-12);
  // Nothing changed: the plane stays.
  settle(lab);
  CHECK(lab.objective() == shared);
  // Another learning rate moves a path: the plane is shared anew.
  lab.set_spec(snapshot->runs[0].id, parse_optimizer_spec("adam:lr=0.02"));
  settle(lab);
  CHECK(lab.objective() != shared);
  CHECK(lab.objective()->network_slice());
}

TEST_CASE("network lab: a plane through the best point any run found", "[lab][network]") {
  for (const char* plane : {"random", "pca"}) {
    INFO(plane);
    Lab lab(2);
    Scenario s = xor_race(plane);
    std::get<ModelSpec>(s.objective).network.center = "best";
    lab.load(s, build_objective(s.objective));
    settle(lab);
    const NetworkSlice* slice = lab.objective()->network_slice();
    REQUIRE(slice);
    CHECK_THAT(lab.objective()->info().x_label, Catch::EndsWith("through the best point found"));
    // The center is the lowest-loss point of every path; the start is off it.
    double lowest = slice->loss()->value(slice->start_parameters());
    VecX best = slice->start_parameters();
    for (const auto& run : lab.snapshot()->runs)
      for (std::size_t j = 0; j < run.trajectory->vector_count(); ++j)
        if (const double loss = (*run.trajectory)[run.trajectory->parameter_point(j)].loss;
            loss < lowest) {
          lowest = loss;
          const auto p = run.trajectory->parameters(j);
          best = Eigen::Map<const VecX>(p.data(), static_cast<Eigen::Index>(p.size()));
        }
    CHECK(slice->plane()->center() == best);
    CHECK(slice->value({0, 0}) == Approx(lowest).epsilon(1e-12));
    CHECK(lab.start().norm() > 0.1);
  }
}

TEST_CASE("network lab: a plane through where a run ended", "[lab][network]") {
  Lab lab(2);
  Scenario s = xor_race("pca");
  std::get<ModelSpec>(s.objective).network.center = "run 2";
  lab.load(s, build_objective(s.objective));
  settle(lab);
  const NetworkSlice* slice = lab.objective()->network_slice();
  REQUIRE(slice);
  CHECK_THAT(lab.objective()->info().x_label,
             Catch::EndsWith("through the last point of sgd lr=0.5 momentum=0.9"));
  const auto snapshot = lab.snapshot();
  const Trajectory& second = *snapshot->find(lab.runs()[1].id)->trajectory;
  const auto end = second.parameters(second.vector_count() - 1);
  CHECK(slice->plane()->center() ==
        Eigen::Map<const VecX>(end.data(), static_cast<Eigen::Index>(end.size())));
  CHECK(slice->value({0, 0}) == Approx(second[second.size() - 1].loss).epsilon(1e-12));
  // That run's path ends at the origin; the others' do not.
  CHECK(std::hypot(second[second.size() - 1].x, second[second.size() - 1].y) < 1e-9);
  // No such run: the plane goes through the start, and its axis says why.
  Scenario missing = s;
  std::get<ModelSpec>(missing.objective).network.center = "run 7";
  lab.load(missing, build_objective(missing.objective));
  settle(lab);
  CHECK_THAT(lab.objective()->info().x_label,
             Catch::EndsWith("through the start: there is no visible run 7"));
  CHECK(lab.start().norm() < 1e-12);
}

TEST_CASE("network lab: a random plane stays as it was chosen", "[lab][network]") {
  Lab lab(2);
  const Scenario s = xor_race("random");
  lab.load(s, build_objective(s.objective));
  const auto random = lab.objective();
  settle(lab);
  CHECK(lab.objective() == random);
  CHECK_THAT(random->info().x_label, Catch::StartsWith("a: random direction 1"));
}

namespace {

// Each run's loss at its last step, with the lesson's objective changed by `edit`.
std::vector<double> final_losses(const std::string& lesson,
                                 const std::function<void(NetworkSpec&)>& edit = {}) {
  Scenario s = load_lesson(lesson);
  auto& model = std::get<ModelSpec>(s.objective);
  if (edit) edit(model.network);
  Lab lab(2);
  lab.load(s, build_objective(s.objective));
  settle(lab);
  std::vector<double> out;
  for (const auto& run : lab.snapshot()->runs) {
    const Trajectory& t = *run.trajectory;
    REQUIRE(t.status() == RunStatus::finished);
    out.push_back(t[t.size() - 1].loss);
  }
  return out;
}

}  // namespace

TEST_CASE("network lessons: what their texts claim is what happens", "[lab][network][lessons]") {
  SECTION("XOR: a hidden layer fits it, logistic regression (2-1) is stuck at ln 2") {
    for (double loss : final_losses("xor-hidden-layer")) CHECK(loss < 0.3);
    for (double loss : final_losses("xor-hidden-layer", [](NetworkSpec& n) { n.layers = "2-1"; }))
      CHECK(loss == Approx(std::log(2.0)).epsilon(0.01));
  }
  SECTION("vanishing gradients: plain SGD stalls on deep sigmoids, Adam trains, relu rescues SGD") {
    const auto sigmoid = final_losses("vanishing-gradients");
    REQUIRE(sigmoid.size() == 2);
    CHECK(sigmoid[0] > 0.68);  // sgd
    CHECK(sigmoid[1] < 0.3);   // adam
    for (const char* activation : {"relu", "tanh"}) {
      INFO(activation);
      const auto rescued = final_losses("vanishing-gradients", [&](NetworkSpec& n) {
        n.activation = {activation, {}};
      });
      CHECK(rescued[0] < 0.3);
    }
  }
}
