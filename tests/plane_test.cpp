// Planes through a network's parameters: projection, where their directions come from
// (filter-normalised random, principal components), and the loss on one (NetworkSlice).
#include <cmath>

#include <catch2/catch.hpp>

#include "network_slice.hpp"
#include "plane_directions.hpp"
#include "support/lifted.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

TEST_CASE("plane: a point on the plane projects to its own (a, b) at distance 0", "[plane]") {
  const VecX center = VecX::LinSpaced(5, -1, 3);
  VecX d1(5), d2(5);
  d1 << 1, 2, 0, -1, 0.5;
  d2 << 0.3, -1, 2, 0, 1;  // not orthogonal to d1
  const Plane plane(center, d1, d2);
  const Projected on = plane.project(plane.point({0.75, -2.5}));
  CHECK(on.at.x() == Approx(0.75).margin(1e-12));
  CHECK(on.at.y() == Approx(-2.5).margin(1e-12));
  CHECK(on.distance == Approx(0).margin(1e-12));

  // Moving off the plane along a normal changes the distance, not (a, b).
  VecX normal = VecX::Random(5);
  const Eigen::Matrix<double, 5, 2> basis = (Eigen::Matrix<double, 5, 2>() << d1, d2).finished();
  normal -= basis * (basis.transpose() * basis).inverse() * (basis.transpose() * normal);
  normal *= 3 / normal.norm();
  const Projected off = plane.project(plane.point({0.75, -2.5}) + normal);
  CHECK(off.at.x() == Approx(0.75).margin(1e-12));
  CHECK(off.at.y() == Approx(-2.5).margin(1e-12));
  CHECK(off.distance == Approx(3).epsilon(1e-12));
}

TEST_CASE("plane: directions that do not span a plane are refused", "[plane]") {
  const VecX c = VecX::Zero(3), d = VecX::Ones(3);
  CHECK_THROWS_WITH(Plane(c, d, 2 * d), Catch::Contains("parallel or zero"));
  CHECK_THROWS_WITH(Plane(c, d, VecX::Zero(3)), Catch::Contains("parallel or zero"));
  CHECK_THROWS_WITH(Plane(c, d, VecX::Ones(4)), Catch::Contains("same size"));
}

TEST_CASE("random plane: each neuron's direction has the norm of its weights, biases are 0",
          "[plane]") {
  const std::vector<int> widths{2, 3, 1};  // W1 3x2, b1 3, W2 1x3, b2 1: 13 parameters
  VecX center(13);
  center << 1, 2, -3, 0.5, 0, 4, 9, 9, 9, 2, -2, 1, 7;
  const Plane plane = random_plane(widths, center, 42);
  for (const VecX* d : {&plane.d1(), &plane.d2()}) {
    CHECK(d->segment(0, 2).norm() == Approx(std::sqrt(5.0)));
    CHECK(d->segment(2, 2).norm() == Approx(std::sqrt(9.25)));
    CHECK(d->segment(4, 2).norm() == Approx(4));
    CHECK(d->segment(6, 3) == VecX::Zero(3));  // biases of layer 1
    CHECK(d->segment(9, 3).norm() == Approx(3));
    CHECK((*d)[12] == 0);  // the output bias
  }
  CHECK(plane.center() == center);
  CHECK((plane.d1() - plane.d2()).norm() > 0.1);  // two different draws
  // The seed decides the directions, and only it.
  CHECK(random_plane(widths, center, 42).d1() == plane.d1());
  CHECK(random_plane(widths, center, 43).d1() != plane.d1());
  CHECK_THROWS_WITH(random_plane(widths, VecX::Zero(12), 1),
                    "random plane: the layers have 13 parameters but the center has 12");
}

