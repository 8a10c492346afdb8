// What the views show of a network's run: the kept vector at a playback step, the accuracy,
// the decision grid and its 0.5 contour, the gradient per layer, and the cache that computes
// them in the background once per run and vector.
#include <catch2/catch.hpp>

#include "support/models.hpp"

#include <cmath>

#include "lab.hpp"
#include "network_insights.hpp"
#include "network_view.hpp"
#include "rng.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// Labels of a circle in [-2, 2]^2.
std::shared_ptr<const Dataset> circle_data(std::size_t n) {
  Rng rng(3);
  std::vector<double> x1, x2, y;
  for (std::size_t i = 0; i < n; ++i) {
    x1.push_back(rng.uniform(-2, 2));
    x2.push_back(rng.uniform(-2, 2));
    y.push_back(x1.back() * x1.back() + x2.back() * x2.back() < 1.5 ? 1.0 : 0.0);
  }
  return two_feature_data(x1, x2, y);
}

// A 2-1-1 tanh network whose logit is 10·tanh(x1): P(y = 1) >= 0.5 exactly where x1 >= 0.
// Parameters: W1 (1 x 2), b1, W2 (1 x 1), b2.
VecX step_on_x1() {
  VecX p(5);
  p << 1, 0, 0, 10, 0;
  return p;
}

// A trajectory of `points` points (a step each) keeping 2 parameters (i, -i) every
// `stride`-th point, and the last.
std::shared_ptr<Trajectory> kept_every(std::size_t points, std::size_t stride) {
  auto t = std::make_shared<Trajectory>(
      points, 1, TrajectoryColumns{.parameters = 2, .parameter_stride = stride});
  for (std::size_t i = 0; i < points; ++i) {
    const double p[2] = {double(i), -double(i)};
    t->push_back({double(i), 0, 1}, static_cast<std::int64_t>(i), {.parameters = p});
    if (i + 1 == points) t->keep_parameters(p);
  }
  return t;
}

}  // namespace

TEST_CASE("network view: the vector shown is the last kept at or before the step",
          "[network][view]") {
  const auto t = kept_every(8, 3);  // vectors at points 0, 3, 6 and 7
  REQUIRE(t->vector_count() == 4);
  CHECK_FALSE(vector_at(*t, 0));
  CHECK(vector_at(*t, 1) == 0u);
  CHECK(vector_at(*t, 3) == 0u);  // points 0..2 shown
  CHECK(vector_at(*t, 4) == 1u);  // point 3 shown
  CHECK(vector_at(*t, 6) == 1u);
  CHECK(vector_at(*t, 7) == 2u);
  CHECK(vector_at(*t, 8) == 3u);    // the last point, kept off the stride
  CHECK(vector_at(*t, 100) == 3u);  // past the end: the last
  CHECK(parameters_of(*t, 2)[0] == 6);
  CHECK(parameters_of(*t, 2)[1] == -6);
  // A playback step maps to points as the views do it.
  CHECK(vector_at(*t, t->points_through(5)) == 1u);
  CHECK(vector_at(*t, t->points_through(6)) == 2u);

  const Trajectory none(4, 1, TrajectoryColumns{.parameters = 2, .parameter_stride = 1});
  CHECK_FALSE(vector_at(none, 3));
}

TEST_CASE("network view: accuracy counts the samples whose class is predicted", "[network][view]") {
  // x1 >= 0 predicts class 1; the third and fourth samples are on the wrong side; the last is
  // on the boundary (P = 0.5), which counts as class 1.
  const auto data =
      two_feature_data({1, -1, 2, -3, 0.5, 0}, {0, 0, 5, 1, -1, 2}, {1, 0, 0, 1, 1, 1});
  const Network net(parse_network_shape("2-1-1"), Activation::tanh, data);
  const std::vector<Vec2> points = sample_points(*data);
  REQUIRE(points.size() == 6);
  CHECK(points[2] == Vec2(2, 5));
  CHECK(accuracy(net, step_on_x1(), points) == Approx(4.0 / 6));
  VecX flipped = step_on_x1();
  flipped[3] = -10;  // now x1 <= 0 predicts class 1: right for the third, fourth and last
  CHECK(accuracy(net, flipped, points) == Approx(3.0 / 6));
}

