#include "readout_text.hpp"

#include <cstdio>

namespace descent {

std::string field_readout(const FieldReading& r, const char* gradient_symbol) {
  char text[256];
  int n = std::snprintf(text, sizeof text, "%s = %.5g   %s = %.5g", r.x_name.c_str(), r.at.x(),
                        r.y_name.c_str(), r.at.y());
  auto append = [&](auto... args) {
    if (n >= 0 && static_cast<std::size_t>(n) < sizeof text)
      n += std::snprintf(text + n, sizeof text - static_cast<std::size_t>(n), args...);
  };
  if (!std::isnan(r.value)) {
    const char* name = r.on_plane ? "f on plane" : "f";
    if (r.approximate)
      append("   %s ≈ %.4g", name, r.value);
    else
      append("   %s = %.6g", name, r.value);
  }
  if (r.gradient_norm) append("   %s = %.4g", gradient_symbol, *r.gradient_norm);
  return text;
}

std::string run_point_readout(const std::string& run, std::int64_t step, double loss,
                              double distance, double negligible) {
  char where[64];
  if (distance <= negligible)
    std::snprintf(where, sizeof where, "on the plane");
  else
    std::snprintf(where, sizeof where, "%.2g off the plane", distance);
  char text[96];
  std::snprintf(text, sizeof text, ", step %lld: run loss %.4g, %s", static_cast<long long>(step),
                loss, where);
  return run + text;
}

}  // namespace descent
