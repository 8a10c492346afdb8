#pragma once
// Colours of runs: Okabe-Ito's colour-blind-safe set, told apart by people with any common
// colour vision deficiency. Colours too close to a background get an outline (see
// outline_colour), so every run reads on the dark theme, on white and over the field.
#include <cstdint>
#include <optional>
#include <span>

namespace descent {

struct Rgb {
  std::uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb&) const = default;
};

std::span<const Rgb> run_palette();

// The first palette colour not in `used`, or the least used one when all are taken.
Rgb next_run_colour(std::span<const Rgb> used);

// The colour of a classifier's class 0 or 1 in the data panel (each also has its own shape).
Rgb class_colour(int label);

// WCAG's relative luminance (0 black, 1 white) and contrast ratio (1 to 21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

// Below this a line does not stand out from its background (WCAG's minimum for graphics).
constexpr double kMinimumContrast = 3;
// Black or white, whichever contrasts more with `c`: the outline that makes it stand out.
Rgb contrasting(Rgb c);
// The outline a line of colour `c` needs over `background`: none when it stands out alone.
std::optional<Rgb> outline_colour(Rgb c, Rgb background);

}  // namespace descent
