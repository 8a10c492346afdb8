#pragma once
// The plane a network's runs share in the window: once every visible run has its path, the
// principal directions of all of them together (so that every optimizer is on one plane),
// through the network's start, with a view that holds every projected path.
#include <memory>
#include <span>

#include "network_slice.hpp"
#include "session.hpp"

namespace descent {

// The slice of `slice`'s network on the principal plane of `runs`' kept parameter vectors;
// null when they are too few or do not spread (a single point).
std::shared_ptr<const NetworkSlice> shared_principal_slice(
    const NetworkSlice& slice, std::span<const std::shared_ptr<const Trajectory>> runs);

}  // namespace descent
