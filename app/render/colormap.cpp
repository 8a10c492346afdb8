#include "colormap.hpp"

#include <algorithm>
#include <cmath>

namespace descent {
namespace {

struct Lab3 {
  double l, a, b;
};

double to_linear(double c) {
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}
double to_srgb(double c) {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
}

// Björn Ottosson's Oklab (2020), from linear sRGB.
Lab3 oklab(Rgb c) {
  double r = to_linear(c.r / 255.0), g = to_linear(c.g / 255.0), b = to_linear(c.b / 255.0);
  double l = std::cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  double m = std::cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  double s = std::cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  return {0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
          1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
          0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s};
}

Rgb from_oklab(Lab3 c) {
  double l = c.l + 0.3963377774 * c.a + 0.2158037573 * c.b;
  double m = c.l - 0.1055613458 * c.a - 0.0638541728 * c.b;
  double s = c.l - 0.0894841775 * c.a - 1.2914855480 * c.b;
  l = l * l * l, m = m * m * m, s = s * s * s;
  double rgb[3] = {4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                   -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                   -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s};
  auto byte = [](double v) {
    return static_cast<std::uint8_t>(
        std::lround(std::clamp(to_srgb(std::clamp(v, 0.0, 1.0)), 0.0, 1.0) * 255));
  };
  return {byte(rgb[0]), byte(rgb[1]), byte(rgb[2])};
}

}  // namespace

double oklab_lightness(Rgb c) {
  return oklab(c).l;
}

const std::array<Rgb, kColormapSize>& viridis() {
  static const auto table = [] {
    // Viridis at 0, 1/8, ..., 1 (matplotlib's class colours).
    const Rgb anchors[9] = {{0x44, 0x01, 0x54}, {0x47, 0x2d, 0x7b}, {0x3b, 0x52, 0x8b},
                            {0x2c, 0x72, 0x8e}, {0x21, 0x91, 0x8c}, {0x28, 0xae, 0x80},
                            {0x5e, 0xc9, 0x62}, {0xad, 0xdc, 0x30}, {0xfd, 0xe7, 0x25}};
    std::array<Rgb, kColormapSize> out{};
    for (int i = 0; i < kColormapSize; ++i) {
      double t = i / double(kColormapSize - 1) * 8;
      int k = std::min(static_cast<int>(t), 7);
      double u = t - k;
      Lab3 a = oklab(anchors[k]), b = oklab(anchors[k + 1]);
      out[static_cast<std::size_t>(i)] =
          from_oklab({a.l + (b.l - a.l) * u, a.a + (b.a - a.a) * u, a.b + (b.b - a.b) * u});
    }
    return out;
  }();
  return table;
}

}  // namespace descent
