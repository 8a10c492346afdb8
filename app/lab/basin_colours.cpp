#include "basin_colours.hpp"

#include <algorithm>
#include <cmath>

#include "basin_map.hpp"

namespace descent {

Rgb minimum_colour(std::size_t k) {
  // Not the runs' order: the first minima take the colours that stand out most over the
  // field's viridis (blue, green, yellow): vermillion, sky blue, reddish purple, yellow...
  static constexpr std::size_t kOrder[] = {6, 1, 3, 4, 2, 0, 5};
  const auto palette = run_palette();
  return palette[kOrder[k % std::size(kOrder)] % palette.size()];
}

Rgb basin_colour(const KnownMinima& minima, const LaneOutcome& outcome, std::int64_t max_steps) {
  switch (outcome.status) {
    case RunStatus::diverged:
      return kDivergedColour;
    case RunStatus::converged:
      break;
    default:
      return kNotConvergedColour;
  }
  const auto k = minima.reached(outcome.end);
  if (!k) return kElsewhereColour;
  // Full colour at once, down to 45% of it at the step limit (on a log scale of steps).
  const double speed =
      max_steps <= 1 ? 0
                     : std::log1p(static_cast<double>(outcome.steps)) /
                           std::log1p(static_cast<double>(max_steps));
  const double shade = 1 - 0.55 * std::clamp(speed, 0.0, 1.0);
  const Rgb c = minimum_colour(*k);
  auto dim = [&](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(v * shade)); };
  return {dim(c.r), dim(c.g), dim(c.b)};
}

std::vector<std::uint8_t> basin_image(const ObjectiveInfo& info,
                                      std::span<const LaneOutcome> outcomes, int width,
                                      int height, std::int64_t max_steps, int scale) {
  const std::size_t w = static_cast<std::size_t>(width * scale);
  std::vector<std::uint8_t> rgba(w * static_cast<std::size_t>(height * scale) * 4);
  const KnownMinima minima(info);
  for (int iy = 0; iy < height; ++iy)
    for (int ix = 0; ix < width; ++ix) {
      const Rgb c = basin_colour(
          minima, outcomes[static_cast<std::size_t>(iy) * static_cast<std::size_t>(width) +
                         static_cast<std::size_t>(ix)],
          max_steps);
      for (int dy = 0; dy < scale; ++dy)
        for (int dx = 0; dx < scale; ++dx) {
          const std::size_t row = static_cast<std::size_t>((height - 1 - iy) * scale + dy);
          std::uint8_t* p = &rgba[(row * w + static_cast<std::size_t>(ix * scale + dx)) * 4];
          p[0] = c.r, p[1] = c.g, p[2] = c.b, p[3] = 255;
        }
    }
  return rgba;
}

}  // namespace descent
