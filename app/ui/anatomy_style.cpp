#include "anatomy_style.hpp"

#include <array>

namespace descent::ui {

Rgb part_colour(const std::string& name, std::size_t index) {
  // Bright, saturated hues, apart from the runs' muted Okabe-Ito colours the arrows start from.
  if (name == "gradient" || name == "line search" || name == "scaled gradient" ||
      name == "sign·step" || name == "sign" || name == "Newton step")
    return {0xFF, 0x40, 0xC0};  // magenta
  if (name == "momentum" || name == "conjugate" || name == "curvature")
    return {0x80, 0xFF, 0x40};                            // lime
  if (name == "weight decay") return {0x40, 0xF0, 0xFF};  // cyan
  static constexpr std::array<Rgb, 3> others{Rgb{0xA0, 0x80, 0xFF}, Rgb{0xFF, 0xA0, 0x60},
                                             Rgb{0xFF, 0xFF, 0x90}};
  return others[index % others.size()];
}

}  // namespace descent::ui
