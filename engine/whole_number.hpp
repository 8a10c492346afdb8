#pragma once
// Turning a number a user gave (a flag, a JSON file) into an integer. Every such number is read
// as a double and checked here before the conversion: converting a double that is out of the
// integer's range, or NaN, is undefined behaviour, and truncating 24.5 to 24 hides a mistake.
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>

namespace descent {

// `value` as an Int when it is a whole number from `lo` to `hi`; none for NaN, infinities,
// fractions and anything out of range (also of Int's own range, whatever `lo` and `hi` say).
template <std::integral Int>
std::optional<Int> to_whole(double value, Int lo, Int hi) {
  // 2^digits is Int's max + 1, exact in a double; max itself may round up when converted.
  const double limit = std::ldexp(1.0, std::numeric_limits<Int>::digits);
  const double floor = std::numeric_limits<Int>::is_signed ? -limit : 0.0;
  if (!(value >= floor && value < limit) || value != std::floor(value)) return std::nullopt;
  const Int whole = static_cast<Int>(value);
  if (whole < lo || whole > hi) return std::nullopt;
  return whole;
}

}  // namespace descent
