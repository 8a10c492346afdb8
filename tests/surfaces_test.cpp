// Every test surface: formula values, gradients and Hessians against finite differences,
// known minima, and metadata.
#include <map>

#include <Eigen/Eigenvalues>
#include <catch2/catch.hpp>

#include "support/finite_difference.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// Sample points covering the view box, offset so that none falls exactly on a symmetry line.
std::vector<Vec2> sample_points(const Box& box) {
  std::vector<Vec2> points;
  for (int i = 0; i < 9; ++i)
    for (int j = 0; j < 9; ++j)
      points.emplace_back(box.x_min + (box.x_max - box.x_min) * (i + 0.3183) / 9,
                          box.y_min + (box.y_max - box.y_min) * (j + 0.2718) / 9);
  return points;
}

// Where a surface has no derivative (see jet.hpp), a finite difference has nothing to agree with.
bool near_kink(const std::string& surface, const Vec2& p) {
  if (surface == "bukin_n6")
    return std::abs(p.y() - 0.01 * p.x() * p.x()) < 1e-3 || std::abs(p.x() + 10) < 1e-3;
  if (surface == "ackley") return p.norm() < 1e-3;
  return false;
}

// Every surface's objective.
std::vector<std::shared_ptr<const Objective>> all_surfaces() {
  std::vector<std::shared_ptr<const Objective>> out;
  for (const auto& entry : surfaces()) out.push_back(entry.make({}));
  return out;
}

}  // namespace

TEST_CASE("surfaces: the registry holds the 14 golden surfaces and four more", "[surfaces]") {
  std::vector<std::string> expected{
      "rosenbrock",       "beale",          "himmelblau",    "booth",           "matyas",
      "three_hump_camel", "six_hump_camel", "rastrigin",     "ackley",          "goldstein_price",
      "styblinski_tang",  "saddle",         "monkey_saddle", "ill_conditioned", "sphere",
      "levi_n13",         "mccormick",      "bukin_n6"};
  CHECK(surfaces().names() == expected);
  CHECK_THROWS_WITH(find_surface("rosenbrok"),
                    Catch::Contains("unknown surface 'rosenbrok' (did you mean 'rosenbrock'?)"));
}

TEST_CASE("surfaces: values match an independent transcription of the formulas", "[surfaces]") {
  // Computed in Python from ../shared/golden/README.md (and the literature for the last four).
  const std::map<std::string, std::vector<std::array<double, 3>>> reference{
      {"rosenbrock",
       {{0.3, -0.7, 62.89999999999999}, {-1.25, 2.5, 92.953125}, {2.2, 0.9, 1553.8000000000009}}},
      {"beale",
       {{0.3, -0.7, 10.315237410000002},
        {-1.25, 2.5, 263.8564453125},
        {2.2, 0.9, 9.110653440000002}}},
      {"himmelblau",
       {{0.3, -0.7, 173.35619999999997},
        {-1.25, 2.5, 52.12890625},
        {2.2, 0.9, 43.587699999999984}}},
      {"booth", {{0.3, -0.7, 91.62}, {-1.25, 2.5, 35.5625}, {2.2, 0.9, 9.09}}},
      {"matyas", {{0.3, -0.7, 0.2516}, {-1.25, 2.5, 3.53125}, {2.2, 0.9, 0.5186000000000001}}},
      {"three_hump_camel",
       {{0.3, -0.7, 0.4516164999999999},
        {-1.25, 2.5, 4.322306315104166},
        {2.2, 0.9, 6.76977066666667}}},
      {"six_hump_camel",
       {{0.3, -0.7, -0.866367}, {-1.25, 2.5, 130.51961263020834}, {2.2, 0.9, 9.32394133333334}}},
      {"rastrigin",
       {{0.3, -0.7, 26.760339887498947}, {-1.25, 2.5, 37.8125}, {2.2, 0.9, 14.469660112501064}}},
      {"ackley",
       {{0.3, -0.7, 4.0262342249673075},
        {-1.25, 2.5, 8.641985873225876},
        {2.2, 0.9, 6.679078535610483}}},
      {"goldstein_price",
       {{0.3, -0.7, 57.40785984000033},
        {-1.25, 2.5, 1546067.3828125},
        {2.2, 0.9, 2148.4542048900016}}},
      {"styblinski_tang",
       {{0.3, -0.7, -5.515899999999999},
        {-1.25, 2.5, -38.623046875},
        {2.2, 0.9, -25.409150000000004}}},
      {"saddle",
       {{0.3, -0.7, -0.3999999999999999}, {-1.25, 2.5, -4.6875}, {2.2, 0.9, 4.030000000000001}}},
      {"monkey_saddle",
       {{0.3, -0.7, -0.4139999999999999}, {-1.25, 2.5, 21.484375}, {2.2, 0.9, 5.302000000000002}}},
      {"ill_conditioned",
       {{0.3, -0.7, 6.169999999999999}, {-1.25, 2.5, 78.90625}, {2.2, 0.9, 12.545}}},
      {"sphere", {{0.3, -0.7, 0.58}, {-1.25, 2.5, 7.8125}, {2.2, 0.9, 5.65}}},
      {"levi_n13",
       {{0.3, -0.7, 6.1363118960624625},
        {-1.25, 2.5, 12.875000000000002},
        {2.2, 0.9, 3.300455648165563}}},
      {"mccormick",
       {{0.3, -0.7, -0.5894183423086505},
        {-1.25, 2.5, 24.136484619355585},
        {2.2, 0.9, 1.6815806624332907}}},
      {"bukin_n6",
       {{0.3, -0.7, 83.82277066380436},
        {-1.25, 2.5, 157.70650266148115},
        {2.2, 0.9, 92.40417596047462}}},
  };
  REQUIRE(reference.size() == surfaces().size());
  for (const auto& s : all_surfaces()) {
    INFO(s->info().name);
    for (const auto& [x, y, want] : reference.at(s->info().name)) {
      CHECK(s->value({x, y}) == Approx(want).epsilon(1e-13).margin(1e-13));
      CHECK(s->value_gradient({x, y}).value == Approx(want).epsilon(1e-13).margin(1e-13));
    }
  }
}

