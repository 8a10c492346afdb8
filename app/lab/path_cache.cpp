#include "path_cache.hpp"

namespace descent {

void PathCache::reset(const std::shared_ptr<const Trajectory>& t, double spacing) {
  m_source = t;
  m_spacing = spacing;
  m_points.clear();
  m_index.clear();
  m_done = 0;
  m_tail = false;
}

std::span<const Vec2> PathCache::update(const std::shared_ptr<const Trajectory>& t,
                                        std::size_t count, double spacing) {
  if (t != m_source || !(spacing > m_spacing * 0.7 && spacing < m_spacing * 1.4)) reset(t, spacing);
  if (!t) return {};
  count = std::min(count, t->size());
  if (m_tail) {
    m_points.pop_back();
    m_index.pop_back();
    m_tail = false;
  }
  if (count < m_done) {  // the timeline went back
    while (!m_index.empty() && m_index.back() >= count) {
      m_points.pop_back();
      m_index.pop_back();
    }
    m_done = m_index.empty() ? 0 : m_index.back() + 1;
  }
  const double spacing2 = m_spacing * m_spacing;
  const Trajectory& source = *t;
  for (std::size_t i = m_done; i < count; ++i) {
    Vec2 p(source[i].x, source[i].y);
    if (m_points.empty() || (p - m_points.back()).squaredNorm() >= spacing2) {
      m_points.push_back(p);
      m_index.push_back(i);
    }
  }
  m_done = std::max(m_done, count);
  if (count > 0 && m_index.back() != count - 1) {
    m_points.emplace_back(source[count - 1].x, source[count - 1].y);
    m_index.push_back(count - 1);
    m_tail = true;
  }
  return m_points;
}

}  // namespace descent
