#include "palette.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace descent {

std::span<const Rgb> run_palette() {
  // Okabe & Ito (2008), "Color Universal Design". Orange and sky blue first: they differ most,
  // for every kind of colour vision, and neither is the start marker's white. Vermillion comes
  // late: the data panel's class 1 wears it. Grey stands in for Okabe-Ito's black, which
  // vanishes on a dark background.
  static constexpr std::array<Rgb, 8> colours{{
      {0xE6, 0x9F, 0x00},  // orange
      {0x56, 0xB4, 0xE9},  // sky blue
      {0x00, 0x9E, 0x73},  // bluish green
      {0xCC, 0x79, 0xA7},  // reddish purple
      {0xF0, 0xE4, 0x42},  // yellow
      {0x00, 0x72, 0xB2},  // blue
      {0xD5, 0x5E, 0x00},  // vermillion
      {0x99, 0x99, 0x99},  // grey
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

Rgb class_colour(int label) {
  // Sky blue against vermillion: apart in hue and lightness for every kind of colour vision.
  return label == 0 ? Rgb{0x56, 0xB4, 0xE9} : Rgb{0xD5, 0x5E, 0x00};
}

double relative_luminance(Rgb c) {
  auto linear = [](std::uint8_t v) {
    double s = v / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Rgb contrasting(Rgb c) {
  constexpr Rgb black{0, 0, 0}, white{255, 255, 255};
  return contrast_ratio(c, black) >= contrast_ratio(c, white) ? black : white;
}

std::optional<Rgb> outline_colour(Rgb c, Rgb background) {
  if (contrast_ratio(c, background) >= kMinimumContrast) return std::nullopt;
  return contrasting(c);
}

}  // namespace descent
