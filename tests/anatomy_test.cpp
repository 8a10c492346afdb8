// Step anatomy: for every optimizer and the settings that change its update, the parts a rule's
// explain() names add up to the step it then takes, explaining leaves the run unchanged, and
// the formula has this step's numbers.
#include <cmath>

#include <catch2/catch.hpp>

#include "data_generators.hpp"
#include "model_registry.hpp"
#include "network_slice.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "run.hpp"
#include "step_explainer.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

// Settings that reach every branch of the optimizers' updates.
std::vector<std::string> variants(const std::string& name) {
  std::vector<std::string> out{name + ":lr=0.01"};
  for (const ParamSpec& key : optimizers().find(name).params) {
    if (key.key == "lr") continue;
    double value = key.kind == ParamKind::flag ? 1 : (key.ui_min + key.ui_max) / 2;
    if (key.kind == ParamKind::integer) value = std::round(value);
    if (key.key == "nesterov")
      out.push_back(name + ":lr=0.01,momentum=0.9,nesterov=1");
    else
      out.push_back(cat(name, ":lr=0.01,", key.key, "=", value));
  }
  // Rules that pick their own step length take no clipping.
  const bool evaluates = Optimizer(parse_optimizer_spec(name)).evaluates();
  out.push_back(name + ":lr=0.01,schedule=cosine,t_max=10" +
                (evaluates ? "" : ",clip=norm,max_norm=0.5"));
  return out;
}

// A quadratic in any number of parameters, with a different curvature per coordinate.
struct Bowl final : Differentiable<VecX> {
  Eigen::Index n;
  explicit Bowl(Eigen::Index size) : n(size) {}
  const std::string& name() const override {
    static const std::string bowl = "bowl";
    return bowl;
  }
  Eigen::Index dimension() const override { return n; }
  VecX scales() const { return VecX::LinSpaced(n, 1, 10); }
  double value(const VecX& p) const override {
    return 0.5 * (scales().array() * p.array().square()).sum();
  }
  BasicValueGradient<VecX> value_gradient(const VecX& p) const override {
    return {value(p), (scales().array() * p.array()).matrix()};
  }
};

template <class V>
void check_steps(const std::string& spec_text, const Differentiable<V>& loss, V p) {
  INFO(spec_text);
  BasicOptimizer<V> optimizer(parse_optimizer_spec(spec_text));
  optimizer.evaluate_on(&loss);
  for (int step = 0; step < 6; ++step) {
    INFO("step " << step);
    const V g = loss.value_gradient(p).gradient;
    const StepAnatomy<V> a = optimizer.explain(p, g);
    const StepAnatomy<V> again = optimizer.explain(p, g);  // explaining changed nothing
    const V before = p;
    optimizer.step(p, g);
    const V taken = p - before;
    // The step taken is known only to the rounding of the point it lands on: a run that
    // diverged (RAdam's early momentum steps on Rosenbrock) takes steps far below |p|.
    const double tolerance = 1e-12 * std::max(1.0, taken.norm()) + 1e-15 * p.norm();
    REQUIRE_FALSE(a.parts.empty());
    CHECK((a.step() - taken).norm() <= tolerance);
    CHECK((again.step() - taken).norm() <= tolerance);
    CHECK_FALSE(a.lines.empty());
    for (const auto& line : a.lines) CHECK_FALSE(line.formula.empty());
    CHECK(a.guides.front().name == "-lr·g");
    for (const auto& part : a.parts) CHECK(part.value.allFinite());
    if (a.scale) CHECK(a.scale->allFinite());
  }
}

}  // namespace

TEST_CASE("anatomy: every optimizer's parts add up to its step, on a surface and a network",
          "[anatomy]") {
  const auto rosenbrock = find_surface("rosenbrock");
  const Bowl bowl(7);
  for (const std::string& name : optimizers().names())
    for (const std::string& spec : variants(name)) {
      check_steps<Vec2>(spec, *rosenbrock, Vec2(-1.2, 1.5));
      check_steps<VecX>(spec, bowl, VecX::LinSpaced(7, -1, 2));
    }
}

TEST_CASE("anatomy: Adam's parts are momentum and gradient scaled per coordinate", "[anatomy]") {
  const auto f = find_surface("rosenbrock");
  Optimizer adam(parse_optimizer_spec("adam:lr=0.1"));
  Vec2 p(-1, 1);
  adam.step(p, f->gradient(p));
  const Vec2 g = f->gradient(p);
  const StepAnatomy<Vec2> a = adam.explain(p, g);
  REQUIRE(a.parts.size() == 2);
  CHECK(a.parts[0].name == "gradient");
  CHECK(a.parts[1].name == "momentum");
  REQUIRE(a.scale);
  // The gradient part is -(1 - beta1)·g scaled per coordinate.
  CHECK(a.parts[0].value.x() == Approx(-0.1 * a.scale->x() * g.x()));
  CHECK(a.parts[0].value.y() == Approx(-0.1 * a.scale->y() * g.y()));
  CHECK(a.lines.back().numbers.find(cat("p = ", show(p), " - ")) == 0);  // the point it moved to
}

TEST_CASE("anatomy: clipping shows the gradient it cut, a schedule its learning rate",
          "[anatomy]") {
  Optimizer sgd(parse_optimizer_spec("sgd:lr=0.1,clip=norm,max_norm=1,schedule=step,step_size=1"));
  const Vec2 p(0, 0), g(3, 4);
  const StepAnatomy<Vec2> a = sgd.explain(p, g);
  REQUIRE(a.guides.size() == 2);
  CHECK(a.guides[1].name == "unclipped");
  CHECK(a.guides[1].value.isApprox(Vec2(-0.3, -0.4)));
  CHECK(a.parts[0].value.norm() == Approx(0.1).epsilon(1e-5));
  CHECK(a.lines[0].formula.find("schedule") != std::string::npos);
  CHECK(a.lines[1].numbers.find("|g| = 5 ->") == 0);
}

