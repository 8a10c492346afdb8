#pragma once
// A plane through a network's parameter space, center + a·d1 + b·d2, that its runs are drawn
// on: where a point projects to (a, b) and how far it lies from the plane. The directions need
// not be orthogonal (filter-normalised random directions are not); they must span a plane.
#include <cmath>
#include <stdexcept>
#include <utility>

#include <Eigen/LU>

#include "types.hpp"

namespace descent {

struct Projected {
  Vec2 at;          // (a, b): the nearest point of the plane is center + a·d1 + b·d2
  double distance;  // |p - that point|
};

class Plane {
 public:
  // Throws std::invalid_argument when the sizes differ or d1 and d2 do not span a plane.
  Plane(VecX center, VecX d1, VecX d2)
      : m_center(std::move(center)), m_d1(std::move(d1)), m_d2(std::move(d2)) {
    if (m_d1.size() != m_center.size() || m_d2.size() != m_center.size())
      throw std::invalid_argument("plane: the center and both directions need the same size");
    m_gram << m_d1.squaredNorm(), m_d1.dot(m_d2), m_d1.dot(m_d2), m_d2.squaredNorm();
    const double det = m_gram.determinant();
    if (!(det > 1e-12 * m_gram(0, 0) * m_gram(1, 1)) || !std::isfinite(det))
      throw std::invalid_argument("plane: the two directions are parallel or zero");
    m_inverse_gram = m_gram.inverse();
  }

  const VecX& center() const { return m_center; }
  const VecX& d1() const { return m_d1; }
  const VecX& d2() const { return m_d2; }
  Eigen::Index dimension() const { return m_center.size(); }

  // center + a·d1 + b·d2.
  VecX point(const Vec2& ab) const { return m_center + ab.x() * m_d1 + ab.y() * m_d2; }
  // The least-squares (a, b) of p, and p's distance from the plane.
  Projected project(const VecX& p) const {
    const VecX offset = p - m_center;
    const Vec2 ab = m_inverse_gram * Vec2(m_d1.dot(offset), m_d2.dot(offset));
    return {ab, (offset - ab.x() * m_d1 - ab.y() * m_d2).norm()};
  }
  // The (a, b) of a displacement v: how far along d1 and d2 it moves a projected point.
  Vec2 project_direction(const VecX& v) const {
    return m_inverse_gram * Vec2(m_d1.dot(v), m_d2.dot(v));
  }

 private:
  VecX m_center, m_d1, m_d2;
  Mat2 m_gram, m_inverse_gram;
};

}  // namespace descent
