#pragma once
// Gradient clipping with PyTorch's semantics (clip_grad_norm_, clip_grad_value_).
#include <algorithm>

#include "types.hpp"

namespace descent {

enum class ClipMode { none, norm, value };

struct Clip {
  ClipMode mode = ClipMode::none;
  double max = 0;

  void apply(Vec2& g) const {
    if (mode == ClipMode::norm)
      g *= std::min(1.0, max / (g.norm() + 1e-6));
    else if (mode == ClipMode::value)
      g = g.cwiseMax(-max).cwiseMin(max);
  }
};

}  // namespace descent
