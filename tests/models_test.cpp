// Dataset models: losses, gradients and Hessians against finite differences, fitted minima.
#include <catch2/catch.hpp>

#include "dataset.hpp"
#include "model_registry.hpp"
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
  data->source = "test data";
  data->x = Eigen::Map<Eigen::ArrayXd>(x.data(), static_cast<Eigen::Index>(x.size()));
  data->y = Eigen::Map<Eigen::ArrayXd>(y.data(), static_cast<Eigen::Index>(y.size()));
  return data;
}

}  // namespace

TEST_CASE("models: registry", "[models]") {
  CHECK(model_names() == std::vector<std::string>{"linear_mse", "logistic_bce"});
  CHECK_THROWS_WITH(find_model("linear"), Catch::Contains("unknown model 'linear'"));
}

TEST_CASE("models: losses at the golden starts match the reference", "[models]") {
  auto linear = find_model("linear_mse").make(load("linear.csv"));
  auto logistic = find_model("logistic_bce").make(load("logistic.csv"));
  CHECK(linear->value({-2, 3}) == Approx(33.868).epsilon(1e-14));
  CHECK(logistic->value({-3, 2}) == Approx(3.6768485573524003).epsilon(1e-14));
  CHECK(linear->sample_count() == 10);
  CHECK(logistic->sample_count() == 12);
  CHECK(linear->info().x_label == "w (slope)");
}

TEST_CASE("models: gradients and Hessians agree with finite differences", "[models][gradient]") {
  for (const char* name : {"linear_mse", "logistic_bce"}) {
    auto model = find_model(name).make(
        load(name == std::string("linear_mse") ? "linear.csv" : "logistic.csv"));
    for (double w = -4; w <= 4; w += 0.7)
      for (double b = -3; b <= 3; b += 0.9) {
        Vec2 p(w, b);
        INFO(name << " at (" << w << ", " << b << ")");
        Vec2 g = model->gradient(p), g_fd = fd_gradient(*model, p);
        double scale = std::max(g.norm(), model->value(p));
        CHECK(fd_agrees(g.x(), g_fd.x(), scale));
        CHECK(fd_agrees(g.y(), g_fd.y(), scale));
        Mat2 h = *model->hessian(p), h_fd = fd_hessian(*model, p);
        for (int i = 0; i < 4; ++i) CHECK(fd_agrees(h(i), h_fd(i), h.cwiseAbs().maxCoeff()));
        CHECK(model->value_gradient(p).value == model->value(p));
      }
  }
}

TEST_CASE("models: the listed minimum is the fit", "[models]") {
  auto linear = find_model("linear_mse").make(load("linear.csv"));
  REQUIRE(linear->info().critical_points.size() == 1);
  const auto& fit = linear->info().critical_points[0];
  CHECK(fit.at.x() == Approx(1.9951515151515151).epsilon(1e-12));  // least squares, by hand
  CHECK(fit.at.y() == Approx(1.0412121212121213).epsilon(1e-12));
  CHECK(linear->gradient(fit.at).norm() < 1e-12);

  auto logistic = find_model("logistic_bce").make(load("logistic.csv"));
  REQUIRE(logistic->info().critical_points.size() == 1);
  CHECK(logistic->gradient(logistic->info().critical_points[0].at).norm() < 1e-10);
  for (const auto& model : {linear, logistic})
    CHECK(model->info().view.contains(model->info().start));
}

TEST_CASE("models: separable classes have no minimum to list", "[models]") {
  auto separable = find_model("logistic_bce").make(make_data({-2, -1, 1, 2}, {0, 0, 1, 1}));
  CHECK(separable->info().critical_points.empty());
  CHECK(std::isfinite(separable->value({100, 0})));  // the stable form does not overflow
  CHECK(separable->value({1000, 0}) == Approx(0).margin(1e-300));
}

TEST_CASE("models: bad data is rejected with a message", "[models]") {
  CHECK_THROWS_WITH(find_model("logistic_bce").make(make_data({1, 2}, {0, 0.5})),
                    "test data: row 2: label y = 0.5; logistic_bce needs labels 0 or 1");
  CHECK_THROWS_WITH(find_model("linear_mse").make(make_data({}, {})),
                    "linear_mse: the dataset is empty");
  // All x equal: a line of minima, none listed, and still a finite loss.
  auto flat = find_model("linear_mse").make(make_data({1, 1, 1}, {1, 2, 3}));
  CHECK(flat->info().critical_points.empty());
  CHECK(flat->value({0, 2}) == Approx(2.0 / 3));
}
