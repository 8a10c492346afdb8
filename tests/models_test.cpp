// Dataset models: every model, loss and penalty against finite differences; fitted minima;
// mini-batches; the generators; bad data.
#include <catch2/catch.hpp>

#include "data_generators.hpp"
#include "dataset.hpp"
#include "model_registry.hpp"
#include "support/models.hpp"
#include "support/finite_difference.hpp"
#include "support/golden.hpp"

using namespace descent;
using namespace descent::test;

namespace {

std::shared_ptr<const Dataset> load(const char* file) {
  return std::make_shared<const Dataset>(load_dataset_csv(golden_dir() + "/" + file));
}

std::shared_ptr<const Dataset> make_data(std::vector<double> x, std::vector<double> y) {
  auto data = std::make_shared<Dataset>();
  data->source = std::string("test data");  // not = "...": GCC 12 warns falsely (PR 105329)
  data->feature_names = {"x"};
  data->features.push_back(
      Eigen::Map<Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size())));
  data->target_name = std::string("y");
  data->target = Eigen::Map<Eigen::ArrayXd>(y.data(), static_cast<Eigen::Index>(y.size()));
  return data;
}

struct Case {
  std::string model, loss, penalty;
  bool standardize;
};

// Every two-parameter model with every loss it takes, with and without each penalty and
// standardisation (the network has its own tests: network_test.cpp).
std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (const auto& m : models())
    for (const auto& loss : losses())
      if (!m.network && suits(loss, m))
        for (const auto& penalty : penalties())
          for (bool standardize : {false, true})
            cases.push_back({m.name, loss.name, penalty.name, standardize});
  return cases;
}

ModelSpec spec_of(const Case& c, double strength = 0.05) {
  ModelSpec spec = model_spec(c.model, c.loss);
  spec.penalty = {c.penalty, c.penalty == "none" ? ParamValues{} : ParamValues{{"strength", strength}}};
  spec.model.params["standardize"] = c.standardize;
  return spec;
}

std::shared_ptr<const Objective> make(const Case& c, double strength = 0.05) {
  auto data = c.model == "linear"
                  ? generated("linear", {{"n", 40}, {"noise", 1}, {"outliers", 0.1}})
              : c.model == "logistic" ? generated("classes", {{"n", 60}, {"overlap", 0.6}})
                                      : generated("blobs", {{"n", 60}, {"noise", 1.5}});
  return make_model_objective(spec_of(c, strength), data);
}

