#include "loss_envelope.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace descent {

std::span<const LossEnvelope::Column> LossEnvelope::update(
    const std::shared_ptr<const Trajectory>& t, std::size_t count, double x_max, int columns,
    bool batch) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  columns = std::max(columns, 1);
  if (t != m_source || x_max != m_x_max || static_cast<int>(m_columns.size()) != columns ||
      count < m_done || batch != m_batch) {
    m_batch = batch;
    m_source = t;
    m_x_max = x_max;
    m_columns.assign(static_cast<std::size_t>(columns), Column{kInf, -kInf});
    m_done = 0;
  }
  if (!t || !(x_max > 0)) return m_columns;
  count = std::min(count, t->size());
  const Trajectory& source = *t;
  for (std::size_t i = m_done; i < count; ++i) {
    double loss = batch ? static_cast<double>(source.batch_loss(i)) : source[i].loss;
    auto c = static_cast<std::size_t>(
        std::clamp(std::floor(static_cast<double>(source.step(i)) / x_max * columns), 0.0,
                   static_cast<double>(columns - 1)));
    m_columns[c].lo = std::min(m_columns[c].lo, loss);
    m_columns[c].hi = std::max(m_columns[c].hi, loss);
  }
  m_done = std::max(m_done, count);
  return m_columns;
}

}  // namespace descent
