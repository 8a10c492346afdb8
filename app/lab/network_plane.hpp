#pragma once
// The plane a network's runs share in the window, once every visible run has its path: the
// principal directions of all of them together (so that every optimizer is on one plane) or
// random ones, through the network's start, the best point any run reached or the last point of
// one run, with a view that holds every projected path.
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "model_registry.hpp"
#include "network_slice.hpp"
#include "session.hpp"

namespace descent {

// Whether the plane `network` asks for depends on the runs' paths.
bool plane_needs_paths(const NetworkSpec& network);

// Where the plane passes for a center "run K": the path of `runs` that is that run's (none when
// it is not there: the plane then passes through the start) and the run's name.
struct CenterRun {
  std::optional<std::size_t> path;
  std::string name;
};

// The slice of `slice`'s network on the plane `network` asks for, from `runs`' kept parameter
// vectors; null when they are too few, or do not spread for a principal plane.
std::shared_ptr<const NetworkSlice> shared_slice(
    const NetworkSlice& slice, const NetworkSpec& network, std::uint64_t plane_seed,
    std::span<const std::shared_ptr<const Trajectory>> runs, const CenterRun& end_of = {});

}  // namespace descent