TEST_CASE("anatomy: a run explains the step it would take next, as it then takes it", "[anatomy]") {
  const auto f = find_surface("rosenbrock");
  Run run(f, Optimizer(parse_optimizer_spec("sgd:lr=0.001,momentum=0.9")), Vec2(-1.2, 1),
          {.max_steps = 10});
  run.advance(4);  // the start and 4 steps: points 0 to 4
  const auto a = run.explain_next();
  REQUIRE(a);
  run.advance(1);
  const auto& t = *run.trajectory();
  REQUIRE(t.size() == 6);
  CHECK((Vec2(t[4].x, t[4].y) + a->step() - Vec2(t[5].x, t[5].y)).norm() < 1e-15);
  run.advance(10);
  CHECK_FALSE(run.explain_next());  // it ended: no next step
}

TEST_CASE("anatomy: Rprop's part is each coordinate's step size times the gradient's sign",
          "[anatomy]") {
  Optimizer rprop(parse_optimizer_spec("rprop:lr=0.1"));
  Vec2 p(0, 0);
  rprop.step(p, Vec2(2, -3));
  // x keeps its sign: its step grows by eta_plus; y flips: its step shrinks and it stays.
  const Vec2 g(5, 4);
  const StepAnatomy<Vec2> a = rprop.explain(p, g);
  REQUIRE(a.parts.size() == 1);
  CHECK(a.parts[0].name == "sign·step");
  CHECK(a.parts[0].value.x() == Approx(-0.12));
  CHECK(a.parts[0].value.y() == 0);
  REQUIRE(a.scale);
  CHECK(a.scale->x() == Approx(0.12 / 5));
  CHECK(a.scale->y() == 0);
  CHECK(a.lines[1].numbers.find("= (0.12, 0.05)") != std::string::npos);
  CHECK(a.lines[2].formula.find("taken as 0") != std::string::npos);
}

TEST_CASE("anatomy: RAdam's first steps are momentum SGD, later ones adaptive", "[anatomy]") {
  const auto f = find_surface("rosenbrock");
  Optimizer radam(parse_optimizer_spec("radam:lr=0.01"));  // beta2 = 0.999: rho_6 > 5
  Vec2 p(-1, 1);
  for (int t = 1; t <= 7; ++t) {
    INFO("t = " << t);
    const Vec2 g = f->gradient(p);
    const StepAnatomy<Vec2> a = radam.explain(p, g);
    CHECK(a.scale.has_value() == (t >= 6));
    CHECK(a.lines.back().formula ==
          (t >= 6 ? "p <- p - m_hat·lr·sqrt(1-beta2^t)/(sqrt(v) + eps)·r" : "p <- p - lr·m_hat"));
    if (t < 6) {
      // Un-rectified: the gradient part is lr·(1 - beta1)/(1 - beta1^t)·g in every coordinate.
      const double c = 0.01 * 0.1 / (1 - std::pow(0.9, t));
      CHECK(a.parts[0].value.x() == Approx(-c * g.x()));
      CHECK(a.parts[0].value.y() == Approx(-c * g.y()));
    }
    REQUIRE(a.parts.size() == (t == 1 ? 1u : 2u));
    radam.step(p, g);
  }
}

TEST_CASE("anatomy: any step of a run, replayed forward and back, as the run took it",
          "[anatomy]") {
  RunConfig config{.objective = find_surface("rosenbrock"),
                   .optimizer = parse_optimizer_spec("adam:lr=0.05"),
                   .start = Vec2(-1.5, 2),
                   .limits = {.max_steps = 300}};
  Run run(config.objective, Optimizer(config.optimizer), config.start, config.limits);
  while (run.advance(1000)) {
  }
  const Trajectory& t = *run.trajectory();
  StepExplainer explainer(config);
  for (std::int64_t step : {120, 250, 3, 0, 299}) {  // forward, forward, back, back, forward
    INFO("step " << step);
    const auto e = explainer.explain(step);
    REQUIRE(e);
    const auto i = static_cast<std::size_t>(step);
    CHECK(e->from == Vec2(t[i].x, t[i].y));
    CHECK((e->from + e->anatomy.step() - Vec2(t[i + 1].x, t[i + 1].y)).norm() < 1e-12);
  }
  CHECK_FALSE(explainer.explain(300));  // the last point: no step follows it
  bool abandon = true;
  CHECK_FALSE(explainer.explain(200, [&] { return abandon; }));
}

TEST_CASE("anatomy: a network's step is drawn projected on its plane", "[anatomy]") {
  ModelSpec mlp = default_model_spec("mlp");
  const auto slice = make_model_objective(mlp, load_data(mlp.data, 2));
  RunConfig config{.objective = slice,
                   .optimizer = parse_optimizer_spec("adam:lr=0.01"),
                   .limits = {.max_steps = 20}};
  auto run = std::get<NetworkRun>(make_run(config));
  while (run.advance(100)) {
  }
  const Trajectory& t = *run.trajectory();
  StepExplainer explainer(config);
  const auto e = explainer.explain(10);
  REQUIRE(e);
  CHECK(e->parameters == slice->network_slice()->loss()->dimension());
  CHECK((e->from - Vec2(t[10].x, t[10].y)).norm() < 1e-12);
  // Projection is linear: the projected parts add up to the projected step.
  CHECK((e->from + e->anatomy.step() - Vec2(t[11].x, t[11].y)).norm() < 1e-9);
  CHECK(e->anatomy.lines.back().numbers.find("over") != std::string::npos);  // norms, not values
}
