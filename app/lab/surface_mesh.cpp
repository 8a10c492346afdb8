#include "surface_mesh.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace descent {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

}  // namespace

// [SECTION] heights
HeightMap HeightMap::fit(std::span<const float> values, HeightScale scale) {
  HeightMap m;
  m.scale = scale;
  std::vector<float> finite;
  finite.reserve(values.size());
  for (float v : values)
    if (std::isfinite(v)) finite.push_back(v);
  if (finite.empty()) return m;
  const auto [min_it, max_it] = std::minmax_element(finite.begin(), finite.end());
  const double lo = *min_it, max = *max_it;
  auto q95 =
      finite.begin() + static_cast<std::ptrdiff_t>(0.95 * static_cast<double>(finite.size() - 1));
  std::nth_element(finite.begin(), q95, finite.end());
  const double cap = lo + kCapSpread * (static_cast<double>(*q95) - lo);
  m.lo = lo;
  m.hi = std::min(max, cap);
  m.capped = max > m.hi;
  // A flat loss (or one spike over a flat one) still needs a span: its heights are all 0.
  if (!(m.hi - m.lo > std::abs(m.lo) * 1e-12) || !std::isfinite(m.hi - m.lo)) {
    m.hi = m.lo + std::max(1.0, std::abs(m.lo));
    if (!std::isfinite(m.hi)) m.hi = m.lo, m.lo = m.hi - 1;  // at the edge of the doubles
  }
  return m;
}

double HeightMap::operator()(double f) const {
  if (std::isnan(f)) return f;
  if (f <= lo) return 0;
  if (f >= hi) return 1;
  const double span = hi - lo, d = f - lo;
  if (scale == HeightScale::log) {
    const double eps = floor();
    return std::clamp(std::log((d + eps) / eps) / std::log((span + eps) / eps), 0.0, 1.0);
  }
  return std::clamp(d / span, 0.0, 1.0);
}

// [SECTION] the scene's frame
SceneFrame SceneFrame::of(const Box& box) {
  SceneFrame s;
  s.box = box;
  const double w = box.x_max - box.x_min, h = box.y_max - box.y_min;
  const double longer = std::max(w, h);
  if (longer > 0 && std::isfinite(longer)) {
    s.half_x = std::max(w / longer, 1e-3);
    s.half_y = std::max(h / longer, 1e-3);
  }
  return s;
}

Vec3f SceneFrame::at(double x, double y, double height) const {
  const double w = box.x_max - box.x_min, h = box.y_max - box.y_min;
  const double u = w > 0 ? (x - box.x_min) / w : 0.5, v = h > 0 ? (y - box.y_min) / h : 0.5;
  return {static_cast<float>((2 * u - 1) * half_x), static_cast<float>((2 * v - 1) * half_y),
          static_cast<float>(height * kSceneHeight)};
}

