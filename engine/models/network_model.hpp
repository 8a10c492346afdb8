#pragma once
// The "mlp" entry of the model registry: a Network (models/network.hpp) over the model's data,
// its start (given, or drawn with init_seed), and the plane it is drawn on, as the
// two-parameter objective the views take (a NetworkSlice).
#include <memory>
#include <string>

#include "../model_registry.hpp"
#include "../network_slice.hpp"
#include "../plane_directions.hpp"
#include "network.hpp"

namespace descent {

// The registry's make: keys init_seed and plane_seed; the layers, activation and start come
// from parts.network. Throws std::invalid_argument naming the culprit (a bad layers text, a
// start of the wrong length).
std::shared_ptr<const Objective> make_network(const ParamValues& values, const ModelParts& parts);

// The network behind a network's objective (a slice made here); else null.
const Network* network_of(const Objective& objective);

// The same network and start on another plane through `center`: a random one
// (filter-normalised to the weights there) or the principal directions of some runs' paths.
std::shared_ptr<const NetworkSlice> random_slice(const NetworkSlice& slice, std::uint64_t seed,
                                                 const VecX& center);
std::shared_ptr<const NetworkSlice> principal_slice(const NetworkSlice& slice,
                                                    const PrincipalPlane& directions,
                                                    const VecX& center);

}  // namespace descent
