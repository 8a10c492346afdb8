// A network's loss on a plane in float32 SIMD (PlaneLoss) against Network::value in double:
// every activation, shapes from 2-1 to deep ones, both kernels; the slice's field and its plan.
#include <algorithm>
#include <cmath>

#include <catch2/catch.hpp>

#include "field.hpp"
#include "models/network.hpp"
#include "models/plane_loss.hpp"
#include "network_slice.hpp"
#include "plane_directions.hpp"
#include "rng.hpp"
#include "support/models.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// n samples in [-2, 2]^2: labels from a circle, or a smooth target for regression.
std::shared_ptr<const Dataset> circle_data(std::size_t n, Task task, std::uint64_t seed = 3) {
  Rng rng(seed);
  auto data = std::make_shared<Dataset>();
  data->source = std::string("test data");  // not = "...": GCC 12 warns falsely (PR 105329)
  data->feature_names = {"x1", "x2"};
  data->target_name = std::string("y");
  const auto size = static_cast<Eigen::Index>(n);
  data->features = {Eigen::ArrayXd(size), Eigen::ArrayXd(size)};
  data->target.resize(size);
  for (Eigen::Index i = 0; i < size; ++i) {
    const double x1 = rng.uniform(-2, 2), x2 = rng.uniform(-2, 2);
    data->features[0][i] = x1;
    data->features[1][i] = x2;
    data->target[i] = task == Task::classification ? (x1 * x1 + x2 * x2 < 1.5 ? 1.0 : 0.0)
                                                   : std::sin(x1) + 0.5 * x2 * x2;
  }
  return data;
}

// Points of the canvas's usual view, off any grid.
std::vector<Vec2> plane_points(std::uint64_t seed) {
  Rng rng(seed);
  std::vector<Vec2> points;
  for (int i = 0; i < 24; ++i) points.emplace_back(rng.uniform(-1.5, 1.5), rng.uniform(-1.5, 1.5));
  points.emplace_back(0, 0);
  return points;
}

// The largest relative difference between `kernel`'s values and Network::value on the plane.
double worst_error(const Network& network, const Plane& plane, PlaneLoss::Kernel kernel,
                   std::vector<double>* values = nullptr) {
  const PlaneLoss loss(network, plane);
  const auto points = plane_points(7);
  std::vector<double> out(points.size());
  loss.values(points, out, kernel);
  double worst = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double exact = network.value(plane.point(points[i]));
    worst = std::max(worst, std::abs(out[i] - exact) / std::abs(exact));
  }
  if (values) *values = out;
  return worst;
}

std::vector<PlaneLoss::Kernel> kernels() {
  std::vector<PlaneLoss::Kernel> all{PlaneLoss::Kernel::best, PlaneLoss::Kernel::portable};
  if (PlaneLoss::avx2_fma_supported()) all.push_back(PlaneLoss::Kernel::avx2_fma);
  return all;
}

}  // namespace

TEST_CASE("plane loss: equals Network::value within 1e-5 for every activation and shape",
          "[plane_loss]") {
  const auto activation = GENERATE(Activation::tanh, Activation::relu, Activation::sigmoid);
  const auto layers = GENERATE(as<std::string>{}, "2-1", "2-4-1", "2-3-5-1", "2-16-16-1",
                               "2-8-8-8-8-8-1", "2-40-1");
  // 1,000 samples: several of Network's blocks, and a last block of PlaneLoss's 16 half full.
  const auto samples = GENERATE(std::size_t{1}, std::size_t{17}, std::size_t{1000});
  const Network network(parse_network_shape(layers), activation,
                        circle_data(samples, Task::classification));
  const Plane plane = random_plane(network.shape().widths, network.initial_parameters(5), 11);
  for (const auto kernel : kernels()) {
    INFO(layers << " " << to_string(activation) << ", " << samples << " samples, kernel "
                << static_cast<int>(kernel));
    CHECK(worst_error(network, plane, kernel) < 1e-5);
  }
}

TEST_CASE("plane loss: squared error, and a plane far from the start", "[plane_loss]") {
  const Network regression(parse_network_shape("2-16-16-1"), Activation::tanh,
                           circle_data(1000, Task::regression), Task::regression);
  const VecX start = regression.initial_parameters(2);
  CHECK(worst_error(regression, random_plane(regression.shape().widths, start, 4),
                    PlaneLoss::Kernel::best) < 1e-5);
  // Large weights: saturated units and confident logits, on a plane through a scaled start.
  const Network classifier(parse_network_shape("2-8-8-1"), Activation::sigmoid,
                           circle_data(500, Task::classification));
  const VecX big = 6 * classifier.initial_parameters(9);
  CHECK(worst_error(classifier, random_plane(classifier.shape().widths, big, 8),
                    PlaneLoss::Kernel::best) < 1e-5);
}

