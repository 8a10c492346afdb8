#pragma once
// The registry of penalties a model adds to its loss, per penalised weight (never the bias).
#include <memory>
#include <string>
#include <vector>

#include "../registry.hpp"

namespace descent {

class Penalty {
 public:
  virtual ~Penalty() = default;
  virtual double value(double w) const = 0;
  // At a kink, the minimum-norm subgradient (0).
  virtual double slope(double w) const = 0;
  virtual double curvature(double w) const = 0;
  // The term over the weights named, as a user reads it: "0.1·(w1² + w2²)".
  virtual std::string describe(const std::vector<std::string>& weights) const = 0;
  // Twice differentiable everywhere.
  virtual bool smooth() const = 0;
};

// make gives null for no penalty (none, or a strength of 0).
using PenaltyInfo = Info<std::shared_ptr<const Penalty>>;

// The first entry, "none", adds nothing.
const Registry<PenaltyInfo>& penalties();

}  // namespace descent
