// The 3D view's pure parts: the orbit camera, heights from loss values (linear, log, capped,
// NaN), the mesh's resampling, triangles and normals, and paths lifted onto it.
#include <cmath>
#include <limits>
#include <numbers>

#include <Eigen/Geometry>
#include <catch2/catch.hpp>

#include "orbit_camera.hpp"
#include "surface_mesh.hpp"

using namespace descent;

namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

// f sampled at the cell centres of a `width` x `height` grid over `box`.
template <class F>
FieldGrid field_of(F f, const Box& box, int width, int height) {
  FieldGrid g;
  g.box = box;
  g.width = width, g.height = height;
  g.min = std::numeric_limits<float>::infinity(), g.max = -g.min;
  for (int j = 0; j < height; ++j)
    for (int i = 0; i < width; ++i) {
      const Vec2 p = g.cell_centre(i, j);
      const auto v = static_cast<float>(f(p.x(), p.y()));
      g.values.push_back(std::isfinite(v) ? v : kNaN);
      if (std::isfinite(v)) g.min = std::min(g.min, v), g.max = std::max(g.max, v);
    }
  return g;
}

double himmelblau(double x, double y) {
  return std::pow(x * x + y - 11, 2) + std::pow(x + y * y - 7, 2);
}

}  // namespace

TEST_CASE("orbit camera: looks at the box's centre from above, the whole box in view") {
  OrbitCamera c;
  for (double aspect : {0.5, 1.0, 1.6, 3.0}) {
    const double d = c.distance(aspect);
    CHECK((c.eye(aspect) - c.target()).norm() == Approx(d).epsilon(1e-5));
    CHECK(c.eye(aspect).z() > c.target().z());  // from above
    // The target straight ahead, at the distance.
    const Eigen::Vector4f t = c.view(aspect) * c.target().homogeneous();
    CHECK(t.x() == Approx(0).margin(1e-5));
    CHECK(t.y() == Approx(0).margin(1e-5));
    CHECK(t.z() == Approx(-d).epsilon(1e-5));
    // And at the centre of the picture; every corner of the box inside it, one near an edge.
    const PixelRect rect{10, 20, 600 * aspect, 600};
    const Mat4f vp = c.view_projection(aspect);
    const auto p = project(vp, c.target(), rect);
    REQUIRE(p);
    CHECK(p->x() == Approx(10 + 300 * aspect).margin(1e-2));
    CHECK(p->y() == Approx(320).margin(1e-2));
    double widest = 0;
    for (int k = 0; k < 8; ++k) {
      const Vec3f corner(k & 1 ? 1.f : -1.f, k & 2 ? 1.f : -1.f, k & 4 ? c.extent.z() : 0.f);
      const auto q = project(vp, corner, rect);
      REQUIRE(q);
      const double u = (q->x() - rect.x) / rect.width * 2 - 1,
                   v = (q->y() - rect.y) / rect.height * 2 - 1;
      CHECK(std::abs(u) <= OrbitCamera::kFill + 1e-3);
      CHECK(std::abs(v) <= OrbitCamera::kFill + 1e-3);
      widest = std::max({widest, std::abs(u), std::abs(v)});
    }
    CHECK(widest > OrbitCamera::kFill * 0.97);  // fitted, not merely inside
  }
}

TEST_CASE("orbit camera: a drag turns and tilts it, within bounds; reset brings it back") {
  OrbitCamera c;
  c.extent = Vec3f(1, 0.5f, 0.7f);
  c.orbit(100, 0);
  CHECK(c.yaw == Approx(OrbitCamera::kYaw - 100 * OrbitCamera::kRadiansPerPixel));
  CHECK(c.pitch == Approx(OrbitCamera::kPitch));
  // Dragging down looks from higher up.
  c.orbit(0, 50);
  CHECK(c.pitch == Approx(OrbitCamera::kPitch + 50 * OrbitCamera::kRadiansPerPixel));
  // Far up: straight above at most, never over the top (the view would flip).
  c.orbit(0, 1e6);
  CHECK(c.pitch == OrbitCamera::kMaxPitch);
  CHECK(c.view(1.5).allFinite());
  c.orbit(0, -1e6);
  CHECK(c.pitch == OrbitCamera::kMinPitch);
  CHECK(c.view(1.5).allFinite());
  // Round and round: the yaw stays within one turn.
  for (int i = 0; i < 1000; ++i) c.orbit(500, 0);
  CHECK(std::abs(c.yaw) <= std::numbers::pi + 1e-9);
  // Input that is not a number changes nothing.
  const OrbitCamera before = c;
  c.orbit(std::nan(""), 3);
  c.wheel(std::numeric_limits<double>::infinity());
  CHECK(c == before);
  c.wheel(2);
  c.reset();
  CHECK(c.yaw == OrbitCamera::kYaw);
  CHECK(c.pitch == OrbitCamera::kPitch);
  CHECK(c.zoom == 1);
  CHECK(c.extent == Vec3f(1, 0.5f, 0.7f));  // the scene's, not the user's
}

