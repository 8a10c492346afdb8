#pragma once
// The per-algorithm part of an optimizer step, and the registry entry describing one.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "registry.hpp"
#include "types.hpp"

namespace descent {

// A small stateful update rule. It owns its state (moments, step count) and never loops:
// stopping, clipping, schedules and recording belong to Optimizer and Run.
class UpdateRule {
 public:
  virtual ~UpdateRule() = default;
  // Moves p one step given the (clipped) gradient g and the current, scheduled learning rate.
  virtual void update(Vec2& p, const Vec2& g, double lr) = 0;
  // Forgets all state: the next update is a first step again.
  virtual void reset() = 0;
};

// One optimizer in the registry: the idea as its description, its keys, how to build its rule.
struct OptimizerInfo : Info<std::unique_ptr<UpdateRule>> {
  std::string reference;  // where the rule comes from
};

// g + weight_decay·p, PyTorch's L2 weight decay.
inline Vec2 with_l2(const Vec2& g, const Vec2& p, double weight_decay) {
  return weight_decay != 0 ? Vec2(g + weight_decay * p) : g;
}

}  // namespace descent
