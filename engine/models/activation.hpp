#pragma once
// The registry of a network's hidden activations σ, and σ and σ' applied to whole arrays:
//   tanh     σ(u) = tanh(u)            σ' = 1 - σ²
//   relu     σ(u) = max(u, 0)          σ' = 1 if u > 0, else 0 (0 at u = 0, as PyTorch)
//   sigmoid  σ(u) = 1 / (1 + exp(-u))  σ' = σ·(1 - σ)
// Each σ' is a function of the output σ(u), as PyTorch's backward computes it: a network keeps
// its layers' outputs only.
#include <span>
#include <string>

#include "../registry.hpp"

namespace descent {

enum class Activation { tanh, relu, sigmoid };

struct ActivationInfo : Info<Activation> {
  std::string formula;     // σ(u), as shown to a user
  std::string derivative;  // σ'(u), in terms of σ where that is how it is computed
  double cost = 1;  // σ of one element, in units of one squared error of a sample (measured)
};

const Registry<ActivationInfo>& activations();

// The activation's registry name: "tanh".
const std::string& to_string(Activation activation);

// values ← σ(values), elementwise and vectorised (no per-element dispatch).
void activate(Activation activation, std::span<double> values);

// delta ← delta·σ'(u) elementwise, where `outputs` holds σ(u): backprop through the activation.
void multiply_by_derivative(Activation activation, std::span<const double> outputs,
                            std::span<double> delta);

}  // namespace descent
