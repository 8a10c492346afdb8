#include "batches.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "rng.hpp"

namespace descent {

BatchSchedule::BatchSchedule(std::size_t samples, std::size_t batch, std::uint64_t seed)
    : m_samples(samples), m_batch(std::min(batch, samples)), m_seed(seed), m_order(samples) {
  if (samples == 0 || batch == 0)
    throw std::invalid_argument("a batch schedule needs samples and a batch size");
}

std::span<const std::uint32_t> BatchSchedule::batch(std::int64_t step) {
  const auto per_epoch = static_cast<std::int64_t>(batches_per_epoch());
  const std::int64_t epoch = step / per_epoch, slot = step % per_epoch;
  if (epoch != m_epoch) {
    std::iota(m_order.begin(), m_order.end(), 0u);
    Rng rng(derive_seed(m_seed, static_cast<std::uint64_t>(epoch)));
    for (std::size_t i = m_samples - 1; i > 0; --i)
      std::swap(m_order[i], m_order[rng.below(i + 1)]);  // Fisher-Yates
    m_epoch = epoch;
  }
  auto begin = m_order.begin() + slot * static_cast<std::int64_t>(m_batch);
  auto end = std::min(begin + static_cast<std::int64_t>(m_batch), m_order.end());
  m_current.assign(begin, end);
  std::sort(m_current.begin(), m_current.end());
  return m_current;
}

}  // namespace descent
