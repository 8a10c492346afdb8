#pragma once
// Where the plane a network's runs are drawn on comes from:
// - random: filter-normalised Gaussian directions (Li et al. 2018, "Visualizing the Loss
//   Landscape of Neural Nets"): each neuron's incoming weights are rescaled to the norm of that
//   neuron's weights at the center, biases are zeroed; a = 1 is then one "filter norm" away.
// - pca: the two principal components of the runs' paths, all runs together, so that every
//   optimizer is on one shared plane; the axes say how much of the paths' spread each holds.
#include <cstdint>
#include <span>
#include <vector>

#include "plane.hpp"

namespace descent {

// Layer widths, inputs first ([2, 4, 1]); parameters layer by layer, W (out x in, row-major)
// then b. Throws std::invalid_argument when the center does not fit the widths.
Plane random_plane(const std::vector<int>& widths, const VecX& center, std::uint64_t seed);

struct PrincipalPlane {
  VecX d1, d2;            // unit, orthogonal
  double explained[2]{};  // the fraction of the points' variance along each
};

// The principal directions of `points` (mean-centred; evenly thinned to at most 2,000 points).
// Throws std::invalid_argument when there are fewer than two distinct points or their sizes
// differ. When the points lie on one line, d2 is a unit direction orthogonal to d1 with 0%.
PrincipalPlane principal_directions(std::span<const VecX> points);

}  // namespace descent
