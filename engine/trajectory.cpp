#include "trajectory.hpp"

#include <stdexcept>

namespace descent {

const char* to_string(RunStatus status) {
  switch (status) {
    case RunStatus::running:
      return "running";
    case RunStatus::converged:
      return "converged";
    case RunStatus::diverged:
      return "diverged";
    case RunStatus::finished:
      return "finished";
    case RunStatus::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* describe(Divergence reason) {
  switch (reason) {
    case Divergence::none:
      return "";
    case Divergence::loss:
      return "the loss is not finite";
    case Divergence::gradient:
      return "the gradient is not finite";
    case Divergence::point:
      return "the point left the finite range (|p| > 1e15 or not a number)";
  }
  return "?";
}

Trajectory::Trajectory(std::size_t capacity)
    : m_capacity(capacity),
      m_chunks(new std::atomic<TrajectoryPoint*>[(capacity + kChunkSize - 1) / kChunkSize]) {
  for (std::size_t i = 0; i < (capacity + kChunkSize - 1) / kChunkSize; ++i)
    m_chunks[i].store(nullptr, std::memory_order_relaxed);
}

Trajectory::~Trajectory() {
  for (std::size_t i = 0; i < (m_capacity + kChunkSize - 1) / kChunkSize; ++i)
    delete[] m_chunks[i].load(std::memory_order_relaxed);
}

void Trajectory::push_back(const TrajectoryPoint& point) {
  std::size_t n = m_size.load(std::memory_order_relaxed);
  if (n >= m_capacity) throw std::logic_error("Trajectory: capacity exceeded");
  std::size_t chunk = n >> kChunkBits;
  TrajectoryPoint* storage = m_chunks[chunk].load(std::memory_order_relaxed);
  if (!storage) {
    std::size_t count = std::min(kChunkSize, m_capacity - chunk * kChunkSize);
    storage = new TrajectoryPoint[count];
    m_chunks[chunk].store(storage, std::memory_order_relaxed);
  }
  storage[n & kChunkMask] = point;
  m_size.store(n + 1, std::memory_order_release);  // publishes the point and its chunk
}

void Trajectory::finish(RunStatus status, std::int64_t step, Divergence divergence) {
  m_status_step.store(step, std::memory_order_relaxed);
  m_divergence.store(divergence, std::memory_order_relaxed);
  m_status.store(status, std::memory_order_release);
}

}  // namespace descent
