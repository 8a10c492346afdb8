#include "trajectory.hpp"

#include <algorithm>
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
  if (columns.distances) m_distances = std::make_unique<ChunkedArray<float>>(capacity, mapped);
  if (columns.evaluations)
    m_evaluations = std::make_unique<ChunkedArray<std::int64_t>>(capacity, mapped);
  if (columns.parameters > 0) {
    m_parameters = columns.parameters;
    m_parameter_stride = std::max<std::size_t>(1, columns.parameter_stride);
    // Every stride-th point, and one more kept off the stride.
    m_vector_capacity = (capacity + m_parameter_stride - 1) / m_parameter_stride + 1;
    m_vectors = std::make_unique<ChunkedArray<const double*>>(m_vector_capacity, mapped);
    m_vector_points = std::make_unique<ChunkedArray<std::size_t>>(m_vector_capacity, mapped);
  }
}

void Trajectory::push_back(const TrajectoryPoint& point, std::int64_t step,
                           const PointExtras& extras) {
  std::size_t n = m_size.load(std::memory_order_relaxed);
  if (n >= m_points.capacity()) throw std::logic_error("Trajectory: capacity exceeded");
  if (m_tail.load(std::memory_order_relaxed) != kNoTail)
    throw std::logic_error("Trajectory: nothing may follow an off-grid point");
  m_points.set(n, point);
  if (m_batch_losses) m_batch_losses->set(n, extras.batch_loss);
  if (m_grad_norms) m_grad_norms->set(n, extras.grad_norm);
  if (m_distances) m_distances->set(n, extras.distance);
  if (m_evaluations) m_evaluations->set(n, extras.evaluations);
  if (m_parameters > 0 && n % m_parameter_stride == 0) {
    if (!extras.parameters)
      throw std::logic_error("Trajectory: the point's parameters are missing");
    add_vector(n, extras.parameters);
  }
  if (step != m_recording.step_of(n)) {
    m_tail_step = step;
    m_tail.store(n, std::memory_order_relaxed);
  }
  m_size.store(n + 1, std::memory_order_release);  // publishes the point, its chunk and its step
}

void Trajectory::keep_parameters(const double* parameters) {
  const std::size_t n = m_size.load(std::memory_order_relaxed);
  const std::size_t j = m_vector_count.load(std::memory_order_relaxed);
  if (m_parameters == 0 || n == 0 || (j > 0 && (*m_vector_points)[j - 1] == n - 1)) return;
  add_vector(n - 1, parameters);
}

void Trajectory::add_vector(std::size_t point, const double* parameters) {
  const std::size_t j = m_vector_count.load(std::memory_order_relaxed);
  if (j == m_vector_capacity) throw std::logic_error("Trajectory: too many parameter vectors");
  auto& vector = m_storage.emplace_back(std::make_unique<double[]>(m_parameters));
  std::copy_n(parameters, m_parameters, vector.get());
  m_vectors->set(j, vector.get());
  m_vector_points->set(j, point);
  m_vector_count.store(j + 1, std::memory_order_release);
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
