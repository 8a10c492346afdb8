#include "network_slice.hpp"

#include <stdexcept>
#include <utility>

#include "models/network.hpp"
#include "models/plane_loss.hpp"
#include "text.hpp"

namespace descent {

NetworkSlice::NetworkSlice(std::shared_ptr<const Differentiable<VecX>> loss,
                           std::shared_ptr<const Plane> plane, VecX start, ObjectiveInfo info)
    : m_loss(std::move(loss)),
      m_plane(std::move(plane)),
      m_start(std::move(start)),
      m_info(std::move(info)) {
  if (!m_loss || !m_plane) throw std::invalid_argument("network slice: no loss or no plane");
  if (m_plane->dimension() != m_loss->dimension() || m_start.size() != m_loss->dimension())
    throw std::invalid_argument(cat("network slice: ", m_loss->name(), " has ", m_loss->dimension(),
                                    " parameters; the plane has ", m_plane->dimension(),
                                    " and the start ", m_start.size()));
  m_info.start = m_plane->project(m_start).at;
  if (const auto* network = dynamic_cast<const Network*>(m_loss.get()))
    m_plane_loss = std::make_shared<const PlaneLoss>(*network, *m_plane);
}

void NetworkSlice::values(std::span<const Vec2> points, std::span<double> out) const {
  if (m_plane_loss)
    m_plane_loss->values(points, out);
  else
    Objective::values(points, out);
}

double NetworkSlice::evaluation_cost() const {
  return m_plane_loss ? m_plane_loss->point_cost()
                      : m_loss->evaluation_cost() + static_cast<double>(m_plane->dimension());
}

ValueGradient NetworkSlice::value_gradient(const Vec2& ab) const {
  const auto e = m_loss->value_gradient(m_plane->point(ab));
  return {e.value, Vec2(m_plane->d1().dot(e.gradient), m_plane->d2().dot(e.gradient))};
}

ValueGradient NetworkSlice::batch_value_gradient(const Vec2& ab,
                                                 std::span<const std::uint32_t> batch) const {
  const auto e = m_loss->batch_value_gradient(m_plane->point(ab), batch);
  return {e.value, Vec2(m_plane->d1().dot(e.gradient), m_plane->d2().dot(e.gradient))};
}

}  // namespace descent