// [SECTION] the mesh
std::vector<float> resample_field(const FieldGrid& field, const Box& box, int columns, int rows) {
  std::vector<float> out(static_cast<std::size_t>(columns) * rows, kNaN);
  if (field.width < 1 || field.height < 1 || columns < 2 || rows < 2) return out;
  const Box& f = field.box;
  const double fw = f.x_max - f.x_min, fh = f.y_max - f.y_min;
  if (!(fw > 0) || !(fh > 0)) return out;
  // A little beyond the field's box is still its edge: box corners rounded by a few ulps.
  const double slack_x = fw * 1e-9, slack_y = fh * 1e-9;
  for (int j = 0; j < rows; ++j) {
    const double y = box.y_min + (box.y_max - box.y_min) * j / (rows - 1);
    if (y < f.y_min - slack_y || y > f.y_max + slack_y) continue;
    const double fy = std::clamp((y - f.y_min) / fh * field.height - 0.5, 0.0,
                                 static_cast<double>(field.height - 1));
    const int j0 = std::min(static_cast<int>(fy), field.height - 1),
              j1 = std::min(j0 + 1, field.height - 1);
    const double ty = fy - j0;
    for (int i = 0; i < columns; ++i) {
      const double x = box.x_min + (box.x_max - box.x_min) * i / (columns - 1);
      if (x < f.x_min - slack_x || x > f.x_max + slack_x) continue;
      const double fx = std::clamp((x - f.x_min) / fw * field.width - 0.5, 0.0,
                                   static_cast<double>(field.width - 1));
      const int i0 = std::min(static_cast<int>(fx), field.width - 1),
                i1 = std::min(i0 + 1, field.width - 1);
      const double tx = fx - i0;
      const float a = field.at(i0, j0), b = field.at(i1, j0), c = field.at(i0, j1),
                  d = field.at(i1, j1);
      float value;
      if (std::isfinite(a) && std::isfinite(b) && std::isfinite(c) && std::isfinite(d)) {
        value =
            static_cast<float>((a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty);
      } else {
        const int ni = tx < 0.5 ? i0 : i1, nj = ty < 0.5 ? j0 : j1;
        value = field.at(ni, nj);
      }
      out[static_cast<std::size_t>(j) * columns + i] = std::isfinite(value) ? value : kNaN;
    }
  }
  return out;
}

std::vector<std::uint32_t> mesh_indices(int columns, int rows, std::span<const float> heights) {
  std::vector<std::uint32_t> indices;
  if (columns < 2 || rows < 2 || heights.size() < static_cast<std::size_t>(columns) * rows)
    return indices;
  indices.reserve(static_cast<std::size_t>(columns - 1) * (rows - 1) * 6);
  auto ok = [&](std::uint32_t k) { return !std::isnan(heights[k]); };
  auto triangle = [&](std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    if (ok(a) && ok(b) && ok(c)) indices.insert(indices.end(), {a, b, c});
  };
  for (int j = 0; j + 1 < rows; ++j)
    for (int i = 0; i + 1 < columns; ++i) {
      const auto k = static_cast<std::uint32_t>(j * columns + i);
      const auto right = k + 1, up = k + static_cast<std::uint32_t>(columns), diagonal = up + 1;
      triangle(k, right, diagonal);  // x right, y up: counter-clockwise seen from above
      triangle(k, diagonal, up);
    }
  return indices;
}

void mesh_normals(SurfaceMesh& mesh) {
  const int c = mesh.columns, r = mesh.rows;
  const double dx = 2 * mesh.frame.half_x / std::max(1, c - 1),
               dy = 2 * mesh.frame.half_y / std::max(1, r - 1);
  auto h = [&](int i, int j) {
    return static_cast<double>(mesh.heights[static_cast<std::size_t>(j) * c + i]) *
           SceneFrame::kSceneHeight;
  };
  // The slope along one axis from whichever neighbours have a height.
  auto slope = [&](int i, int j, int di, int dj, double step) {
    const double centre = h(i, j);
    const bool back = i - di >= 0 && j - dj >= 0 && !std::isnan(h(i - di, j - dj));
    const bool ahead = i + di < c && j + dj < r && !std::isnan(h(i + di, j + dj));
    if (back && ahead) return (h(i + di, j + dj) - h(i - di, j - dj)) / (2 * step);
    if (ahead) return (h(i + di, j + dj) - centre) / step;
    if (back) return (centre - h(i - di, j - dj)) / step;
    return 0.0;
  };
  for (int j = 0; j < r; ++j)
    for (int i = 0; i < c; ++i) {
      SurfaceVertex& v = mesh.vertices[static_cast<std::size_t>(j) * c + i];
      Vec3f n(0, 0, 1);
      if (!std::isnan(h(i, j))) {
        n = Vec3f(static_cast<float>(-slope(i, j, 1, 0, dx)),
                  static_cast<float>(-slope(i, j, 0, 1, dy)), 1.f)
                .normalized();
        if (!n.allFinite()) n = Vec3f(0, 0, 1);
      }
      v.nx = n.x(), v.ny = n.y(), v.nz = n.z();
    }
}

std::shared_ptr<const SurfaceMesh> build_surface_mesh(const FieldGrid& field, const Box& box,
                                                      HeightScale scale, int most_side) {
  auto mesh = std::make_shared<SurfaceMesh>();
  mesh->frame = SceneFrame::of(box);
  const double longer = std::max(mesh->frame.half_x, mesh->frame.half_y);
  most_side = std::max(most_side, 2);
  mesh->columns =
      std::max(2, static_cast<int>(std::lround(most_side * mesh->frame.half_x / longer)));
  mesh->rows = std::max(2, static_cast<int>(std::lround(most_side * mesh->frame.half_y / longer)));
  mesh->values = resample_field(field, box, mesh->columns, mesh->rows);
  mesh->map = HeightMap::fit(mesh->values, scale);
  mesh->heights.resize(mesh->values.size());
  mesh->vertices.resize(mesh->values.size());
  for (int j = 0; j < mesh->rows; ++j) {
    const double y = box.y_min + (box.y_max - box.y_min) * j / (mesh->rows - 1);
    for (int i = 0; i < mesh->columns; ++i) {
      const std::size_t k = static_cast<std::size_t>(j) * mesh->columns + i;
      const double x = box.x_min + (box.x_max - box.x_min) * i / (mesh->columns - 1);
      const float value = mesh->values[k];
      const double height = mesh->map(value);
      mesh->heights[k] = static_cast<float>(height);
      const Vec3f p = mesh->frame.at(x, y, std::isnan(height) ? 0 : height);
      mesh->vertices[k] = {p.x(), p.y(), p.z(), 0, 0, 1, std::isnan(value) ? 0.f : value};
    }
  }
  mesh_normals(*mesh);
  mesh->indices = mesh_indices(mesh->columns, mesh->rows, mesh->heights);
  return mesh;
}

double SurfaceMesh::height_at(const Vec2& p) const {
  const Box& b = frame.box;
  if (columns < 2 || rows < 2 || !p.allFinite() || !b.contains(p)) return std::nan("");
  const double fx = std::clamp((p.x() - b.x_min) / (b.x_max - b.x_min) * (columns - 1), 0.0,
                               static_cast<double>(columns - 1));
  const double fy = std::clamp((p.y() - b.y_min) / (b.y_max - b.y_min) * (rows - 1), 0.0,
                               static_cast<double>(rows - 1));
  const int i0 = std::min(static_cast<int>(fx), columns - 2),
            j0 = std::min(static_cast<int>(fy), rows - 2);
  const double tx = fx - i0, ty = fy - j0;
  auto h = [&](int i, int j) {
    return static_cast<double>(heights[static_cast<std::size_t>(j) * columns + i]);
  };
  // On the very triangle mesh_indices() draws there (the cell split along its diagonal), so a
  // path lifted by it lies on the surface rather than under a curved cell's flat triangles. NaN
  // at a corner makes the result NaN: a hole stays a hole.
  const double h00 = h(i0, j0), h11 = h(i0 + 1, j0 + 1);
  if (tx >= ty) return h00 + tx * (h(i0 + 1, j0) - h00) + ty * (h11 - h(i0 + 1, j0));
  return h00 + ty * (h(i0, j0 + 1) - h00) + tx * (h11 - h(i0, j0 + 1));
}

double SurfaceMesh::cell() const {
  const Box& b = frame.box;
  return std::min((b.x_max - b.x_min) / std::max(1, columns - 1),
                  (b.y_max - b.y_min) / std::max(1, rows - 1));
}

// [SECTION] paths
std::optional<std::pair<Vec2, Vec2>> clip_to_box(const Vec2& a, const Vec2& b, const Box& box) {
  if (!a.allFinite() || !b.allFinite()) return std::nullopt;
  double t0 = 0, t1 = 1;
  const Vec2 d = b - a;
  // Each side: p·t <= q keeps the point inside.
  const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
  const double q[4] = {a.x() - box.x_min, box.x_max - a.x(), a.y() - box.y_min, box.y_max - a.y()};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0) {
      if (q[k] < 0) return std::nullopt;
      continue;
    }
    const double t = q[k] / p[k];
    if (p[k] < 0)
      t0 = std::max(t0, t);
    else
      t1 = std::min(t1, t);
    if (t0 > t1) return std::nullopt;
  }
  return std::pair{Vec2(a + d * t0), Vec2(a + d * t1)};
}

