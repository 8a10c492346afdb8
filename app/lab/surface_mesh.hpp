#pragma once
// The 3D view's height mesh, built from the field the canvas already sampled (never evaluating
// the loss again): heights from loss values (linear or log, capped so that a spike or a huge
// value does not flatten the rest), vertices with normals for shading, triangles that leave
// holes where the loss is not finite, and paths lifted onto it. Pure math, no GL.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "field.hpp"
#include "orbit_camera.hpp"

namespace descent {

enum class HeightScale { linear, log };

// Loss values to heights from 0 (the least finite value) to 1 (the cap).
struct HeightMap {
  // Log scale: log(f - min + ε), with ε this share of the range: the 2D contours' floor.
  static constexpr double kLogFloor = 1e-5;
  // The cap: min + this many times the distance from the min to the 95th percentile, unless
  // the max is lower. A singularity or a runaway corner is drawn flat at the top instead of
  // squashing the rest of the surface to the floor.
  static constexpr double kCapSpread = 4;

  HeightScale scale = HeightScale::linear;
  double lo = 0, hi = 1;  // f at heights 0 and 1
  bool capped = false;    // values above hi were seen: they sit at height 1

  // From the finite values among `values`; none: lo 0, hi 1.
  static HeightMap fit(std::span<const float> values, HeightScale scale);
  // 0 to 1; NaN stays NaN, +inf gives 1, -inf 0.
  double operator()(double f) const;
  // ε of the log scale.
  double floor() const { return kLogFloor * (hi - lo); }
  bool operator==(const HeightMap&) const = default;
};

// The scene's frame: the world box centred at the origin with its longer side from -1 to 1
// (equal scales, as in the 2D canvas), heights 0 to 1 from the floor z = 0 to kSceneHeight.
struct SceneFrame {
  static constexpr float kSceneHeight = 0.7f;
  Box box;
  double half_x = 1, half_y = 1;  // the box's half sides in scene units

  static SceneFrame of(const Box& box);
  Vec3f at(double x, double y, double height) const;
};

struct SurfaceVertex {
  float x, y, z;     // scene position
  float nx, ny, nz;  // unit normal
  float value;       // the loss there (NaN never reaches a drawn triangle)
};

struct SurfaceMesh {
  static constexpr int kMostSide = 128;  // vertices along the longer side

  SceneFrame frame;
  HeightMap map;
  int columns = 0, rows = 0;
  std::vector<float> values;   // the loss at each vertex, row 0 at y_min; NaN where unknown
  std::vector<float> heights;  // 0 to 1 at each vertex; NaN where the value is
  std::vector<SurfaceVertex> vertices;
  std::vector<std::uint32_t> indices;  // triangles

  // The height (0 to 1) at world point `p` on the mesh's triangles; NaN outside the box or
  // next to a hole.
  double height_at(const Vec2& p) const;
  // The smaller side of a cell in world units.
  double cell() const;
};

// The mesh over `box` (the canvas's view) from `field`: at most kMostSide vertices along the
// longer side, and at least 2 along each.
std::shared_ptr<const SurfaceMesh> build_surface_mesh(const FieldGrid& field, const Box& box,
                                                      HeightScale scale,
                                                      int most_side = SurfaceMesh::kMostSide);

// `field` at the corners of a `columns` x `rows` grid spanning `box`: bilinear between its cell
// centres, the nearest sample next to a non-finite one, NaN outside the field.
std::vector<float> resample_field(const FieldGrid& field, const Box& box, int columns, int rows);

// Two triangles a cell of a `columns` x `rows` grid (row-major), counter-clockwise seen from
// above, without any triangle that has a corner where `heights` is NaN.
std::vector<std::uint32_t> mesh_indices(int columns, int rows, std::span<const float> heights);

// Unit normals of the grid's scene positions, from the neighbouring heights (one-sided at
// edges and holes); straight up where there is nothing to go by.
void mesh_normals(SurfaceMesh& mesh);

// Appends `points` lifted onto the mesh, `lift` scene units above it: only what lies inside the
// box, each segment cut into pieces of at most half a cell so that the line follows the
// surface. A NaN point ends a strip (the path left the box or crossed a hole). Adds at most
// `budget` points; returns false when it stopped there.
bool lift_path(const SurfaceMesh& mesh, std::span<const Vec2> points, float lift,
               std::vector<Vec3f>& out, std::size_t budget);

// The segment a-b within `box` (Liang-Barsky); none when it misses or a point is not finite.
std::optional<std::pair<Vec2, Vec2>> clip_to_box(const Vec2& a, const Vec2& b, const Box& box);

}  // namespace descent