TEST_CASE("plane loss: the portable and the AVX2 kernels agree", "[plane_loss]") {
  if (!PlaneLoss::avx2_fma_supported()) {
    WARN("this CPU has no AVX2 and FMA: only the portable kernel runs");
    return;
  }
  for (const char* layers : {"2-1", "2-16-16-1", "2-3-5-1"}) {
    const Network network(parse_network_shape(layers), Activation::tanh,
                          circle_data(1000, Task::classification));
    const Plane plane = random_plane(network.shape().widths, network.initial_parameters(1), 2);
    std::vector<double> portable, avx2;
    worst_error(network, plane, PlaneLoss::Kernel::portable, &portable);
    worst_error(network, plane, PlaneLoss::Kernel::avx2_fma, &avx2);
    // FMA rounds once where the portable kernel rounds twice; no more than that.
    for (std::size_t i = 0; i < portable.size(); ++i)
      CHECK(avx2[i] == Approx(portable[i]).epsilon(1e-6));
  }
}

TEST_CASE("plane loss: rejects a plane of another size and a short output", "[plane_loss]") {
  const Network network(parse_network_shape("2-4-1"), Activation::tanh,
                        circle_data(10, Task::classification));
  const Plane other = random_plane({2, 5, 1}, VecX::Ones(21), 1);
  CHECK_THROWS_AS(PlaneLoss(network, other), std::invalid_argument);
  const PlaneLoss loss(network, random_plane({2, 4, 1}, VecX::Ones(17), 1));
  std::vector<Vec2> points(3, Vec2::Zero());
  std::vector<double> out(2);
  CHECK_THROWS_AS(loss.values(points, out), std::invalid_argument);
}

TEST_CASE("plane loss: a network's slice samples its field with it, exact value() stays",
          "[plane_loss][field]") {
  ModelSpec spec = default_model_spec("mlp");
  spec.network.layers = "2-16-16-1";
  spec.network.plane = "random";
  const auto slice = make_model_objective(spec, generated("xor", {{"n", 1000}, {"seed", 1}}));
  REQUIRE(slice->network_slice());
  const auto points = plane_points(3);
  std::vector<double> field(points.size());
  slice->values(points, field);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double exact =
        slice->network_slice()->loss()->value(slice->network_slice()->plane()->point(points[i]));
    CHECK(slice->value(points[i]) == exact);  // value() is Network's own
    CHECK(field[i] == Approx(exact).epsilon(1e-5));
    CHECK(field[i] != exact);  // the field is the float kernel's, not value() per point
  }
}

TEST_CASE("plane loss: a 2-16-16-1 network over 1,000 samples is planned at 128x128, coarse first",
          "[plane_loss][field]") {
  ModelSpec spec = default_model_spec("mlp");
  spec.network.layers = "2-16-16-1";
  spec.network.plane = "random";
  const auto slice = make_model_objective(spec, generated("xor", {{"n", 1000}, {"seed", 1}}));
  const auto levels = plan_field({slice, {-1.5, 1.5, -1.5, 1.5}, 128, 128});
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].width <= 32);
  CHECK(levels[0].height <= 32);
  CHECK(levels[1].width == 128);
  CHECK(levels[1].height == 128);
  // Its cost is the float kernel's: far below the exact value()'s, still more than a surface.
  const double exact_cost = slice->network_slice()->loss()->evaluation_cost();
  CHECK(slice->evaluation_cost() < exact_cost / 4);
  CHECK(slice->evaluation_cost() > 1000);
  // A network 100 times larger in data is not: its finest grid stays within the budget.
  const auto heavy = make_model_objective(spec, generated("xor", {{"n", 100000}, {"seed", 1}}));
  const auto heavy_levels = plan_field({heavy, {-1.5, 1.5, -1.5, 1.5}, 128, 128});
  CHECK(heavy_levels.back().width < 128);
  CHECK(heavy_levels.back().width * heavy_levels.back().height * heavy->evaluation_cost() <=
        2.01e9);
}