TEST_CASE("principal directions: recover the directions a path spreads along, in order",
          "[plane]") {
  const int n = 6;
  VecX u = VecX::Zero(n), v = VecX::Zero(n), c = VecX::LinSpaced(n, 1, 2);
  u << 1, 1, 0, 0, 0, 0;
  v << 0, 0, 1, -1, 1, 0;
  u.normalize();
  v.normalize();
  std::vector<VecX> points;
  double su = 0, sv = 0;
  for (int i = 0; i < 200; ++i) {
    const double s = std::sin(0.1 * i) * 3, t = std::cos(0.37 * i);  // spread 3 along u, 1 along v
    points.push_back(c + s * u + t * v);
    su += s;
    sv += t;
  }
  const PrincipalPlane pca = principal_directions(points);
  CHECK(std::abs(pca.d1.dot(u)) == Approx(1).epsilon(1e-3));
  CHECK(std::abs(pca.d2.dot(v)) == Approx(1).epsilon(1e-3));
  CHECK(pca.d1.norm() == Approx(1));
  CHECK(pca.d1.dot(pca.d2) == Approx(0).margin(1e-12));
  CHECK(pca.explained[0] > pca.explained[1]);
  CHECK(pca.explained[0] + pca.explained[1] == Approx(1).epsilon(1e-9));
  // Oriented: the largest component is positive, so the same points give the same plane.
  CHECK(pca.d1.maxCoeff() >= -pca.d1.minCoeff());
}

TEST_CASE("principal directions: a straight path still gives a plane; no spread is refused",
          "[plane]") {
  std::vector<VecX> line;
  for (int i = 0; i < 5; ++i) line.push_back(VecX::Constant(4, i));
  const PrincipalPlane pca = principal_directions(line);
  CHECK(pca.explained[0] == Approx(1));
  CHECK(pca.explained[1] == 0);
  CHECK(pca.d1.dot(pca.d2) == Approx(0).margin(1e-12));
  CHECK(pca.d2.norm() == Approx(1));
  CHECK_THROWS_WITH(principal_directions(std::vector<VecX>(3, VecX::Ones(4))),
                    Catch::Contains("do not spread"));
  CHECK_THROWS_WITH(principal_directions(std::vector<VecX>(1, VecX::Ones(4))),
                    Catch::Contains("at least two points"));
}

TEST_CASE("network slice: the loss on the plane, its gradient along the plane's directions",
          "[plane]") {
  // Rosenbrock lifted to VecX, sliced on a plane through (0.5, 0.5) along tilted directions.
  auto loss = std::make_shared<Lifted>(find_surface("rosenbrock"));
  const Vec2 d1(1, 0.5), d2(-0.25, 1);
  auto plane = std::make_shared<const Plane>(VecX(Vec2(0.5, 0.5)), VecX(d1), VecX(d2));
  const NetworkSlice slice(loss, plane, VecX(Vec2(0, 0)), {.name = "rosenbrock on a plane"});
  const auto rosenbrock = find_surface("rosenbrock");
  for (const Vec2& ab : {Vec2(0, 0), Vec2(0.3, -0.7), Vec2(-1.5, 2)}) {
    const Vec2 p = Vec2(0.5, 0.5) + ab.x() * d1 + ab.y() * d2;
    CHECK(slice.value(ab) == Approx(rosenbrock->value(p)).epsilon(1e-14));
    const Vec2 g = rosenbrock->gradient(p);
    const ValueGradient e = slice.value_gradient(ab);
    CHECK(e.gradient.x() == Approx(g.dot(d1)).epsilon(1e-12));
    CHECK(e.gradient.y() == Approx(g.dot(d2)).epsilon(1e-12));
  }
  // The start is shown where it projects.
  const Vec2 start = slice.info().start;
  CHECK((plane->point(start) - VecX(Vec2(0, 0))).norm() == Approx(0).margin(1e-12));
  CHECK(slice.network_slice() == &slice);
  CHECK_THROWS_WITH(NetworkSlice(loss, plane, VecX::Zero(3), {}),
                    Catch::Contains("the plane has 2 and the start 3"));
}
