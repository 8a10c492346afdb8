#include "appearance.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace descent {
namespace {

constexpr std::array kThemes{
    ThemeInfo{Theme::dark, "dark", "Dark", "Light text on dark panels: for screens and dim rooms"},
    ThemeInfo{Theme::light, "light", "Light",
              "Dark text on light panels: for projectors in bright rooms"},
    ThemeInfo{Theme::high_contrast, "high-contrast", "High contrast",
              "White on black with bold borders: for washed-out projectors and low vision"},
};

constexpr std::array kFontScales{0.75f, 0.9f, 1.f, 1.1f, 1.25f, 1.5f, 1.75f, 2.f, 2.25f, 2.5f, 3.f};

}  // namespace

std::span<const ThemeInfo> themes() {
  return kThemes;
}

const ThemeInfo& theme_info(Theme theme) {
  return *std::find_if(kThemes.begin(), kThemes.end(),
                       [&](const ThemeInfo& t) { return t.theme == theme; });
}

std::optional<Theme> find_theme(std::string_view name) {
  for (const auto& t : kThemes)
    if (name == t.name) return t.theme;
  return std::nullopt;
}

std::span<const float> font_scales() {
  return kFontScales;
}

float step_font_scale(float scale, int steps) {
  if (!std::isfinite(scale)) scale = 1;
  scale = std::clamp(scale, kMinFontScale, kMaxFontScale);
  // Sizes between two steps (an edited settings file) go to the neighbour in that direction.
  for (; steps > 0; --steps) {
    auto next = std::upper_bound(kFontScales.begin(), kFontScales.end(), scale + 1e-3f);
    scale = next == kFontScales.end() ? kMaxFontScale : *next;
  }
  for (; steps < 0; ++steps) {
    auto next = std::lower_bound(kFontScales.begin(), kFontScales.end(), scale - 1e-3f);
    scale = next == kFontScales.begin() ? kMinFontScale : *std::prev(next);
  }
  return scale;
}

}  // namespace descent
