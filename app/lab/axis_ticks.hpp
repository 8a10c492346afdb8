#pragma once
// "Nice" axis ticks (1, 2, 5 times a power of ten) and their labels.
#include <string>
#include <vector>

namespace descent {

struct Tick {
  double value;
  std::string label;
};

// About `target` ticks covering [lo, hi], labels with just enough digits to tell them apart.
std::vector<Tick> linear_ticks(double lo, double hi, int target);

// Ticks at powers of ten inside [lo, hi] (values, not exponents), thinned to about `target`.
std::vector<Tick> log_ticks(double lo, double hi, int target);

}  // namespace descent