TEST_CASE("orbit camera: the wheel zooms in steps, within bounds") {
  OrbitCamera c;
  const double fitted = c.distance(1.5);
  c.wheel(1);
  CHECK(c.distance(1.5) == Approx(fitted / OrbitCamera::kZoomStep).epsilon(1e-6));
  c.wheel(-2);
  CHECK(c.distance(1.5) == Approx(fitted * OrbitCamera::kZoomStep).epsilon(1e-6));
  c.wheel(1000);
  CHECK(c.zoom == OrbitCamera::kMinZoom);
  c.wheel(-1000);
  CHECK(c.zoom == OrbitCamera::kMaxZoom);
  // Closer, a thing looks larger.
  const PixelRect rect{0, 0, 100, 100};
  const Vec3f corner(1, 1, 0);
  auto spread = [&](const OrbitCamera& cam) {
    const auto a = project(cam.view_projection(1), cam.target(), rect);
    const auto b = project(cam.view_projection(1), corner, rect);
    return (*a - *b).norm();
  };
  OrbitCamera near_, far_;
  near_.wheel(3);
  far_.wheel(-3);
  CHECK(spread(near_) > spread(OrbitCamera{}));
  CHECK(spread(far_) < spread(OrbitCamera{}));
}

TEST_CASE("orbit camera: a point behind it does not project") {
  OrbitCamera c;
  const Vec3f behind = c.eye(1.5) + (c.eye(1.5) - c.target());
  CHECK_FALSE(project(c.view_projection(1.5), behind, PixelRect{}));
}

TEST_CASE("height map: linear from the least value to the greatest") {
  const std::vector<float> values{2, 4, 6, 8, 10, kNaN};
  const HeightMap m = HeightMap::fit(values, HeightScale::linear);
  CHECK(m.lo == 2);
  CHECK(m.hi == 10);
  CHECK_FALSE(m.capped);
  CHECK(m(2) == 0);
  CHECK(m(6) == Approx(0.5));
  CHECK(m(10) == 1);
  CHECK(m(-100) == 0);
  CHECK(m(1e300) == 1);
  CHECK(std::isnan(m(std::nan(""))));
  CHECK(m(std::numeric_limits<double>::infinity()) == 1);
  CHECK(m(-std::numeric_limits<double>::infinity()) == 0);
}

TEST_CASE("height map: log height is log(f - min + eps), rising from 0 to 1") {
  std::vector<float> values;
  for (int i = 0; i <= 100; ++i) values.push_back(static_cast<float>(i * i));  // 0 to 10,000
  const HeightMap m = HeightMap::fit(values, HeightScale::log);
  CHECK(m.lo == 0);
  CHECK(m.hi == 10000);
  CHECK(m.floor() == Approx(0.1));
  CHECK(m(0) == 0);
  CHECK(m(10000) == Approx(1));
  // Exactly the formula: log((d + ε) / ε) / log((span + ε) / ε).
  const double eps = 0.1;
  CHECK(m(1) == Approx(std::log((1 + eps) / eps) / std::log((10000 + eps) / eps)));
  // Low values are spread out: a valley floor gets much of the height.
  CHECK(m(10) > 0.35);
  CHECK(m(10) > 10 * 10.0 / 10000);
  double last = -1;
  for (double f = 0; f <= 10000; f += 37) {
    CHECK(m(f) >= last);
    last = m(f);
  }
}

TEST_CASE("height map: a spike is capped and does not flatten the rest") {
  std::vector<float> values;
  for (int i = 0; i < 1000; ++i) values.push_back(static_cast<float>(i % 10));  // 0 to 9
  values.push_back(1e30f);                                                      // a singularity
  values.push_back(std::numeric_limits<float>::max());
  for (HeightScale scale : {HeightScale::linear, HeightScale::log}) {
    const HeightMap m = HeightMap::fit(values, scale);
    CHECK(m.capped);
    CHECK(m.hi <= 4 * 9);  // min + 4 (95th percentile - min)
    CHECK(m(1e30) == 1);
    CHECK(m(9) > 0.2);  // the rest keeps its shape
    CHECK(m(std::numeric_limits<float>::max()) == 1);
  }
}

