// The hidden activations: one registry entry each, and their vectorised σ and σ'.
#include "activation.hpp"

#include <algorithm>
#include <array>

#include <Eigen/Core>

namespace descent {
namespace {

using Array = Eigen::Map<Eigen::ArrayXd>;
using ConstArray = Eigen::Map<const Eigen::ArrayXd>;

// Work in pieces small enough for a buffer on the stack. Eigen vectorises exp for doubles (not
// tanh: glibc's costs several times more); the plain loops around it are vectorised by the
// compiler (this file is built with -fno-trapping-math so that it may compute both sides of a
// select; no floating-point traps are used).
constexpr std::size_t kPiece = 256;

template <class F>
void by_pieces(std::span<double> values, F&& f) {
  for (std::size_t at = 0; at < values.size(); at += kPiece)
    f(values.subspan(at, std::min(kPiece, values.size() - at)));
}

// tanh(u) = sign(u)·(1 - t)/(1 + t), t = exp(-2|u|). Below |u| = 1/8, where 1 - t loses
// digits, the Taylor series to u^15 (truncation < 1e-17 relative).
void tanh_in_place(std::span<double> values) {
  std::array<double, kPiece> buffer;
  by_pieces(values, [&](std::span<double> u) {
    const auto n = static_cast<Eigen::Index>(u.size());
    Array(buffer.data(), n) = (-2 * ConstArray(u.data(), n).abs()).exp();
    for (std::size_t i = 0; i < u.size(); ++i) {
      const double v = u[i], v2 = v * v, t = buffer[i];
      const double series =
          v *
          (1 + v2 * (-1.0 / 3 +
                     v2 * (2.0 / 15 + v2 * (-17.0 / 315 +
                                            v2 * (62.0 / 2835 +
                                                  v2 * (-1382.0 / 155925 +
                                                        v2 * (21844.0 / 6081075 +
                                                              v2 * (-929569.0 / 638512875))))))));
      const double magnitude = (1 - t) / (1 + t);
      u[i] = v2 < 1.0 / 64 ? series : v < 0 ? -magnitude : magnitude;
    }
  });
}

// σ(u) = 1/(1 + e) for u >= 0, e/(1 + e) below, e = exp(-|u|): no overflow either way.
void sigmoid_in_place(std::span<double> values) {
  std::array<double, kPiece> buffer;
  by_pieces(values, [&](std::span<double> u) {
    const auto n = static_cast<Eigen::Index>(u.size());
    Array(buffer.data(), n) = (-ConstArray(u.data(), n).abs()).exp();
    for (std::size_t i = 0; i < u.size(); ++i) {
      const double e = buffer[i];
      u[i] = (u[i] >= 0 ? 1.0 : e) / (1 + e);
    }
  });
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
            "1 - tanh(u)^2", 7),
      entry(Activation::relu, "relu", "zero below 0, identity above: no saturation for u > 0",
            "max(u, 0)", "1 if u > 0, else 0", 0.5),
      entry(Activation::sigmoid, "sigmoid",
            "smooth, saturates at 0 and 1; its slope is at most 1/4, so deep stacks vanish",
            "1 / (1 + exp(-u))", "σ(u)·(1 - σ(u))", 5),
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