// Away from kinks (|r| = 0 for mae, |r| = delta for huber, p_j = 0 for L1) the finite
// difference has a derivative to agree with.
bool near_kink(const Case& c, const Objective& f, const Vec2& p) {
  if (c.penalty == "l1" &&
      (std::abs(p.x()) < 1e-3 || (c.model == "logistic2" && std::abs(p.y()) < 1e-3)))
    return true;
  if (c.loss != "mae" && c.loss != "huber") return false;
  const FittedModel& model = *f.fitted_model();
  const Dataset& d = model.data();
  double delta = c.loss == "huber" ? 1 : 0;  // Huber's default delta
  for (Eigen::Index i = 0; i < d.target.size(); ++i) {
    const double x = d.features[0][i];
    double r = model.predict(p, std::span<const double>(&x, 1)) - d.target[i];
    if (std::abs(std::abs(r) - delta) < 1e-3) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("models: registry, names and losses", "[models]") {
  CHECK(models().names() == std::vector<std::string>{"linear", "logistic", "logistic2", "mlp"});
  CHECK(losses().names() == std::vector<std::string>{"mse", "mae", "huber", "bce"});
  CHECK(penalties().names() == std::vector<std::string>{"none", "l2", "l1"});
  CHECK(default_model_spec("linear").loss.name == "mse");
  CHECK(default_model_spec("logistic").loss.name == "bce");
  CHECK(default_model_spec("logistic2").data.generator.name == "blobs");
  // A network takes the cross-entropy of its logit only, and starts on XOR.
  CHECK(default_model_spec("mlp").loss.name == "bce");
  CHECK(default_model_spec("mlp").data.generator.name == "xor");
  CHECK_FALSE(suits(losses().find("mse"), models().find("mlp")));
  auto data = generated("linear", {{"n", 20}});
  CHECK_THROWS_WITH(make_model_objective(model_spec("linear", "bce"), data),
                    "model linear does not take the loss bce; it takes mse, mae, huber");
  CHECK_THROWS_WITH(make_model_objective(model_spec("logistic", "mse"), data),
                    "model logistic does not take the loss mse; it takes bce");
  CHECK_THROWS_WITH(
      default_model_spec("quadratic"),
      Catch::StartsWith("unknown model 'quadratic'; available: linear, logistic, logistic2"));
  CHECK_THROWS_WITH(make_model_objective(model_spec("linear", "l2"), data),
                    Catch::StartsWith("unknown loss 'l2'"));
  ModelSpec huber = model_spec("linear", "huber");
  huber.loss.params["delta"] = 0;
  CHECK_THROWS_WITH(make_model_objective(huber, data),
                    "linear with huber: delta = 0 is out of range; allowed: delta > 0");
}

TEST_CASE("models: losses at the golden starts match the reference", "[models]") {
  auto linear = make_model_objective(model_spec("linear"), load("linear.csv"));
  auto logistic = make_model_objective(model_spec("logistic"), load("logistic.csv"));
  CHECK(linear->value({-2, 3}) == Approx(33.868).epsilon(1e-14));
  CHECK(logistic->value({-3, 2}) == Approx(3.6768485573524003).epsilon(1e-14));
  CHECK(linear->sample_count() == 10);
  CHECK(logistic->sample_count() == 12);
  CHECK(linear->info().name == "linear_mse");
  CHECK(linear->info().x_label == "w (slope)");
}

TEST_CASE(
    "models: every model, loss and penalty: gradients and Hessians against finite differences",
    "[models][gradient]") {
  for (const Case& c : all_cases()) {
    auto f = make(c);
    int checked = 0;
    for (double w = -2.9; w <= 3; w += 0.83)
      for (double b = -2.7; b <= 3; b += 0.91) {
        Vec2 p(w, b);
        if (near_kink(c, *f, p)) continue;
        INFO(f->info().name << (c.standardize ? " standardised" : "") << " penalty "
                            << c.penalty << " at (" << w << ", " << b << ")");
        Vec2 g = f->gradient(p), g_fd = fd_gradient(*f, p);
        double scale = std::max(g.norm(), f->value(p));
        CHECK(fd_agrees(g.x(), g_fd.x(), scale));
        CHECK(fd_agrees(g.y(), g_fd.y(), scale));
        Mat2 h = *f->hessian(p), h_fd = fd_hessian(*f, p);
        for (int i = 0; i < 4; ++i)
          CHECK(fd_agrees(h(i), h_fd(i), std::max(1.0, h.cwiseAbs().maxCoeff())));
        CHECK(f->value_gradient(p).value == f->value(p));
        ++checked;
      }
    CHECK(checked > 20);
  }
}

TEST_CASE("models: the listed minimum is the fit", "[models]") {
  auto linear = make_model_objective(model_spec("linear"), load("linear.csv"));
  REQUIRE(linear->info().critical_points.size() == 1);
  const auto& fit = linear->info().critical_points[0];
  CHECK(fit.at.x() == Approx(1.9951515151515151).epsilon(1e-12));  // least squares, by hand
  CHECK(fit.at.y() == Approx(1.0412121212121213).epsilon(1e-12));
  for (const Case& c : all_cases()) {
    auto f = make(c);
    INFO(f->info().name << (c.standardize ? " standardised" : "") << " penalty " << c.penalty);
    if (f->info().critical_points.empty()) {
      // Only separable classes without a penalty have no finite minimum.
      CHECK(c.loss == "bce");
      CHECK(c.penalty == "none");
      continue;
    }
    Vec2 m = f->info().critical_points[0].at;
    double best = f->value(m);
    CHECK(f->info().critical_points[0].value == best);
    // No nearby point does better (the non-smooth losses have no zero gradient to test).
    for (double angle = 0; angle < 6.28; angle += 0.3)
      for (double r : {1e-3, 1e-2, 1e-1})
        CHECK(f->value(m + r * (1 + m.norm()) * Vec2(std::cos(angle), std::sin(angle))) >=
              best - 1e-9 * (1 + best));
    CHECK(f->info().view.contains(m));
    CHECK(f->info().view.contains(f->info().start));
  }
}

TEST_CASE("models: a batch of every sample is exactly the full loss, batches average their samples",
          "[models]") {
  for (const Case& c : all_cases()) {
    auto f = make(c);
    std::vector<std::uint32_t> all(f->sample_count());
    for (std::uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    Vec2 p(0.7, -0.4);
    ValueGradient full = f->value_gradient(p), batch = f->batch_value_gradient(p, all);
    CHECK(batch.value == full.value);
    CHECK(batch.gradient == full.gradient);
    // The restricted objective is the loss over its samples alone.
    std::vector<std::uint32_t> some{1, 4, 9};
    auto part = f->restricted(some);
    REQUIRE(part);
    CHECK(part->sample_count() == 3);
    CHECK_THAT(part->info().formula, Catch::Contains(" over 3 samples"));
    CHECK(part->value(p) == Approx(f->batch_value_gradient(p, some).value).epsilon(1e-14));
  }
  auto linear = make_model_objective(model_spec("linear"), load("linear.csv"));
  CHECK_THROWS_WITH(linear->restricted({}), "linear_mse: a loss over no samples is undefined");
  CHECK_THROWS_WITH(linear->batch_value_gradient({0, 0}, {}),
                    "linear_mse: a loss over no samples is undefined");
}

TEST_CASE("models: the fast squared-error field agrees with the per-sample loss",
          "[models][field]") {
  for (bool standardize : {false, true}) {
    auto f = make({"linear", "mse", "l2", standardize});
    std::vector<Vec2> points;
    for (double w = -5; w <= 5; w += 0.7)
      for (double b = -5; b <= 5; b += 0.9) points.emplace_back(w, b);
    std::vector<double> fast(points.size());
    f->values(points, fast);
    for (std::size_t i = 0; i < points.size(); ++i)
      CHECK(fast[i] == Approx(f->value(points[i])).epsilon(1e-10));
  }
  CHECK(make({"linear", "mse", "none", false})->evaluation_cost() == 1);
  CHECK(make({"linear", "mae", "none", false})->evaluation_cost() == 40);
  CHECK(make({"logistic", "bce", "none", false})->evaluation_cost() == 10 * 60);
}

TEST_CASE("models: separable classes have no minimum, unless a penalty makes one", "[models]") {
  auto separable = make_data({-2, -1, 1, 2}, {0, 0, 1, 1});
  CHECK(make_model_objective(model_spec("logistic"), separable)->info().critical_points.empty());
  ModelSpec ridge = model_spec("logistic");
  ridge.penalty = {"l2", {{"strength", 0.1}}};
  auto penalised = make_model_objective(ridge, separable);
  REQUIRE(penalised->info().critical_points.size() == 1);
  CHECK(penalised->gradient(penalised->info().critical_points[0].at).norm() < 1e-9);
  CHECK(std::isfinite(make_model_objective(model_spec("logistic"), separable)->value({1000, 0})));
}

TEST_CASE("models: standardising shows on the axes and leaves the bias alone", "[models]") {
  ModelSpec spec = model_spec("linear");
  spec.model.params["standardize"] = 1;
  auto f = make_model_objective(spec, load("linear.csv"));
  CHECK(f->info().x_label == "w (slope) per std of x");
  // Standardised x has mean 0: the fitted intercept is the mean of y.
  CHECK(f->info().critical_points[0].at.y() ==
        Approx(load("linear.csv")->target.mean()).epsilon(1e-12));
  auto plane = make({"logistic2", "bce", "none", true});
  CHECK(plane->info().x_label == "w1 (standardised x1)");
}

TEST_CASE("models: bad specs and data are rejected with a message", "[models]") {
  CHECK_THROWS_WITH(make_model_objective(model_spec("logistic"), make_data({1, 2}, {0, 0.5})),
                    "test data: row 2: label y = 0.5; logistic with bce needs labels 0 or 1");
  CHECK_THROWS_WITH(make_model_objective(model_spec("linear"), make_data({}, {})),
                    "linear with mse: the dataset is empty");
  CHECK_THROWS_WITH(make_model_objective(model_spec("logistic2"), make_data({1, 2}, {0, 1})),
                    "logistic2 with bce: needs 2 features but test data has 1");
  ModelSpec bad = model_spec("linear");
  bad.penalty = {"l2", {{"strength", -1}}};
  CHECK_THROWS_WITH(make_model_objective(bad, make_data({1, 2}, {1, 2})),
                    "linear with mse penalty: strength = -1 is out of range; allowed: strength >= 0");
  ModelSpec constant = model_spec("linear");
  constant.model.params["standardize"] = 1;
  CHECK_THROWS_WITH(make_model_objective(constant, make_data({1, 1, 1}, {1, 2, 3})),
                    "test data: feature x is constant; it cannot be standardised");
  // All x equal: a line of minima, none listed, and still a finite loss.
  auto flat = make_model_objective(model_spec("linear"), make_data({1, 1, 1}, {1, 2, 3}));
  CHECK(flat->info().critical_points.empty());
  CHECK(flat->value({0, 2}) == Approx(2.0 / 3));
}

TEST_CASE("generators: seeded, sized, labelled as their kind says", "[generators]") {
  CHECK(generators().names() ==
        std::vector<std::string>{"linear", "classes", "blobs", "xor", "circles", "moons"});
  for (const auto& g : generators()) {
    INFO(g.name);
    Dataset a = generate_dataset({g.name, {{"n", 500}, {"seed", 7}}});
    Dataset b = generate_dataset({g.name, {{"n", 500}, {"seed", 7}}});
    Dataset c = generate_dataset({g.name, {{"n", 500}, {"seed", 8}}});
    CHECK(a.size() == 500);
    CHECK(a.feature_count() == g.features);
    CHECK((a.target == b.target).all());
    CHECK((a.features[0] == b.features[0]).all());
    CHECK_FALSE((a.features[0] == c.features[0]).all());
    if (g.binary) CHECK(((a.target == 0) || (a.target == 1)).all());
    for (const auto& f : a.features) CHECK(f.allFinite());
  }
  // The linear kind follows its line; outliers stand out.
  Dataset clean = generate_dataset({"linear", {{"n", 2000}, {"noise", 0.1}}});
  Eigen::ArrayXd residual = clean.target - (1.5 * clean.features[0] + 0.5);
  CHECK(std::abs(residual.mean()) < 0.02);
  Dataset dirty = generate_dataset({"linear", {{"n", 2000}, {"noise", 0.1}, {"outliers", 0.2}}});
  Eigen::ArrayXd off = (dirty.target - (1.5 * dirty.features[0] + 0.5)).abs();
  CHECK((off > 4).cast<double>().mean() == Approx(0.2).margin(0.03));
  // Overlap 0 separates the classes; overlap 1 mixes them.
  Dataset apart = generate_dataset({"classes", {{"n", 1000}, {"overlap", 0}, {"noise", 0.5}}});
  CHECK(((apart.features[0] > 0).cast<double>() == apart.target).cast<double>().mean() > 0.99);
  CHECK_THROWS_WITH(generate_dataset({"linear", {{"n", 5}}}),
                    "linear: n = 5 is out of range; allowed: an integer, 10 <= n <= 1000000");
  CHECK_THROWS_WITH(generate_dataset({"spiral", {}}),
                    Catch::StartsWith("unknown data generator 'spiral'"));
  CHECK_THROWS_WITH(generate_dataset({"xor", {{"overlap", 0.5}}}),
                    Catch::StartsWith("xor: unknown key 'overlap'"));
}
