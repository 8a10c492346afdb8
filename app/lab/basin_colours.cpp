#include "basin_colours.hpp"

#include <algorithm>
#include <cmath>

#include "basin_map.hpp"

namespace descent {

Rgb minimum_colour(std::size_t k) {
  // Paul Tol's "light" scheme, made for filling areas under labels and lines: pale where the
  // runs' colours (Okabe-Ito) are saturated, so a path never disappears into its basin.
  static constexpr Rgb kLight[] = {{0xFF, 0xAA, 0xBB}, {0x99, 0xDD, 0xFF}, {0xEE, 0xDD, 0x88},
                                   {0x44, 0xBB, 0x99}, {0x77, 0xAA, 0xDD}, {0xBB, 0xCC, 0x33},
                                   {0xAA, 0xAA, 0x00}, {0xEE, 0x88, 0x66}};
  return kLight[k % std::size(kLight)];
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
  const double speed = max_steps <= 1 ? 0
                                      : std::log1p(static_cast<double>(outcome.steps)) /
                                            std::log1p(static_cast<double>(max_steps));
  const double shade = 1 - 0.55 * std::clamp(speed, 0.0, 1.0);
  const Rgb c = minimum_colour(*k);
  auto dim = [&](std::uint8_t v) { return static_cast<std::uint8_t>(std::lround(v * shade)); };
  return {dim(c.r), dim(c.g), dim(c.b)};
}

std::vector<std::uint8_t> basin_image(const ObjectiveInfo& info,
                                      std::span<const LaneOutcome> outcomes, int width, int height,
                                      std::int64_t max_steps, int scale) {
  const std::size_t w = static_cast<std::size_t>(width * scale);
  std::vector<std::uint8_t> rgba(w * static_cast<std::size_t>(height * scale) * 4);
  const KnownMinima minima(info);
  for (int iy = 0; iy < height; ++iy)
    for (int ix = 0; ix < width; ++ix) {
      const Rgb c =
          basin_colour(minima,
                       outcomes[static_cast<std::size_t>(iy) * static_cast<std::size_t>(width) +
                                static_cast<std::size_t>(ix)],
                       max_steps);
      // Diverged and unconverged starts dim the field without hiding it: its contours still
      // say where the valley is.
      const LaneOutcome& o =
          outcomes[static_cast<std::size_t>(iy) * static_cast<std::size_t>(width) +
                   static_cast<std::size_t>(ix)];
      const std::uint8_t alpha = o.status == RunStatus::diverged    ? 140
                                 : o.status == RunStatus::converged ? 255
                                                                    : 190;
      for (int dy = 0; dy < scale; ++dy)
        for (int dx = 0; dx < scale; ++dx) {
          const std::size_t row = static_cast<std::size_t>((height - 1 - iy) * scale + dy);
          std::uint8_t* p = &rgba[(row * w + static_cast<std::size_t>(ix * scale + dx)) * 4];
          p[0] = c.r, p[1] = c.g, p[2] = c.b, p[3] = alpha;
        }
    }
  return rgba;
}

}  // namespace descent
