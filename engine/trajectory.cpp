#include "trajectory.hpp"

#include <stdexcept>
#include <utility>

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
    case RunStatus::failed:
      return "failed";
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

Trajectory::Trajectory(std::size_t capacity, const Recording& recording, TrajectoryColumns columns)
    : m_recording(recording), m_points(capacity, capacity >= kMappedCapacity) {
  if (!recording.valid())
    throw std::invalid_argument(
        "Trajectory: the recording strides must be at least 1, thinning after a multiple of the "
        "first");
  const bool mapped = capacity >= kMappedCapacity;
  if (columns.batch_losses)
    m_batch_losses = std::make_unique<ChunkedArray<float>>(capacity, mapped);
  if (columns.grad_norms) m_grad_norms = std::make_unique<ChunkedArray<float>>(capacity, mapped);
}

void Trajectory::push_back(const TrajectoryPoint& point, std::int64_t step, float batch_loss,
                           float grad_norm) {
  std::size_t n = m_size.load(std::memory_order_relaxed);
  if (n >= m_points.capacity()) throw std::logic_error("Trajectory: capacity exceeded");
  if (m_tail.load(std::memory_order_relaxed) != kNoTail)
    throw std::logic_error("Trajectory: nothing may follow an off-grid point");
  m_points.set(n, point);
  if (m_batch_losses) m_batch_losses->set(n, batch_loss);
  if (m_grad_norms) m_grad_norms->set(n, grad_norm);
  if (step != m_recording.step_of(n)) {
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

void Trajectory::fail(std::int64_t step, std::string error) {
  m_error = std::move(error);
  finish(RunStatus::failed, step);
}

}  // namespace descent
