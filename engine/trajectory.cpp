#include "trajectory.hpp"

#include <algorithm>
#include <new>
#include <stdexcept>

#include <sys/mman.h>

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

// A long trajectory's chunks are mapped pages: when it is replaced its memory goes back to the
// system at once instead of lingering in an allocator's arena, and pages are resident only once
// written. Short ones (the common, interactive case) come from the allocator: mapping and
// unmapping costs a page fault per page and a TLB flush on every core, which would show while
// a slider is dragged.
Trajectory::Trajectory(std::size_t capacity, std::int64_t every)
    : m_capacity(capacity),
      m_every(every),
      m_chunks(new std::atomic<TrajectoryPoint*>[chunk_count()]) {
  if (every < 1) throw std::invalid_argument("Trajectory: every must be at least 1");
  for (std::size_t i = 0; i < chunk_count(); ++i)
    m_chunks[i].store(nullptr, std::memory_order_relaxed);
}

Trajectory::~Trajectory() {
  for (std::size_t i = 0; i < chunk_count(); ++i)
    if (TrajectoryPoint* chunk = m_chunks[i].load(std::memory_order_relaxed)) {
      if (mapped())
        munmap(chunk, chunk_bytes(i));
      else
        delete[] chunk;
    }
}

std::size_t Trajectory::chunk_bytes(std::size_t chunk) const {
  return std::min(kChunkSize, m_capacity - chunk * kChunkSize) * sizeof(TrajectoryPoint);
}

void Trajectory::push_back(const TrajectoryPoint& point, std::int64_t step) {
  std::size_t n = m_size.load(std::memory_order_relaxed);
  if (n >= m_capacity) throw std::logic_error("Trajectory: capacity exceeded");
  if (m_tail.load(std::memory_order_relaxed) != kNoTail)
    throw std::logic_error("Trajectory: nothing may follow an off-grid point");
  std::size_t chunk = n >> kChunkBits;
  TrajectoryPoint* storage = m_chunks[chunk].load(std::memory_order_relaxed);
  if (!storage) {
    if (mapped()) {
      void* pages = mmap(nullptr, chunk_bytes(chunk), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (pages == MAP_FAILED) throw std::bad_alloc();
      storage = static_cast<TrajectoryPoint*>(pages);
    } else {
      storage = new TrajectoryPoint[chunk_bytes(chunk) / sizeof(TrajectoryPoint)];
    }
    m_chunks[chunk].store(storage, std::memory_order_relaxed);
  }
  storage[n & kChunkMask] = point;
  if (step != static_cast<std::int64_t>(n) * m_every) {
    m_tail_step = step;
    m_tail.store(n, std::memory_order_relaxed);
  }
  m_size.store(n + 1, std::memory_order_release);  // publishes the point, its chunk and its step
}
void Trajectory::finish(RunStatus status, std::int64_t step, Divergence divergence) {
  m_status_step.store(step, std::memory_order_relaxed);
  m_divergence.store(divergence, std::memory_order_relaxed);
  m_status.store(status, std::memory_order_release);
}

}  // namespace descent
