// Field sampling: values at cell centres, abandoning stale requests, newest wins.
#include <chrono>
#include <thread>

#include <catch2/catch.hpp>

#include "support/models.hpp"

#include "data_generators.hpp"
#include "field.hpp"
#include "model_registry.hpp"
#include "session.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

TEST_CASE("field: samples the objective at cell centres, row 0 at the bottom", "[field]") {
  ThreadPool pool(2);
  auto surface = find_surface("rosenbrock");
  auto grid = sample_field({surface, {-2, 2, -1, 3}, 40, 30}, pool);
  REQUIRE(grid);
  REQUIRE(grid->values.size() == 1200);
  CHECK(grid->cell_centre(0, 0).x() == Approx(-2 + 0.05));
  CHECK(grid->cell_centre(0, 0).y() == Approx(-1 + 4.0 / 60));
  float lo = 1e30f, hi = -1e30f;
  for (int j = 0; j < 30; ++j)
    for (int i = 0; i < 40; ++i) {
      float want = static_cast<float>(surface->value(grid->cell_centre(i, j)));
      CHECK(grid->at(i, j) == want);
      lo = std::min(lo, want), hi = std::max(hi, want);
    }
  CHECK(grid->min == lo);
  CHECK(grid->max == hi);
}

TEST_CASE("field: values beyond float range become NaN and stay out of min/max", "[field]") {
  ThreadPool pool(1);
  auto grid = sample_field({find_surface("goldstein_price"), {-1e4, 1e4, -1e4, 1e4}, 8, 8}, pool);
  REQUIRE(grid);
  int nans = 0;
  for (float v : grid->values) nans += std::isnan(v);
  CHECK(nans == 0);  // ~1e25 still fits in a float
  CHECK(grid->max > 1e20f);
  CHECK_THROWS_AS(sample_field({nullptr, {}, 8, 8}, pool), std::invalid_argument);
}

TEST_CASE("field: an abandoned request returns nothing", "[field]") {
  ThreadPool pool(2);
  CHECK_FALSE(
      sample_field({find_surface("sphere"), {-1, 1, -1, 1}, 64, 64}, pool, [] { return true; }));
}

TEST_CASE("field: the session publishes the newest request only", "[field][session]") {
  Session session(2);
  auto surface = find_surface("himmelblau");
  CHECK_FALSE(session.field());
  std::uint64_t last = 0;
  for (int i = 1; i <= 20; ++i)
    last = session.request_field({surface, {-i * 1.0, i * 1.0, -5, 5}, 200, 150});
  session.wait_idle();
  auto field = session.field();
  REQUIRE(field);
  CHECK(field->request == last);
  CHECK(field->box.x_max == 20);
  CHECK_THROWS_AS(session.request_field({surface, {}, 0, 10}), std::invalid_argument);
}

TEST_CASE("field: a heavy loss is planned coarse first, within the budget", "[field]") {
  auto heavy = make_model_objective(
      model_spec("logistic"),
      std::make_shared<const Dataset>(generate_dataset({"classes", {{"n", 100000}}})));
  auto levels = plan_field({heavy, {-5, 5, -5, 5}, 1000, 800});
  REQUIRE(levels.size() == 2);
  CHECK(levels[0].width < levels[1].width);
  CHECK(levels[1].width * levels[1].height * heavy->evaluation_cost() <= 2.01e9);  // the budget
  CHECK(levels[1].width >= 40);  // still a picture, not a blur
  CHECK(levels[1].width == Approx(levels[1].height * 1.25).epsilon(0.05));  // the same shape
  // A surface, or squared error over the same data, is sampled at full resolution at once.
  auto light = plan_field({find_surface("rastrigin"), {-5, 5, -5, 5}, 1000, 800});
  REQUIRE(light.size() == 1);
  CHECK(light[0].width == 1000);
  auto moments = make_model_objective(
      model_spec("linear"),
      std::make_shared<const Dataset>(generate_dataset({"linear", {{"n", 100000}}})));
  CHECK(plan_field({moments, {-5, 5, -5, 5}, 1000, 800}).back().width == 1000);
}

TEST_CASE("field: the session shows a coarse field, then the fine one, and says how far it is",
          "[field][session]") {
  auto heavy = make_model_objective(
      model_spec("logistic"),
      std::make_shared<const Dataset>(generate_dataset({"classes", {{"n", 20000}}})));
  Session session(2);
  std::uint64_t request = session.request_field({heavy, {-5, 5, -5, 5}, 600, 600});
  bool saw_coarse = false, progress_in_range = true;
  while (!(session.field() && session.field()->request == request && session.field()->final)) {
    auto field = session.field();
    if (field && field->request == request && !field->final) saw_coarse = true;
    double now = session.field_progress();
    progress_in_range = progress_in_range && now >= 0 && now < 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(session.field_progress() == 1);
  CHECK(saw_coarse);
  CHECK(progress_in_range);
  // The grid samples the per-sample loss.
  auto field = session.field();
  CHECK(field->at(3, 5) == Approx(heavy->value(field->cell_centre(3, 5))).epsilon(1e-6));
}
