#pragma once
// Gradient clipping with PyTorch's semantics (clip_grad_norm_, clip_grad_value_), for a
// gradient of any length: the norm is that of the whole gradient, as clip_grad_norm_ takes it.
#include <algorithm>
#include <string_view>

#include "registry.hpp"
#include "types.hpp"

namespace descent {

// Clips a gradient in place.
struct ClipRule {
  enum class Kind { none, norm, value };
  Kind kind = Kind::none;
  double max = 0;

  template <class V>
  void apply(V& g) const {
    if (kind == Kind::norm)
      g *= std::min(1.0, max / (g.norm() + 1e-6));
    else if (kind == Kind::value)
      g = g.cwiseMax(-max).cwiseMin(max);
  }
};

using ClipInfo = Info<ClipRule>;

// The first entry, "none", leaves gradients alone.
const Registry<ClipInfo>& clips();

class Clip {
 public:
  Clip() = default;  // no clipping
  // Validates the choice; throws std::invalid_argument naming `owner` and the culprit key.
  Clip(std::string_view owner, const Choice& choice);

  template <class V>
  void apply(V& g) const {
    m_rule.apply(g);
  }
  bool active() const { return m_rule.kind != ClipRule::Kind::none; }

 private:
  ClipRule m_rule;
};

}  // namespace descent
