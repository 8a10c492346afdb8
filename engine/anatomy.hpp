#pragma once
// What one optimizer step is made of, for drawing it and explaining it (UpdateRule::explain):
// the displacements that add up to the step, vectors to compare it with, the per-coordinate step
// scale of an adaptive rule, and the update's formula with this step's numbers.
#include <optional>
#include <string>
#include <vector>

#include "types.hpp"

namespace descent {

// One line of an update's formula, as its rule's header comment has it, and the numbers it had at
// one step ("m = 0.9·(1, 2) + 0.1·(3, 4) = (1.2, 2.2)").
struct FormulaLine {
  std::string formula;
  std::string numbers;
};

template <class V>
struct StepAnatomy {
  struct Arrow {
    std::string name;  // "momentum", "gradient", "weight decay": short, for a legend
    V value;           // a displacement of p
    std::string help;  // one line: what it is
  };
  using Line = FormulaLine;

  std::vector<Arrow> parts;   // add up to the step the update takes
  std::vector<Arrow> guides;  // drawn for comparison: -lr·g, the gradient before clipping
  // Adaptive rules: the displacement per unit of negative gradient, per coordinate (Adam's
  // lr/(1-beta1^t) / (sqrt(v̂) + eps)); plain gradient descent's would be lr everywhere.
  std::optional<V> scale;
  std::vector<Line> lines;
  // Function and gradient evaluations the step takes beyond the one a run makes at each point
  // (line searches, Newton's Hessian).
  long long evaluations = 0;

  // The step: the sum of the parts.
  V step() const {
    V sum = parts.empty() ? V() : V(V::Zero(parts.front().value.size()));
    for (const Arrow& a : parts) sum += a.value;
    return sum;
  }
};

// Numbers as the formula panel shows them: 4 significant digits; a vector of up to 4 values in
// full ("(1.2, -3.4)"), a longer one by its norm ("|·| = 0.52 over 337 values").
std::string show(double value);
std::string show(const Vec2& v);
std::string show(const VecX& v);

}  // namespace descent
