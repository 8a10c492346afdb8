// The hidden activations: σ against the standard library, σ' against finite differences.
#include <cmath>
#include <limits>

#include <catch2/catch.hpp>

#include "models/activation.hpp"

using namespace descent;

namespace {

double reference(Activation a, double u) {
  switch (a) {
    case Activation::tanh:
      return std::tanh(u);
    case Activation::relu:
      return u > 0 ? u : 0.0;
    case Activation::sigmoid:
      return u >= 0 ? 1 / (1 + std::exp(-u)) : std::exp(u) / (1 + std::exp(u));
  }
  return 0;
}

std::vector<double> activated(Activation a, std::vector<double> u) {
  activate(a, u);
  return u;
}

// Dense near 0 and around where the exp's reduction first takes a power of 2 (|u| = ln2/4 for
// tanh, ln2/2 for σ); out to tanh's clamp at 20 and σ's at -708; far out to ±800.
std::vector<double> arguments() {
  std::vector<double> u{0,     -0.0,   1e-300, -1e-300, 1e-9, -1e-9, 19.99, -19.99,
                        20.01, -20.01, 707,    -707,    -709, -720,  800,   -800};
  for (double v = -6; v <= 6; v += 0.0137) u.push_back(v);
  for (double v = -0.4; v <= 0.4; v += 0.000731) u.push_back(v);
  return u;  // over 1,900
}

}  // namespace

TEST_CASE("activation: the registry", "[activation]") {
  CHECK(activations().names() == std::vector<std::string>{"tanh", "relu", "sigmoid"});
  for (const auto& a : activations()) {
    CHECK(!a.description.empty());
    CHECK(!a.formula.empty());
    CHECK(!a.derivative.empty());
    CHECK(a.params.empty());
    CHECK(to_string(a.make({})) == a.name);
    CHECK(a.cost > 0);
  }
  CHECK(activations().make({"relu", {}}) == Activation::relu);
  CHECK_THROWS_WITH(activations().make({"tahn", {}}),
                    Catch::StartsWith("unknown activation 'tahn' (did you mean 'tanh'?)"));
}

TEST_CASE("activation: σ to the last bits of the standard library's", "[activation]") {
  const std::vector<double> u = arguments();
  for (const auto& info : activations()) {
    const Activation a = info.make({});
    const std::vector<double> h = activated(a, u);
    for (std::size_t i = 0; i < u.size(); ++i) {
      INFO(info.name << "(" << u[i] << ")");
      const double want = reference(a, u[i]);
      // σ(u) stops at e^-708 below u = -708, where the library's goes on to 0: 1e-308 apart.
      CHECK(std::abs(h[i] - want) <= 1e-15 * std::abs(want) + 1e-300);
    }
    const double nan = std::numeric_limits<double>::quiet_NaN();
    CHECK(std::isnan(activated(a, {nan})[0]));  // a diverged layer stays diverged
  }
}

TEST_CASE("activation: σ' from σ's output agrees with finite differences; relu'(0) = 0",
          "[activation]") {
  const std::vector<double> u = arguments();
  for (const auto& info : activations()) {
    const Activation a = info.make({});
    const std::vector<double> h = activated(a, u);
    std::vector<double> slope(u.size(), 1.0);
    multiply_by_derivative(a, h, slope);
    for (std::size_t i = 0; i < u.size(); ++i) {
      if (a == Activation::relu && std::abs(u[i]) < 1e-4) continue;  // the kink
      INFO(info.name << "'(" << u[i] << ")");
      const double step = 1e-6;
      const double numeric = (reference(a, u[i] + step) - reference(a, u[i] - step)) / (2 * step);
      CHECK(std::abs(slope[i] - numeric) <= 1e-8);
    }
  }
  std::vector<double> at_zero{0, 2, -2}, delta{3, 3, 3};
  multiply_by_derivative(Activation::relu, activated(Activation::relu, at_zero), delta);
  CHECK(delta == std::vector<double>{0, 3, 0});  // PyTorch's relu'(0) = 0
}
