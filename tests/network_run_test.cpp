// Runs over many parameters: their points projected on a plane, the parameter vectors they keep
// in bounded memory, and what they refuse.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "run.hpp"
#include "support/lifted.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// 0.5·|p - target|² in any dimension: the gradient is p - target.
class Bowl final : public Differentiable<VecX> {
 public:
  explicit Bowl(VecX target) : m_target(std::move(target)) {}
  const std::string& name() const override { return m_name; }
  Eigen::Index dimension() const override { return m_target.size(); }
  double value(const VecX& p) const override { return 0.5 * (p - m_target).squaredNorm(); }
  BasicValueGradient<VecX> value_gradient(const VecX& p) const override {
    return {value(p), p - m_target};
  }

 private:
  std::string m_name = "bowl";
  VecX m_target;
};

const Trajectory& finish(NetworkRun& run) {
  while (run.advance(13)) {
  }
  return *run.trajectory();
}

BasicOptimizer<VecX> sgd(double lr) {
  return BasicOptimizer<VecX>(parse_optimizer_spec("sgd:lr=" + std::to_string(lr)));
}

}  // namespace

TEST_CASE("network run: points are projected on the plane, with their distance from it",
          "[network run]") {
  VecX target(4);
  target << 1, -2, 3, 0.5;
  const VecX start = VecX::Zero(4);
  VecX d1 = VecX::Zero(4), d2 = VecX::Zero(4);
  d1[0] = 2;  // a = p0 / 2
  d2[1] = 1;  // b = p1
  auto plane = std::make_shared<const Plane>(start, d1, d2);
  NetworkRun run(std::make_shared<Bowl>(target), sgd(0.1), start, {.max_steps = 20}, {}, plane);
  const Trajectory& t = finish(run);
  REQUIRE(t.size() == 21);
  REQUIRE(t.vector_count() == 21);
  REQUIRE(t.has_distances());
  REQUIRE(t.has_grad_norms());
  for (std::size_t k = 0; k < t.size(); ++k) {
    // SGD on the bowl: p_k = target·(1 - 0.9^k).
    const double f = 1 - std::pow(0.9, static_cast<double>(k));
    const auto p = t.parameters(k);
    for (int i = 0; i < 4; ++i) CHECK(p[i] == Approx(target[i] * f).epsilon(1e-12));
    CHECK(t[k].x == Approx(target[0] * f / 2).epsilon(1e-12));
    CHECK(t[k].y == Approx(target[1] * f).epsilon(1e-12));
    CHECK(t.distance(k) == Approx(std::hypot(target[2], target[3]) * f).epsilon(1e-6));
    CHECK(t.grad_norm(k) == Approx(target.norm() * (1 - f)).epsilon(1e-6));
    CHECK(t[k].loss == Approx(0.5 * target.squaredNorm() * (1 - f) * (1 - f)).epsilon(1e-12));
  }
}

TEST_CASE("network run: without a plane it shows the first two parameters", "[network run]") {
  VecX target(3);
  target << 1, 2, 2;
  NetworkRun run(std::make_shared<Bowl>(target), sgd(0.5), VecX::Zero(3), {.max_steps = 1});
  const Trajectory& t = finish(run);
  REQUIRE(t.size() == 2);
  CHECK(t[1].x == 0.5);
  CHECK(t[1].y == 1);
  CHECK(t.distance(1) == 1);  // the third parameter, 1, is off the (p0, p1) plane
}

TEST_CASE("network run: parameter vectors stay within their budget, and the last is kept",
          "[network run]") {
  const VecX target = VecX::Constant(100, 1.0);  // 800 bytes a vector
  RunLimits limits{.max_steps = 999, .parameter_bytes = 800 * 50};
  NetworkRun run(std::make_shared<Bowl>(target), sgd(0.001), VecX::Zero(100), limits);
  const Trajectory& t = finish(run);
  REQUIRE(t.size() == 1000);
  CHECK(t.status() == RunStatus::finished);
  // At most 50 vectors on the stride, plus the last point's.
  CHECK(t.vector_count() <= 51);
  CHECK(t.vector_count() >= 40);
  const std::size_t stride = t.parameter_point(1);
  CHECK(stride > 1);
  for (std::size_t j = 0; j + 1 < t.vector_count(); ++j) CHECK(t.parameter_point(j) == j * stride);
  const std::size_t last = t.vector_count() - 1;
  CHECK(t.parameter_point(last) == 999);
  // Each vector is its point's: the loss recomputed from it is the recorded loss.
  for (std::size_t j = 0; j < t.vector_count(); ++j) {
    const auto p = t.parameters(j);
    const VecX v = Eigen::Map<const VecX>(p.data(), static_cast<Eigen::Index>(p.size()));
    CHECK(0.5 * (v - target).squaredNorm() == t[t.parameter_point(j)].loss);
  }
}

