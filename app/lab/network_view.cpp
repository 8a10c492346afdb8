#include "network_view.hpp"

#include <algorithm>
#include <cmath>

namespace descent {
namespace {

double logit(double p) {
  p = std::clamp(p, 1e-15, 1 - 1e-15);
  return std::log(p / (1 - p));
}

}  // namespace

std::optional<std::size_t> vector_at(const Trajectory& trajectory, std::size_t shown) {
  const std::size_t count = trajectory.vector_count();
  if (shown == 0 || count == 0 || trajectory.parameter_point(0) > shown - 1) return std::nullopt;
  // Vectors are kept at increasing points: the first past shown - 1, less one.
  std::size_t lo = 0, hi = count;  // parameter_point(lo) <= shown - 1 < parameter_point(hi)
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (trajectory.parameter_point(mid) <= shown - 1 ? lo : hi) = mid;
  }
  return lo;
}

VecX parameters_of(const Trajectory& trajectory, std::size_t j) {
  const std::span<const double> p = trajectory.parameters(j);
  return Eigen::Map<const VecX>(p.data(), static_cast<Eigen::Index>(p.size()));
}

std::vector<Vec2> sample_points(const Dataset& data) {
  std::vector<Vec2> points(data.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    points[i] = Vec2(data.features[0][k], data.features[1][k]);
  }
  return points;
}

double accuracy(const Network& network, const VecX& p, std::span<const Vec2> points) {
  const Eigen::ArrayXd& labels = network.data().target;
  std::vector<double> predicted(points.size());
  network.predict(p, points, predicted);
  std::size_t right = 0;
  for (std::size_t i = 0; i < predicted.size(); ++i)
    right += (predicted[i] >= 0.5) == (labels[static_cast<Eigen::Index>(i)] == 1);
  return predicted.empty() ? 0 : static_cast<double>(right) / static_cast<double>(predicted.size());
}

Box data_area(const Dataset& data) {
  const Eigen::ArrayXd &x = data.features[0], &y = data.features[1];
  Box area{x.minCoeff(), x.maxCoeff(), y.minCoeff(), y.maxCoeff()};
  const double px = std::max(1e-9, (area.x_max - area.x_min) * 0.06),
               py = std::max(1e-9, (area.y_max - area.y_min) * 0.08);
  return {area.x_min - px, area.x_max + px, area.y_min - py, area.y_max + py};
}

Vec2 DecisionGrid::corner(int i, int j) const {
  return {area.x_min + (area.x_max - area.x_min) * i / cells,
          area.y_min + (area.y_max - area.y_min) * j / cells};
}

DecisionGrid decision_grid(const Network& network, const VecX& p, const Box& area, int cells) {
  DecisionGrid grid{.area = area, .cells = std::max(1, cells), .values = {}};
  const int side = grid.side();
  std::vector<Vec2> corners;
  corners.reserve(static_cast<std::size_t>(side * side));
  for (int j = 0; j < side; ++j)
    for (int i = 0; i < side; ++i) corners.push_back(grid.corner(i, j));
  grid.values.resize(corners.size());
  network.predict(p, corners, grid.values);
  return grid;
}

std::vector<Segment> contour(const DecisionGrid& grid, double level) {
  std::vector<Segment> segments;
  const int side = grid.side();
  std::vector<double> v(grid.values.size());
  const double at = logit(level);
  for (std::size_t k = 0; k < v.size(); ++k) v[k] = logit(grid.values[k]) - at;
  auto value = [&](int i, int j) { return v[static_cast<std::size_t>(j * side + i)]; };
  // Where the level crosses the edge from corner a to corner b, if it does.
  auto crossing = [&](int ia, int ja, int ib, int jb) -> std::optional<Vec2> {
    const double va = value(ia, ja), vb = value(ib, jb);
    if ((va < 0) == (vb < 0) || va == vb) return std::nullopt;
    const double t = va / (va - vb);
    const Vec2 a = grid.corner(ia, ja);
    return a + t * (grid.corner(ib, jb) - a);
  };
  for (int j = 0; j < grid.cells; ++j)
    for (int i = 0; i < grid.cells; ++i) {
      const auto bottom = crossing(i, j, i + 1, j), right = crossing(i + 1, j, i + 1, j + 1),
                 top = crossing(i, j + 1, i + 1, j + 1), left = crossing(i, j, i, j + 1);
      const int count = bottom.has_value() + right.has_value() + top.has_value() + left.has_value();
      if (count == 2) {
        Vec2 ends[2];
        int k = 0;
        for (const auto* hit : {&bottom, &right, &top, &left})
          if (*hit) ends[k++] = **hit;
        segments.emplace_back(ends[0], ends[1]);
      } else if (count == 4) {
        // A saddle: the corners (i, j) and (i + 1, j + 1) are on one side. Joined through the
        // middle when it is on their side too, the lines cut off the two others.
        const double middle =
            (value(i, j) + value(i + 1, j) + value(i, j + 1) + value(i + 1, j + 1)) / 4;
        if ((middle < 0) == (value(i, j) < 0)) {
          segments.emplace_back(*bottom, *right);
          segments.emplace_back(*top, *left);
        } else {
          segments.emplace_back(*bottom, *left);
          segments.emplace_back(*right, *top);
        }
      }
    }
  return segments;
}

std::vector<double> layer_norms(const Network& network, const VecX& p) {
  return network.layer_gradient_norms(network.value_gradient(p).gradient);
}

}  // namespace descent