TEST_CASE("network view: the decision grid is the network's prediction at its corners",
          "[network][view]") {
  const auto data = circle_data(300);
  const Network net(parse_network_shape("2-8-8-1"), Activation::tanh, data);
  const VecX p = net.initial_parameters(5);
  const Box area = data_area(*data);
  CHECK(area.x_min < data->features[0].minCoeff());
  CHECK(area.x_max > data->features[0].maxCoeff());
  CHECK(area.y_min < data->features[1].minCoeff());
  CHECK(area.y_max > data->features[1].maxCoeff());
  const DecisionGrid grid = decision_grid(net, p, area, 16);
  REQUIRE(grid.side() == 17);
  REQUIRE(grid.values.size() == 17u * 17u);
  CHECK(grid.corner(0, 0) == Vec2(area.x_min, area.y_min));
  CHECK(grid.corner(16, 16).isApprox(Vec2(area.x_max, area.y_max)));
  for (int j = 0; j <= 16; j += 4)
    for (int i = 0; i <= 16; i += 3) {
      const Vec2 at = grid.corner(i, j);
      const double features[2] = {at.x(), at.y()};
      CHECK(grid.at(i, j) == Approx(net.predict(p, features)).epsilon(1e-12));
    }
}

TEST_CASE("network view: the 0.5 contour is where the network's prediction is 0.5",
          "[network][view]") {
  const auto data = two_feature_data({-1, 1}, {-1, 1}, {0, 1});
  const Network net(parse_network_shape("2-1-1"), Activation::tanh, data);
  // Corners every 0.21 across, none on x1 = 0: the boundary x1 = 0 is found between them.
  const DecisionGrid grid = decision_grid(net, step_on_x1(), {-1.1, 1, -1, 1}, 10);
  const std::vector<Segment> line = contour(grid);
  REQUIRE(line.size() == 10);  // one segment per row of cells
  double covered = 0;
  for (const auto& [a, b] : line) {
    CHECK(a.x() == Approx(0).margin(1e-3));
    CHECK(b.x() == Approx(0).margin(1e-3));
    covered += std::abs(b.y() - a.y());
  }
  CHECK(covered == Approx(2));

  // A trained-looking network: every end of every segment is where P = 0.5, near enough.
  const auto circle = circle_data(300);
  const Network round(parse_network_shape("2-8-8-1"), Activation::tanh, circle);
  VecX p = round.initial_parameters(2);
  for (int i = 0; i < 300; ++i) p -= 0.5 * round.value_gradient(p).gradient;
  const DecisionGrid fine = decision_grid(round, p, data_area(*circle), 64);
  const std::vector<Segment> boundary = contour(fine);
  REQUIRE(boundary.size() > 20);
  for (std::size_t k = 0; k < boundary.size(); k += 7) {
    const double features[2] = {boundary[k].first.x(), boundary[k].first.y()};
    CHECK(round.predict(p, features) == Approx(0.5).margin(0.02));
  }
}

TEST_CASE("network view: a saddle cell joins its corners through the middle's side",
          "[network][view]") {
  DecisionGrid grid{.area = {0, 1, 0, 1}, .cells = 1, .values = {0.9, 0.2, 0.3, 0.8}};
  // (0,0) and (1,1) are above 0.5; the middle (mean of the logits) is above too: the lines cut
  // off the corners (1,0) and (0,1).
  std::vector<Segment> s = contour(grid);
  REQUIRE(s.size() == 2);
  auto near = [](const Segment& seg, Vec2 corner) {
    return (seg.first - corner).norm() < 0.71 && (seg.second - corner).norm() < 0.71;
  };
  CHECK(near(s[0], {1, 0}));
  CHECK(near(s[1], {0, 1}));
  grid.values = {0.6, 0.1, 0.05, 0.55};  // the middle below: cut off (0,0) and (1,1)
  s = contour(grid);
  REQUIRE(s.size() == 2);
  CHECK(near(s[0], {0, 0}));
  CHECK(near(s[1], {1, 1}));
}

