#pragma once
// What the views show of a network's run at one kept parameter vector: which vector the
// playback step shows, its decision regions over the data (P(y = 1) on a grid, and where that
// crosses 0.5), its accuracy and how much of the gradient reaches each layer. Plain functions;
// network_insights.hpp caches them per run and vector.
#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "dataset.hpp"
#include "models/network.hpp"
#include "trajectory.hpp"
#include "types.hpp"

namespace descent {

// The kept vector shown when `shown` points are revealed (Trajectory::points_through): the last
// j with parameter_point(j) <= shown - 1, the nearest at or before the playback step; none when
// nothing is shown or no vector is kept yet.
std::optional<std::size_t> vector_at(const Trajectory& trajectory, std::size_t shown);
// Kept vector j, as the network takes its parameters.
VecX parameters_of(const Trajectory& trajectory, std::size_t j);

// The samples' two features as points, the form Network::predict takes many at once.
std::vector<Vec2> sample_points(const Dataset& data);
// The fraction of the samples whose predicted class (P(y = 1) >= 0.5) is their label.
// `points`: sample_points(network.data()).
double accuracy(const Network& network, const VecX& p, std::span<const Vec2> points);

// What the data panel spans for two features: the data, padded 6% across and 8% up.
Box data_area(const Dataset& data);

// The network's prediction (P(y = 1), or z for regression) at the corners of cells x cells
// equal cells over `area`.
struct DecisionGrid {
  Box area;
  int cells = 0;
  std::vector<double> values;  // side() x side(), row by row from y_min, each from x_min

  int side() const { return cells + 1; }
  Vec2 corner(int i, int j) const;
  double at(int i, int j) const { return values[static_cast<std::size_t>(j * side() + i)]; }
};
DecisionGrid decision_grid(const Network& network, const VecX& p, const Box& area, int cells);

using Segment = std::pair<Vec2, Vec2>;
// Where a grid of probabilities crosses `level`, as segments (marching squares; interpolated on
// the logit, along which a network's output is nearly linear between close corners; a saddle
// cell is resolved by the mean of its corners).
std::vector<Segment> contour(const DecisionGrid& grid, double level = 0.5);

// ‖∂loss/∂W_l‖ of each weight layer over all the samples at p, first layer first.
std::vector<double> layer_norms(const Network& network, const VecX& p);

}  // namespace descent