TEST_CASE("network run: a diverging run keeps the parameters of its last finite point",
          "[network run]") {
  // lr = 3 on the bowl multiplies the distance to the target by -2 each step: past 1e15 at 50.
  NetworkRun run(std::make_shared<Bowl>(VecX::Zero(3)), sgd(3), VecX::Ones(3),
                 {.max_steps = 1000, .parameter_bytes = 24 * 4});
  const Trajectory& t = finish(run);
  CHECK(t.status() == RunStatus::diverged);
  REQUIRE(t.vector_count() >= 2);
  const std::size_t j = t.vector_count() - 1;
  CHECK(t.parameter_point(j) == t.size() - 1);
  CHECK(std::abs(t.parameters(j)[0]) < 1e15);
  CHECK(std::abs(t.parameters(j)[0]) > 1e14);
}

TEST_CASE(
    "network run: a start of the wrong size or not finite, or a plane that does not fit, "
    "is refused",
    "[network run]") {
  auto bowl = std::make_shared<Bowl>(VecX::Zero(17));
  CHECK_THROWS_WITH(NetworkRun(bowl, sgd(0.1), VecX::Zero(5), {}),
                    "start has 5 values but the model has 17 parameters");
  VecX bad = VecX::Zero(17);
  bad[3] = std::nan("");
  CHECK_THROWS_WITH(NetworkRun(bowl, sgd(0.1), bad, {}), "start: p3 = nan is not finite");
  VecX d1 = VecX::Zero(4), d2 = VecX::Zero(4);
  d1[0] = d2[1] = 1;
  CHECK_THROWS_WITH(NetworkRun(bowl, sgd(0.1), VecX::Zero(17), {}, {},
                               std::make_shared<const Plane>(VecX::Zero(4), d1, d2)),
                    "the plane has 4 dimensions but the model has 17 parameters");
}

TEST_CASE("network run: gradient noise is seeded in every coordinate", "[network run]") {
  auto bowl = std::make_shared<Bowl>(VecX::Zero(6));
  auto path = [&](std::uint64_t seed) {
    NetworkRun run(bowl, sgd(0.1), VecX::Ones(6), {.max_steps = 5},
                   {.gradient_noise = 0.5, .seed = seed});
    const Trajectory& t = finish(run);
    const auto p = t.parameters(t.vector_count() - 1);
    return VecX(Eigen::Map<const VecX>(p.data(), 6));
  };
  const VecX a = path(1), b = path(1), c = path(2);
  CHECK(a == b);
  CHECK(a != c);
  for (int i = 0; i < 6; ++i)
    CHECK(a[i] != Approx(std::pow(0.9, 5)));  // every coordinate moved off the noiseless path
}

TEST_CASE("network run: a billion steps with every vector kept costs nothing until it is used",
          "[network run]") {
  // Room for a billion vectors is chunks taken as they fill, not 16 GB of slots up front.
  NetworkRun run(std::make_shared<Bowl>(VecX::Ones(17)), sgd(0.1), VecX::Zero(17),
                 {.max_steps = RunLimits::kMaxSteps,
                  .parameter_bytes = std::numeric_limits<std::size_t>::max()});
  CHECK(run.advance(1000));
  run.cancel();
  const Trajectory& t = *run.trajectory();
  CHECK(t.status() == RunStatus::cancelled);
  CHECK(t.vector_count() == t.size());
  CHECK(t.size() == 1001);
  CHECK(t.parameters(1000)[0] == Approx(1 - std::pow(0.9, 1000)));
}