TEST_CASE("network view: the first layers of a deep sigmoid network get almost no gradient",
          "[network][view]") {
  const auto data = circle_data(200);
  const Network sigmoid(parse_network_shape("2-8-8-8-8-8-1"), Activation::sigmoid, data);
  const VecX p = sigmoid.initial_parameters(1);
  const std::vector<double> norms = layer_norms(sigmoid, p);
  REQUIRE(norms.size() == 6);
  CHECK(norms == sigmoid.layer_gradient_norms(sigmoid.value_gradient(p).gradient));
  // Each sigmoid layer passes on at most a quarter of the gradient: it shrinks layer by layer
  // toward the input, by orders of magnitude in all.
  for (std::size_t l = 0; l + 1 < norms.size(); ++l) CHECK(norms[l] < norms[l + 1]);
  CHECK(norms.front() < 1e-3 * norms.back());

  const Network relu(parse_network_shape("2-8-8-8-8-8-1"), Activation::relu, data);
  // With ReLU or tanh the gradient shrinks too at initialisation, but far less.
  const std::vector<double> relu_norms = layer_norms(relu, relu.initial_parameters(1));
  const std::vector<double> tanh_norms =
      layer_norms(Network(parse_network_shape("2-8-8-8-8-8-1"), Activation::tanh, data),
                  relu.initial_parameters(1));
  INFO("sigmoid " << norms.front() / norms.back() << ", relu "
                  << relu_norms.front() / relu_norms.back() << ", tanh "
                  << tanh_norms.front() / tanh_norms.back());
  CHECK(norms.front() / norms.back() < 1e-2 * relu_norms.front() / relu_norms.back());
  CHECK(norms.front() / norms.back() < 1e-2 * tanh_norms.front() / tanh_norms.back());
}

TEST_CASE("network insights: computed once per run and vector, in the background",
          "[network][view][lab]") {
  Lab lab(2);
  Scenario s;
  ModelSpec model = default_model_spec("mlp");
  model.network.plane = "random";
  s.objective = model;
  s.steps = 200;
  s.runs.push_back({.optimizer = parse_optimizer_spec("adam:lr=0.05")});
  s.runs.push_back({.optimizer = parse_optimizer_spec("sgd:lr=0.5")});
  lab.load(s, build_objective(s.objective));
  lab.session().wait_idle();
  const auto snapshot = lab.snapshot();
  REQUIRE(snapshot->runs.size() == 2);
  std::vector<RunId> ids;
  for (const auto& run : snapshot->runs) ids.push_back(run.id);

  NetworkInsights insights;
  insights.update(lab.objective(), ids);
  const Network* net = insights.network();
  REQUIRE(net);
  CHECK(insights.area() == data_area(net->data()));
  const RunView& adam = snapshot->runs[0];
  const Trajectory& t = *adam.trajectory;
  const std::size_t shown = t.points_through(120);
  // Nothing at first: the job runs in the background.
  CHECK(insights.get(adam.id, adam.trajectory, shown) == nullptr);
  insights.wait();
  const NetworkInsight* first = insights.get(adam.id, adam.trajectory, shown);
  REQUIRE(first);
  CHECK(NetworkInsights::current(*first, t, shown));
  const std::size_t j = *vector_at(t, shown);
  CHECK(first->vector == j);
  CHECK(first->step == t.step(t.parameter_point(j)));
  CHECK(first->step <= 120);
  const VecX p = parameters_of(t, j);
  const std::vector<Vec2> points = sample_points(net->data());
  REQUIRE(first->accuracy);
  CHECK(*first->accuracy == accuracy(*net, p, points));
  CHECK(first->layer_norms == layer_norms(*net, p));
  CHECK(first->grid.values ==
        decision_grid(*net, p, insights.area(), NetworkInsights::kCells).values);
  CHECK(first->boundary.size() == contour(first->grid).size());
  // Asked again: the same result, nothing recomputed.
  CHECK(insights.get(adam.id, adam.trajectory, shown) == first);
  insights.wait();
  CHECK(insights.get(adam.id, adam.trajectory, shown) == first);
  // Another step: the previous result until the new one is ready.
  const std::size_t later = t.points_through(200);
  const NetworkInsight* meanwhile = insights.get(adam.id, adam.trajectory, later);
  CHECK(meanwhile == first);
  CHECK_FALSE(NetworkInsights::current(*meanwhile, t, later));
  insights.wait();
  const NetworkInsight* next = insights.get(adam.id, adam.trajectory, later);
  REQUIRE(next);
  CHECK(NetworkInsights::current(*next, t, later));
  // By step 200 Adam fits XOR better than at the start.
  CHECK(*next->accuracy > 0.9);

  // A run removed is forgotten; an objective that is no network computes nothing.
  insights.update(lab.objective(), std::span<const RunId>(ids).subspan(1));
  CHECK(insights.get(adam.id, adam.trajectory, later) == nullptr);
  lab.set_objective(ObjectiveSpec{});
  insights.update(lab.objective(), ids);
  CHECK_FALSE(insights.network());
  CHECK(insights.get(adam.id, adam.trajectory, later) == nullptr);
}
