#pragma once
// A network's loss on a plane through its parameters: the two-parameter objective the canvas
// draws for a network, f(a, b) = loss(center + a·d1 + b·d2). Its gradient is the loss's
// gradient along d1 and d2. Runs of the network itself (NetworkRun) start from
// start_parameters() and are drawn projected on the same plane; the loss at a projected point
// is not the run's loss, which the loss plot shows. When the loss is a Network, a field's
// values() come from a PlaneLoss (models/plane_loss.hpp: many points at once in float32 SIMD,
// within a relative 1e-5); value() and the gradients stay Network's, exact.
#include <memory>
#include <string>

#include "objective.hpp"
#include "plane.hpp"

namespace descent {

struct SliceAxes {
  std::string x_label = "a", y_label = "b";
  Box view;
};

class PlaneLoss;

class NetworkSlice final : public Objective {
 public:
  NetworkSlice(std::shared_ptr<const Differentiable<VecX>> loss, std::shared_ptr<const Plane> plane,
               VecX start, ObjectiveInfo info);

  // [SECTION] the network behind the slice
  const std::shared_ptr<const Differentiable<VecX>>& loss() const { return m_loss; }
  const std::shared_ptr<const Plane>& plane() const { return m_plane; }
  const VecX& start_parameters() const { return m_start; }
  const NetworkSlice* network_slice() const override { return this; }

  // [SECTION] Objective, on the plane
  const ObjectiveInfo& info() const override { return m_info; }
  double value(const Vec2& ab) const override { return m_loss->value(m_plane->point(ab)); }
  ValueGradient value_gradient(const Vec2& ab) const override;
  std::size_t sample_count() const override { return m_loss->sample_count(); }
  ValueGradient batch_value_gradient(const Vec2& ab,
                                     std::span<const std::uint32_t> batch) const override;
  // A row of the field at once (PlaneLoss) when the loss is a Network; else value() by value().
  void values(std::span<const Vec2> points, std::span<double> out) const override;
  // What one of values()'s points costs: the field's planner budgets with it.
  double evaluation_cost() const override;
  double gradient_cost() const override { return m_loss->gradient_cost(); }

 private:
  std::shared_ptr<const Differentiable<VecX>> m_loss;
  std::shared_ptr<const Plane> m_plane;
  VecX m_start;
  ObjectiveInfo m_info;
  std::shared_ptr<const PlaneLoss> m_plane_loss;  // null unless the loss is a Network
};

}  // namespace descent
