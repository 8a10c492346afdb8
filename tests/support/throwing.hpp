#pragma once
// A loss that cannot be evaluated right of x = 1 (it throws), with a gradient of (-1, 0) that
// walks a run there: for runs and fields that fail.
#include <stdexcept>

#include "objective.hpp"

namespace descent::test {

class Throwing final : public Objective {
 public:
  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& p) const override {
    if (p.x() > 1) throw std::runtime_error("the loss could not be evaluated");
    return p.squaredNorm();
  }
  ValueGradient value_gradient(const Vec2& p) const override { return {value(p), Vec2(-1, 0)}; }

 private:
  ObjectiveInfo m_info{.name = "throwing"};
};

}  // namespace descent::test
