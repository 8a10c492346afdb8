#pragma once
// Colours of runs: saturated, distinguishable from each other and from the field's colour map,
// and readable on a projector.
#include <cstdint>
#include <span>

namespace descent {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

std::span<const Rgb> run_palette();

// The first palette colour not in `used`, or the least used one when all are taken.
Rgb next_run_colour(std::span<const Rgb> used);

}  // namespace descent
