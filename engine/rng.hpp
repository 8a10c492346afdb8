#pragma once
// Seeded random numbers that are the same on every platform, compiler and thread count:
// std::mt19937_64 is specified exactly by the standard; the standard distributions are not, so
// the draws below are our own.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <random>

namespace descent {

// SplitMix64 of a seed and a stream number: independent seeds for sub-streams (an epoch of a
// run, a data generator's second coordinate), so no stream has to be replayed to reach another.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ull * (stream + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_engine(seed) {}

  // Uniform in [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(m_engine() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  // Uniform in [0, n), unbiased: draws past the last whole multiple of n are rejected.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    for (;;) {
      std::uint64_t r = m_engine();
      if (r < limit) return r % n;
    }
  }
  // Standard normal (Box-Muller, both values used).
  double normal() {
    if (m_has_spare) {
      m_has_spare = false;
      return m_spare;
    }
    double u = 1 - uniform(), v = uniform();  // u in (0, 1]: log(u) is finite
    double r = std::sqrt(-2 * std::log(u)), a = 2 * std::numbers::pi * v;
    m_spare = r * std::sin(a);
    m_has_spare = true;
    return r * std::cos(a);
  }

 private:
  std::mt19937_64 m_engine;
  double m_spare = 0;
  bool m_has_spare = false;
};

}  // namespace descent
