#include "recording.hpp"

#include <string>

namespace descent {
namespace {

// "1,000,000": step counts are read at a glance.
std::string grouped(std::int64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string ordinal(std::int64_t n) {
  const char* suffix = "th";
  if (n % 100 < 11 || n % 100 > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return grouped(n) + suffix;
}

// The smallest of 1, 2, 5, 10, 20, 50, ... that is at least `n`.
std::int64_t round_stride(std::int64_t n) {
  for (std::int64_t decade = 1;; decade *= 10)
    for (std::int64_t m : {1, 2, 5})
      if (m * decade >= n) return m * decade;
}

}  // namespace

Recording bounded_recording(std::int64_t max_steps) {
  if (max_steps <= kDenseSteps + kThinnedPoints) return {};
  const std::int64_t rest = max_steps - kDenseSteps;
  return {.every = 1,
          .thin_after = kDenseSteps,
          .thin_every = round_stride((rest + kThinnedPoints - 1) / kThinnedPoints)};
}

std::string describe(const Recording& r, std::int64_t max_steps) {
  std::string text = r.every == 1 ? "every step" : "every " + ordinal(r.every) + " step";
  if (r.thinned(max_steps))
    text += " up to step " + grouped(r.thin_after) + ", then every " + ordinal(r.thin_every);
  return text + " (and the last)";
}

}  // namespace descent
