#include "axis_ticks.hpp"

#include <cmath>
#include <cstdio>

namespace descent {

std::vector<Tick> linear_ticks(double lo, double hi, int target) {
  std::vector<Tick> ticks;
  if (!(hi > lo) || !std::isfinite(lo) || !std::isfinite(hi) || target < 1) return ticks;
  double raw = (hi - lo) / target;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  // The nice step nearest the raw one: rounding up always would turn a raw step of 2.1 into
  // 5, leaving a single tick where four were wanted.
  double step = magnitude;
  for (double m : {2.0, 5.0, 10.0})
    if (std::abs(std::log(raw / (m * magnitude))) < std::abs(std::log(raw / step)))
      step = m * magnitude;
  int decimals = std::max(0, -static_cast<int>(std::floor(std::log10(step) + 1e-9)));
  bool scientific = std::abs(step) >= 1e6 || (std::max(std::abs(lo), std::abs(hi)) < 1e-4);
  // A span of a few ulps: step no longer moves v (and there is nothing to tick apart).
  if (std::ceil(lo / step) * step + step == std::ceil(lo / step) * step) return ticks;
  for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9 && ticks.size() < 1000;
       v += step) {
    double value = std::abs(v) < step * 1e-9 ? 0.0 : v;  // no "-0" or "1e-17"
    char text[32];
    if (scientific)
      std::snprintf(text, sizeof text, "%.3g", value);
    else
      std::snprintf(text, sizeof text, "%.*f", decimals, value);
    ticks.push_back({value, text});
  }
  return ticks;
}

std::vector<Tick> log_ticks(double lo, double hi, int target) {
  std::vector<Tick> ticks;
  if (!(hi > lo) || !(lo > 0) || !std::isfinite(hi) || target < 1) return ticks;
  int first = static_cast<int>(std::ceil(std::log10(lo) - 1e-9));
  int last = static_cast<int>(std::floor(std::log10(hi) + 1e-9));
  int every = std::max(1, (last - first + 1 + target - 1) / target);
  for (int e = first; e <= last; ++e) {
    if ((e - first) % every) continue;
    char text[16];
    if (e >= -2 && e <= 3)
      std::snprintf(text, sizeof text, "%g", std::pow(10.0, e));
    else
      std::snprintf(text, sizeof text, "1e%d", e);
    ticks.push_back({std::pow(10.0, e), text});
  }
  return ticks;
}

}  // namespace descent