bool lift_path(const SurfaceMesh& mesh, std::span<const Vec2> points, float lift,
               std::vector<Vec3f>& out, std::size_t budget) {
  const Vec3f gap = Vec3f::Constant(kNaN);
  const double piece = mesh.cell() * 0.5;
  if (!(piece > 0) || !std::isfinite(piece)) return true;
  // At most this many pieces a segment: a jump across the whole view is still followed closely.
  const double most = 4.0 * std::max(mesh.columns, mesh.rows);
  std::size_t added = 0;
  bool open = false;  // whether the last point appended continues
  Vec2 last(kNaN, kNaN);
  auto end_strip = [&] {
    if (open) out.push_back(gap), ++added;
    open = false;
  };
  auto add = [&](const Vec2& p) {
    const double h = mesh.height_at(p);
    if (std::isnan(h)) {
      end_strip();
      return;
    }
    const Vec3f at = mesh.frame.at(p.x(), p.y(), h) + Vec3f(0, 0, lift);
    out.push_back(at), ++added;
    open = true;
  };
  for (std::size_t k = 1; k < points.size(); ++k) {
    if (added >= budget) return false;
    const auto s = clip_to_box(points[k - 1], points[k], mesh.frame.box);
    if (!s) {
      end_strip();
      continue;
    }
    const auto& [a, b] = *s;
    if (!open || a != last) {
      end_strip();
      add(a);
    }
    const double n = std::clamp(std::ceil((b - a).norm() / piece), 1.0, most);
    for (int i = 1; i <= static_cast<int>(n); ++i) add(a + (b - a) * (i / n));
    last = b;
  }
  end_strip();
  return true;
}

}  // namespace descent
