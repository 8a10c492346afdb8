#include "rounded.hpp"

#include <cmath>
#include <cstdio>

namespace descent {

std::string rounded(double value, int digits) {
  char text[48];
  if (std::isfinite(value) && value == std::round(value) && std::abs(value) < 1e6) {
    std::snprintf(text, sizeof text, "%.0f", value == 0 ? 0.0 : value);  // no "-0"
    return text;
  }
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  std::string out = text;
  // "1e-05" -> "1e-5", "2.5e+06" -> "2.5e6".
  if (auto e = out.find('e'); e != std::string::npos) {
    std::size_t at = e + 1;
    if (at < out.size() && out[at] == '+') out.erase(at, 1);
    if (at < out.size() && out[at] == '-') ++at;
    while (at + 1 < out.size() && out[at] == '0') out.erase(at, 1);
  }
  return out;
}

}  // namespace descent
