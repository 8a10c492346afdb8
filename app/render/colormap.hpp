#pragma once
// The field's colour map: viridis, rebuilt from its nine published class colours by
// interpolating in Oklab, so lightness rises evenly from dark purple to light yellow.
#include <array>

#include "palette.hpp"

namespace descent {

constexpr int kColormapSize = 256;

const std::array<Rgb, kColormapSize>& viridis();

// Perceptual lightness (Oklab L, 0 to 1) of a colour.
double oklab_lightness(Rgb c);

}  // namespace descent