TEST_CASE("surfaces: gradients agree with central finite differences", "[surfaces][gradient]") {
  for (const auto& s : all_surfaces()) {
    const std::string& name = s->info().name;
    int checked = 0;
    for (const Vec2& p : sample_points(s->info().view)) {
      if (near_kink(name, p)) continue;
      Vec2 analytic = s->gradient(p), numeric = fd_gradient(*s, p);
      double scale = std::max({analytic.norm(), std::abs(s->value(p))});
      INFO(name << " at (" << p.x() << ", " << p.y() << "): analytic " << analytic.transpose()
                << ", finite difference " << numeric.transpose());
      CHECK(fd_agrees(analytic.x(), numeric.x(), scale));
      CHECK(fd_agrees(analytic.y(), numeric.y(), scale));
      ++checked;
    }
    CHECK(checked >= 70);
  }
}

TEST_CASE("surfaces: Hessians agree with finite differences of the gradient",
          "[surfaces][hessian]") {
  for (const auto& s : all_surfaces()) {
    const std::string& name = s->info().name;
    for (const Vec2& p : sample_points(s->info().view)) {
      if (near_kink(name, p)) continue;
      auto analytic = s->hessian(p);
      REQUIRE(analytic);
      Mat2 numeric = fd_hessian(*s, p);
      double scale = std::max(analytic->cwiseAbs().maxCoeff(), s->gradient(p).norm());
      INFO(name << " at (" << p.x() << ", " << p.y() << "):\n" << *analytic << "\nvs\n" << numeric);
      for (int i = 0; i < 4; ++i) CHECK(fd_agrees((*analytic)(i), numeric(i), scale));
      CHECK((*analytic)(0, 1) == (*analytic)(1, 0));
    }
  }
}

TEST_CASE("surfaces: every listed critical point is one, with the listed value", "[surfaces]") {
  for (const auto& s : all_surfaces()) {
    const ObjectiveInfo& info = s->info();
    REQUIRE_FALSE(info.critical_points.empty());
    for (const auto& c : info.critical_points) {
      INFO(info.name << " " << to_string(c.kind) << " at (" << c.at.x() << ", " << c.at.y() << ")");
      CHECK(s->value(c.at) == Approx(c.value).margin(1e-12));
      CHECK(s->gradient(c.at).norm() < 1e-9);
      CHECK(info.view.contains(c.at));
      if (c.kind == PointKind::saddle || info.name == "bukin_n6" || info.name == "ackley") continue;
      // A minimum: the Hessian is positive definite there.
      Eigen::SelfAdjointEigenSolver<Mat2> eigen(*s->hessian(c.at));
      CHECK(eigen.eigenvalues().minCoeff() > 0);
    }
  }
}

TEST_CASE("surfaces: no sampled point beats a listed global minimum", "[surfaces]") {
  for (const auto& s : all_surfaces()) {
    const ObjectiveInfo& info = s->info();
    double best = std::numeric_limits<double>::infinity();
    for (const auto& c : info.critical_points)
      if (c.kind == PointKind::global_min) best = std::min(best, c.value);
    if (!std::isfinite(best)) continue;  // saddles: unbounded below
    for (const Vec2& p : sample_points(info.view)) {
      INFO(info.name << " at (" << p.x() << ", " << p.y() << ")");
      CHECK(s->value(p) >= best - 1e-12);
    }
  }
}

TEST_CASE("surfaces: metadata is complete and the start lies in the view", "[surfaces]") {
  for (const auto& s : all_surfaces()) {
    const ObjectiveInfo& info = s->info();
    INFO(info.name);
    CHECK_FALSE(info.description.empty());
    CHECK_FALSE(info.formula.empty());
    CHECK(info.view.x_min < info.view.x_max);
    CHECK(info.view.y_min < info.view.y_max);
    CHECK(info.view.contains(info.start));
    CHECK(s->sample_count() == 0);
  }
}

TEST_CASE("surfaces: non-smooth points use the documented zero-subgradient convention",
          "[surfaces]") {
  auto bukin = find_surface("bukin_n6");
  // On the ridge y = 0.01x^2 the sqrt term contributes nothing; the |x+10| term gives 0.01·sign.
  Vec2 on_ridge = bukin->gradient({-5, 0.25});
  CHECK(on_ridge.x() == Approx(0.01));
  CHECK(on_ridge.y() == 0);
  CHECK(bukin->gradient({-10, 1}).norm() == 0);
  // Just off the ridge the gradient is finite but steep.
  CHECK(std::isfinite(bukin->gradient({-5, 0.2501}).norm()));
  CHECK(bukin->gradient({-5, 0.2501}).norm() > 100);
  auto ackley = find_surface("ackley");
  CHECK(ackley->gradient({0, 0}).norm() == 0);
  CHECK(ackley->value({0, 0}) == Approx(0).margin(1e-14));
}
