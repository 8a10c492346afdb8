#include "palette.hpp"

#include <algorithm>
#include <array>

namespace descent {

std::span<const Rgb> run_palette() {
  // Warm and light hues first: they stand out best on the blue-green-yellow field.
  static constexpr std::array<Rgb, 10> colours{{
      {255, 64, 64},    // red
      {255, 255, 255},  // white
      {255, 150, 30},   // orange
      {255, 100, 230},  // pink
      {80, 220, 255},   // cyan
      {190, 120, 255},  // violet
      {255, 230, 60},   // yellow
      {140, 255, 120},  // light green
      {255, 180, 180},  // rose
      {30, 60, 255},    // blue
  }};
  return colours;
}

Rgb next_run_colour(std::span<const Rgb> used) {
  auto palette = run_palette();
  std::size_t best = 0, best_count = ~std::size_t{0};
  for (std::size_t i = 0; i < palette.size(); ++i) {
    auto count = static_cast<std::size_t>(std::count(used.begin(), used.end(), palette[i]));
    if (count < best_count) best = i, best_count = count;
  }
  return palette[best];
}

}  // namespace descent
