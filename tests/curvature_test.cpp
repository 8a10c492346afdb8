// The curvature at a point and the step-size limits it sets, proven on quadratics whose limits
// are known: gradient descent just under 2/λmax converges, just over it diverges.
#include <cmath>

#include <catch2/catch.hpp>

#include "curvature.hpp"
#include "data_generators.hpp"
#include "model_registry.hpp"
#include "run.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

RunStatus ends(const std::shared_ptr<const Objective>& f, const std::string& spec, Vec2 start) {
  Run run(f, Optimizer(parse_optimizer_spec(spec)), start,
          {.max_steps = 20000, .tolerance = 1e-8, .record_every = 20000});
  while (run.advance(1 << 20)) {
  }
  return run.trajectory()->status();
}

std::string with_lr(const std::string& spec, double lr) {
  char text[64];
  std::snprintf(text, sizeof text, "lr=%.17g", lr);
  return spec + (spec.find(':') == std::string::npos ? ":" : ",") + text;
}

}  // namespace

TEST_CASE("curvature: the ill-conditioned bowl's eigenvalues, condition and limits",
          "[curvature]") {
  // f = 0.5(x² + 25y²): λ = 25 along y, 1 along x, anywhere.
  const auto f = find_surface("ill_conditioned");
  const auto c = curvature_at(*f, {-3, 2});
  REQUIRE(c);
  CHECK(c->analytic);
  CHECK(c->lambda_max() == Approx(25));
  CHECK(c->lambda_min() == Approx(1));
  CHECK(std::abs(c->eigenvectors(1, 0)) == Approx(1));  // the top axis is y
  CHECK(c->condition() == Approx(25));
  CHECK(c->max_stable_lr() == Approx(0.08));
  CHECK(c->max_stable_lr(0.5) == Approx(0.12));
}

TEST_CASE("curvature: just under 2/λmax converges, just over it diverges", "[curvature]") {
  const auto f = find_surface("ill_conditioned");
  const auto c = curvature_at(*f, {-8, 3});
  REQUIRE(c);
  for (double momentum : {0.0, 0.5, 0.9}) {
    INFO("momentum " << momentum);
    const double limit = c->max_stable_lr(momentum);
    const std::string sgd = "sgd:momentum=" + std::to_string(momentum);
    CHECK(ends(f, with_lr(sgd, 0.99 * limit), {-8, 3}) == RunStatus::converged);
    CHECK(ends(f, with_lr(sgd, 1.01 * limit), {-8, 3}) == RunStatus::diverged);
  }
}

TEST_CASE("curvature: differences of the gradient match the analytic Hessian", "[curvature]") {
  for (const char* name : {"rosenbrock", "himmelblau", "rastrigin", "saddle"}) {
    INFO(name);
    const auto f = find_surface(name);
    for (const Vec2& p : {Vec2(-1.2, 1), Vec2(0.3, -0.7), Vec2(2, 1.5)}) {
      const Mat2 exact = *f->hessian(p), approx = difference_hessian(*f, p);
      CHECK((approx - exact).norm() <= 1e-5 * std::max(1.0, exact.norm()));
    }
  }
  // A saddle: no finite condition, no limit from a direction that curves down alone.
  const auto saddle = curvature_at(*find_surface("saddle"), {0.1, 0.2});
  REQUIRE(saddle);
  CHECK(saddle->lambda_min() < 0);
  CHECK(std::isinf(saddle->condition()));
  CHECK(std::isfinite(saddle->max_stable_lr()));
}

TEST_CASE("curvature: models over data, analytic for a GLM, by differences on a plane",
          "[curvature]") {
  ModelSpec spec = default_model_spec("linear");
  const auto f = make_model_objective(spec, load_data(spec.data, 1));
  const auto c = curvature_at(*f, {0.5, -0.2});
  REQUIRE(c);
  CHECK(c->analytic);
  // Mean squared error of w·x + b: the Hessian is 2·[mean x², mean x; mean x, 1], anywhere.
  CHECK(c->hessian(1, 1) == Approx(2).epsilon(1e-12));
  CHECK((difference_hessian(*f, {0.5, -0.2}) - c->hessian).norm() < 1e-5 * c->hessian.norm());

  // A network's loss on a plane has no Hessian of its own: differences, and it says so.
  ModelSpec mlp = default_model_spec("mlp");
  const auto slice = make_model_objective(mlp, load_data(mlp.data, 2));
  REQUIRE(slice->network_slice());
  const auto d = curvature_at(*slice, {0.3, -0.4});
  REQUIRE(d);
  CHECK_FALSE(d->analytic);
  CHECK(d->hessian(0, 1) == d->hessian(1, 0));
  CHECK(d->hessian.allFinite());
}