TEST_CASE("height map: no finite value, or one flat value, still maps") {
  const std::vector<float> none{kNaN, kNaN};
  const HeightMap empty = HeightMap::fit(none, HeightScale::log);
  CHECK(empty.hi > empty.lo);
  CHECK(std::isnan(empty(std::nan(""))));
  const std::vector<float> flat(50, 3.f);
  for (HeightScale scale : {HeightScale::linear, HeightScale::log}) {
    const HeightMap m = HeightMap::fit(flat, scale);
    CHECK(m.hi > m.lo);
    CHECK(m(3) == 0);
    CHECK_FALSE(m.capped);
  }
  const std::vector<float> huge{-3e38f, 3e38f};
  const HeightMap wide = HeightMap::fit(huge, HeightScale::log);
  CHECK(std::isfinite(wide(0)));
  CHECK(wide(0) >= 0);
  CHECK(wide(0) <= 1);
}

TEST_CASE("mesh indices: two triangles a cell, counter-clockwise from above, none over a hole") {
  std::vector<float> heights(12, 0.5f);  // 4 columns, 3 rows
  auto indices = mesh_indices(4, 3, heights);
  CHECK(indices.size() == 3 * 2 * 2 * 3);
  // Counter-clockwise in (column, row): the cross product's z is positive.
  for (std::size_t t = 0; t < indices.size(); t += 3) {
    auto at = [](std::uint32_t k) { return Vec2(k % 4, k / 4); };
    const Vec2 a = at(indices[t]), b = at(indices[t + 1]), c = at(indices[t + 2]);
    const Vec2 u = b - a, v = c - a;
    CHECK(u.x() * v.y() - u.y() * v.x() > 0);
  }
  for (std::uint32_t k : indices) CHECK(k < 12);
  heights[5] = kNaN;  // an inner vertex: every triangle touching it goes
  indices = mesh_indices(4, 3, heights);
  CHECK(!indices.empty());
  for (std::uint32_t k : indices) CHECK(k != 5);
  CHECK(indices.size() < 3 * 2 * 2 * 3);
  const std::vector<float> holes(12, kNaN);
  CHECK(mesh_indices(4, 3, holes).empty());
  CHECK(mesh_indices(1, 3, heights).empty());                   // no cells
  CHECK(mesh_indices(4, 3, std::vector<float>(5, 0)).empty());  // too few heights
}

TEST_CASE("resampling: bilinear inside the field, NaN outside it") {
  const Box box{-2, 2, -1, 3};
  const FieldGrid field = field_of([](double x, double y) { return x + 2 * y; }, box, 80, 80);
  const Box inner{-1, 1, 0, 2};
  const auto values = resample_field(field, inner, 5, 5);
  REQUIRE(values.size() == 25);
  for (int j = 0; j < 5; ++j)
    for (int i = 0; i < 5; ++i) {
      const double x = -1 + 0.5 * i, y = 0 + 0.5 * j;
      CHECK(values[j * 5 + i] == Approx(x + 2 * y).margin(1e-4));
    }
  // A box reaching past the field: NaN there.
  const auto wider = resample_field(field, Box{-4, 2, -1, 3}, 7, 3);
  CHECK(std::isnan(wider[0]));
  CHECK(std::isfinite(wider[6]));
}

TEST_CASE("surface mesh: Himmelblau's, with holes where the loss is not finite") {
  const Box box{-5, 5, -5, 5};
  // Not finite in a disc at the origin.
  const FieldGrid field = field_of(
      [](double x, double y) {
        return x * x + y * y < 1 ? std::numeric_limits<double>::quiet_NaN() : himmelblau(x, y);
      },
      box, 300, 300);
  const auto mesh = build_surface_mesh(field, box, HeightScale::linear, 101);
  REQUIRE(mesh);
  CHECK(mesh->columns == 101);
  CHECK(mesh->rows == 101);
  CHECK(mesh->vertices.size() == 101u * 101u);
  CHECK(!mesh->indices.empty());
  CHECK(mesh->indices.size() < 100u * 100u * 6u);  // the hole
  for (std::uint32_t k : mesh->indices) {
    CHECK(std::isfinite(mesh->heights[k]));
    CHECK(mesh->heights[k] >= 0);
    CHECK(mesh->heights[k] <= 1);
  }
  for (const SurfaceVertex& v : mesh->vertices) {
    CHECK(Vec3f(v.nx, v.ny, v.nz).norm() == Approx(1).epsilon(1e-4));
    CHECK(v.nz > 0);
  }
  // The minima sit at the floor, the corners high.
  CHECK(mesh->height_at(Vec2(3, 2)) < 0.02);
  CHECK(mesh->height_at(Vec2(4.99, 4.99)) > 0.95);
  CHECK(std::isnan(mesh->height_at(Vec2(0, 0))));
  CHECK(std::isnan(mesh->height_at(Vec2(6, 0))));  // outside
  // The scene: the longer side from -1 to 1, heights from 0 up.
  const Vec3f corner = mesh->frame.at(5, -5, 1);
  CHECK(corner.x() == Approx(1));
  CHECK(corner.y() == Approx(-1));
  CHECK(corner.z() == Approx(SceneFrame::kSceneHeight));
}

