#pragma once
// A two-parameter objective seen as a loss over VecX: runs it through the many-parameter code
// path (BasicOptimizer<VecX>, NetworkRun), whose results must then match the 2D ones exactly.
#include <memory>
#include <utility>

#include "objective.hpp"

namespace descent::test {

class Lifted final : public Differentiable<VecX> {
 public:
  explicit Lifted(std::shared_ptr<const Objective> objective) : m_objective(std::move(objective)) {}

  const std::string& name() const override { return m_objective->name(); }
  Eigen::Index dimension() const override { return 2; }
  double value(const VecX& p) const override { return m_objective->value(Vec2(p)); }
  BasicValueGradient<VecX> value_gradient(const VecX& p) const override {
    const ValueGradient e = m_objective->value_gradient(Vec2(p));
    return {e.value, VecX(e.gradient)};
  }
  std::size_t sample_count() const override { return m_objective->sample_count(); }
  BasicValueGradient<VecX> batch_value_gradient(
      const VecX& p, std::span<const std::uint32_t> batch) const override {
    const ValueGradient e = m_objective->batch_value_gradient(Vec2(p), batch);
    return {e.value, VecX(e.gradient)};
  }

 private:
  std::shared_ptr<const Objective> m_objective;
};

}  // namespace descent::test
