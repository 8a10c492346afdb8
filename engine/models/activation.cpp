// The hidden activations: one registry entry each, and their vectorised σ and σ'.
#include "activation.hpp"

#include <bit>
#include <cstdint>

namespace descent {
namespace {

// σ is computed in plain loops the compiler vectorises (glibc's tanh and exp are scalar and
// several times slower; Eigen's exp for doubles is vectorised but costs two divisions and more
// work than an activation needs). This file is built with -fno-trapping-math, so that the
// compiler may compute both sides of a select: nothing in the engine uses floating-point traps.

// e^x for x <= 0 as a fraction s·(q + p)/(q - p), for a caller to fold into its own single
// division: x = k·ln2 + r with |r| <= ln2/2, s = 2^k, and p/q ≈ tanh(r/2) is Cephes' Padé form
// of exp (as Eigen's): relative error below 1e-16, and exact in its first terms, so that
// e^r - 1 = 2p/(q - p) keeps its digits near 0.
struct ExpFraction {
  double s, p, q;
};

inline ExpFraction exp_fraction(double x) {
  // Adding 1.5·2^52 rounds to a whole number, kept in the low bits (round-to-nearest, as C++
  // starts; this needs no -ffast-math, which would fold the subtraction away).
  constexpr double kShifter = 6755399441055744.0;
  const double shifted = x * 1.4426950408889634 + kShifter;  // x / ln2
  const double k = shifted - kShifter;
  const double r = (x - k * 0.693145751953125) - k * 1.42860682030941723212e-6;  // ln2 in two
  const double r2 = r * r;
  const double p = r * ((1.26177193074810590878e-4 * r2 + 3.02994407707441961300e-2) * r2 +
                        9.99999999999999999910e-1);
  const double q = ((3.00198505138664455042e-6 * r2 + 2.52448340349684104192e-3) * r2 +
                    2.27265548208155028766e-1) *
                       r2 +
                   2.00000000000000000009e0;
  // 2^k from its exponent bits: k + 1023 in bits 52 to 62 (k >= -1022: a normal number).
  const auto bits = (std::bit_cast<std::uint64_t>(shifted) - 0x4338000000000000ull + 1023) << 52;
  return {std::bit_cast<double>(bits), p, q};
}

// tanh(|u|) = (1 - e^x)/(1 + e^x) with x = -2|u|, in the fraction's terms:
//   ((1 - s)·q - (1 + s)·p) / ((1 + s)·q - (1 - s)·p)
// which is -p/q exactly for k = 0 (|u| < ln2/4): no digits lost near 0. Beyond |u| = 20,
// tanh is 1 to the last bit.
void tanh_in_place(std::span<double> values) {
  for (double& u : values) {
    double x = u < 0 ? 2 * u : -2 * u;
    x = x < -40 ? -40 : x;
    const auto [s, p, q] = exp_fraction(x);
    const double magnitude = ((1 - s) * q - (1 + s) * p) / ((1 + s) * q - (1 - s) * p);
    u = u < 0 ? -magnitude : magnitude;
  }
}

// σ(u) = 1/(1 + e) for u >= 0, e/(1 + e) below, e = e^-|u| = s·(q + p)/(q - p): no overflow
// either way, one division. Below e^-708 (the smallest normal 2^k) σ(-|u|) stays at 1e-308.
void sigmoid_in_place(std::span<double> values) {
  for (double& u : values) {
    double x = u < 0 ? u : -u;
    x = x < -708 ? -708 : x;
    const auto [s, p, q] = exp_fraction(x);
    const double e_numerator = s * (q + p), e_denominator = q - p;
    u = (u >= 0 ? e_denominator : e_numerator) / (e_denominator + e_numerator);
  }
}

// max(u, 0) that keeps NaN: a diverged layer must not look healthy downstream.
void relu_in_place(std::span<double> u) {
  for (double& v : u) v = v < 0 ? 0.0 : v;
}

std::vector<ActivationInfo> entries() {
  auto entry = [](Activation a, std::string name, std::string description, std::string formula,
                  std::string derivative, double cost) {
    ActivationInfo info;
    info.name = std::move(name);
    info.description = std::move(description);
    info.make = [a](const ParamValues&) { return a; };
    info.formula = std::move(formula);
    info.derivative = std::move(derivative);
    info.cost = cost;
    return info;
  };
  return {
      entry(Activation::tanh, "tanh", "smooth and zero-centred, saturates at ±1", "tanh(u)",
            "1 - tanh(u)^2", 4),
      entry(Activation::relu, "relu", "zero below 0, identity above: no saturation for u > 0",
            "max(u, 0)", "1 if u > 0, else 0", 0.5),
      entry(Activation::sigmoid, "sigmoid",
            "smooth, saturates at 0 and 1; its slope is at most 1/4, so deep stacks vanish",
            "1 / (1 + exp(-u))", "σ(u)·(1 - σ(u))", 4),
  };
}

}  // namespace

const Registry<ActivationInfo>& activations() {
  static const Registry<ActivationInfo> all("activation", entries());
  return all;
}

const std::string& to_string(Activation activation) {
  for (const auto& a : activations())
    if (a.make({}) == activation) return a.name;
  return activations().front().name;  // unreachable: every enumerator has an entry
}

void activate(Activation activation, std::span<double> values) {
  switch (activation) {
    case Activation::tanh:
      return tanh_in_place(values);
    case Activation::relu:
      return relu_in_place(values);
    case Activation::sigmoid:
      return sigmoid_in_place(values);
  }
}

void multiply_by_derivative(Activation activation, std::span<const double> outputs,
                            std::span<double> delta) {
  const std::size_t n = outputs.size();
  const double* h = outputs.data();
  double* d = delta.data();
  switch (activation) {
    case Activation::tanh:
      for (std::size_t i = 0; i < n; ++i) d[i] *= 1 - h[i] * h[i];
      return;
    case Activation::relu:
      for (std::size_t i = 0; i < n; ++i) d[i] = h[i] > 0 ? d[i] : 0.0;  // h > 0 when u > 0
      return;
    case Activation::sigmoid:
      for (std::size_t i = 0; i < n; ++i) d[i] *= h[i] * (1 - h[i]);
      return;
  }
}

}  // namespace descent