TEST_CASE("surface mesh: a wide box has more columns than rows; no field value, no triangle") {
  const Box box{0, 4, 0, 1};
  const FieldGrid field = field_of([](double, double) { return std::nan(""); }, box, 40, 10);
  const auto mesh = build_surface_mesh(field, box, HeightScale::log, 160);
  CHECK(mesh->columns == 160);
  CHECK(mesh->rows == 40);
  CHECK(mesh->indices.empty());
  CHECK(std::isnan(mesh->height_at(Vec2(2, 0.5))));
  CHECK(mesh->frame.half_x == Approx(1));
  CHECK(mesh->frame.half_y == Approx(0.25));
}

TEST_CASE("lifted paths: on the surface, cut at the box's edge and at holes, within a budget") {
  const Box box{-1, 1, -1, 1};
  const FieldGrid field =
      field_of([](double x, double y) { return x > 0.5 && y > 0.5 ? std::nan("") : x * x + y * y; },
               box, 100, 100);
  const auto mesh = build_surface_mesh(field, box, HeightScale::linear, 41);
  std::vector<Vec3f> out;
  // From outside the box, through it, out again: only the inside part, followed closely.
  const std::vector<Vec2> across{{-3, 0}, {3, 0}};
  REQUIRE(lift_path(*mesh, across, 0.01f, out, 100000));
  REQUIRE(out.size() > 40);  // cut into pieces of half a cell
  CHECK(out.front().x() == Approx(-1));
  for (const Vec3f& p : out) {
    if (!p.allFinite()) continue;
    CHECK(std::abs(p.x()) <= 1.0001f);
    // On the surface, lifted a little: the height there, in scene units.
    const double x = p.x(), h = mesh->height_at(Vec2(x, 0));
    CHECK(p.z() == Approx(h * SceneFrame::kSceneHeight + 0.01).margin(2e-3));
  }
  // Through the hole: two strips, a NaN between them.
  out.clear();
  const std::vector<Vec2> hole{{0, 0.75}, {0.9, 0.75}, {0.9, -0.5}};
  lift_path(*mesh, hole, 0.f, out, 100000);
  const auto gaps =
      std::count_if(out.begin(), out.end(), [](const Vec3f& p) { return !p.allFinite(); });
  CHECK(gaps >= 2);
  // A diverged run: its point thrown to infinity, then NaN.
  out.clear();
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<Vec2> diverged{{0, 0}, {0.5, 0}, {inf, -inf}, {std::nan(""), 0}};
  lift_path(*mesh, diverged, 0.f, out, 100000);
  for (const Vec3f& p : out)
    if (p.allFinite()) CHECK(p.norm() < 2);
  // A million points zigzagging across the box: stops at the budget.
  std::vector<Vec2> zigzag;
  for (int i = 0; i < 1000000; ++i) zigzag.emplace_back(i % 2 ? 0.9 : -0.9, -0.9 + 1.8 * i / 1e6);
  out.clear();
  CHECK_FALSE(lift_path(*mesh, zigzag, 0.f, out, 50000));
  CHECK(out.size() < 50000 + 200);
}

TEST_CASE("clip to box: Liang-Barsky, and nothing for points that are not finite") {
  const Box box{0, 1, 0, 1};
  auto s = clip_to_box(Vec2(-1, 0.5), Vec2(2, 0.5), box);
  REQUIRE(s);
  CHECK(s->first.x() == Approx(0));
  CHECK(s->second.x() == Approx(1));
  CHECK_FALSE(clip_to_box(Vec2(-1, 2), Vec2(2, 2), box));
  CHECK_FALSE(clip_to_box(Vec2(0.5, 0.5), Vec2(std::nan(""), 0), box));
  s = clip_to_box(Vec2(0.2, 0.2), Vec2(0.4, 0.6), box);
  REQUIRE(s);
  CHECK(s->first == Vec2(0.2, 0.2));
  CHECK(s->second == Vec2(0.4, 0.6));
}
