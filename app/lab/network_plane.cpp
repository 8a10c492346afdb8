#include "network_plane.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "models/network_model.hpp"
#include "text.hpp"

namespace descent {
namespace {

// The box around the points, 15% wider each way, and no thinner than half its width.
Box fit(const std::vector<Vec2>& points) {
  Box box{points[0].x(), points[0].x(), points[0].y(), points[0].y()};
  for (const Vec2& p : points) {
    box.x_min = std::min(box.x_min, p.x());
    box.x_max = std::max(box.x_max, p.x());
    box.y_min = std::min(box.y_min, p.y());
    box.y_max = std::max(box.y_max, p.y());
  }
  const double w = box.x_max - box.x_min, h = box.y_max - box.y_min;
  const double least = 0.5 * std::max({w, h, 1e-6});
  const double pad_x = 0.15 * std::max(w, least) + std::max(0.0, least - w) / 2;
  const double pad_y = 0.15 * std::max(h, least) + std::max(0.0, least - h) / 2;
  return {box.x_min - pad_x, box.x_max + pad_x, box.y_min - pad_y, box.y_max + pad_y};
}

}  // namespace

bool plane_needs_paths(const NetworkSpec& network) {
  return network.plane == "pca" || network.center != "start";
}

std::shared_ptr<const NetworkSlice> shared_slice(
    const NetworkSlice& slice, const NetworkSpec& network, std::uint64_t plane_seed,
    std::span<const std::shared_ptr<const Trajectory>> runs, const CenterRun& end_of) {
  std::vector<VecX> points;
  const auto n = slice.loss()->dimension();
  VecX best = slice.start_parameters(), end = best;
  double lowest = slice.loss()->value(best);
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (std::size_t j = 0, count = runs[r]->vector_count(); j < count; ++j) {
      const Trajectory* t = runs[r].get();
      const auto p = t->parameters(j);
      if (static_cast<Eigen::Index>(p.size()) != n) continue;
      points.emplace_back(Eigen::Map<const VecX>(p.data(), n));
      if (r == end_of.path) end = points.back();  // the last kept vector is its last point
      if (const double loss = (*t)[t->parameter_point(j)].loss; loss < lowest) {
        lowest = loss;
        best = points.back();
      }
    }
  if (points.size() < 2) return nullptr;
  const bool at_end = end_of.path.has_value();
  const VecX& center = network.center == "best" ? best : at_end ? end : slice.start_parameters();
  std::shared_ptr<const NetworkSlice> shared;
  if (network.plane == "pca") {
    try {
      shared = principal_slice(slice, principal_directions(points), center);
    } catch (const std::invalid_argument&) {
      return nullptr;  // the runs have not moved: the plane stays
    }
  } else {
    shared = random_slice(slice, plane_seed, center);
  }
  std::vector<Vec2> projected;
  projected.reserve(points.size() + 1);
  for (const VecX& p : points) projected.push_back(shared->plane()->project(p).at);
  projected.push_back(shared->info().start);
  ObjectiveInfo info = shared->info();
  info.view = fit(projected);
  if (network.center == "best") info.x_label += ", through the best point found";
  if (at_end) info.x_label += cat(", through the last point of ", end_of.name);
  if (!at_end && center_run(network.center))
    info.x_label += cat(", through the start: there is no visible ", network.center);
  return std::make_shared<NetworkSlice>(shared->loss(), shared->plane(), shared->start_parameters(),
                                        std::move(info));
}

}  // namespace descent
