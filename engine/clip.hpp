#pragma once
// Gradient clipping with PyTorch's semantics (clip_grad_norm_, clip_grad_value_).
#include <functional>
#include <string_view>

#include "registry.hpp"
#include "types.hpp"

namespace descent {

// Clips a gradient in place.
using ClipRule = std::function<void(Vec2& gradient)>;

using ClipInfo = Info<ClipRule>;

// The first entry, "none", leaves gradients alone.
const Registry<ClipInfo>& clips();

class Clip {
 public:
  Clip() = default;  // no clipping
  // Validates the choice; throws std::invalid_argument naming `owner` and the culprit key.
  Clip(std::string_view owner, const Choice& choice);

  void apply(Vec2& g) const {
    if (m_rule) m_rule(g);
  }

 private:
  ClipRule m_rule;  // empty: none
};

}  // namespace descent
