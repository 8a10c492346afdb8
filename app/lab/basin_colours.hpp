#pragma once
// How a basin map is coloured, in the window and in `descent map --format png`: a run that
// converged to a known minimum in that minimum's colour, brighter the fewer steps it took; one
// that converged elsewhere (a saddle, an unknown minimum) pale; one not converged by the step
// limit grey; one that diverged black.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "basin_map.hpp"
#include "lanes.hpp"
#include "palette.hpp"

namespace descent {

// A picture laid over the field, under its contour lines: a basin map.
struct FieldOverlay {
  std::shared_ptr<const std::vector<std::uint8_t>> rgba;  // top row first, as basin_image
  int width = 0, height = 0;
  Box box;  // where the picture's outer edges are
  float opacity = 0.85f;
  bool operator==(const FieldOverlay&) const = default;
};

// The colour of known minimum k (repeating past the eighth).
Rgb minimum_colour(std::size_t k);
inline constexpr Rgb kElsewhereColour{0xE8, 0xE8, 0xE8};
inline constexpr Rgb kNotConvergedColour{0x80, 0x80, 0x80};
inline constexpr Rgb kDivergedColour{0x00, 0x00, 0x00};

Rgb basin_colour(const KnownMinima& minima, const LaneOutcome& outcome, std::int64_t max_steps);

// RGBA pixels of a width x height map whose row 0 is the grid's lowest y, top row first (as an
// image is stored), each cell `scale` pixels square.
std::vector<std::uint8_t> basin_image(const ObjectiveInfo& info,
                                      std::span<const LaneOutcome> outcomes, int width, int height,
                                      std::int64_t max_steps, int scale);

}  // namespace descent
