#pragma once
// How the window looks, chosen by the user and remembered: the colour theme and the text size.
// Every panel, plot label, legend and marker scales with the text.
#include <optional>
#include <span>
#include <string_view>

namespace descent {

enum class Theme { dark, light, high_contrast };

struct ThemeInfo {
  Theme theme;
  const char* name;         // in the settings file
  const char* label;        // in the View menu
  const char* description;  // its tooltip
};

std::span<const ThemeInfo> themes();
const ThemeInfo& theme_info(Theme theme);
std::optional<Theme> find_theme(std::string_view name);

// Text sizes the keys step through, as a share of the default size.
constexpr float kMinFontScale = 0.75f, kMaxFontScale = 3.f;
std::span<const float> font_scales();
// The next size up (steps > 0) or down (steps < 0) from `scale`, within the range.
float step_font_scale(float scale, int steps);

}  // namespace descent
