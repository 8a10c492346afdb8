#pragma once
// The recorded path of a run: written by one thread, read by any number of others.
//
// Points are only appended. A reader loads size() (acquire) and may then read points
// [0, size()) while the writer keeps appending: storage comes in fixed chunks that never
// move, so nothing a reader can see is ever mutated or freed under it.
//
// Point i is at the step the Recording's grid gives it (every step, every k-th, or thinned after a
// dense start), except that the last point may be off that grid (a run that ended between two
// recorded steps); step(i) knows.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "chunked_array.hpp"
#include "recording.hpp"

namespace descent {

// 24 bytes: 8 runs of 1,000,000 points take 192 MB.
struct TrajectoryPoint {
  double x, y, loss;  // loss over all the samples
};

// failed: the computation stopped on an error (out of memory, an exception); see error().
enum class RunStatus : std::uint8_t { running, converged, diverged, finished, cancelled, failed };

const char* to_string(RunStatus status);

// Why a run diverged.
enum class Divergence : std::uint8_t { none, loss, gradient, point };

const char* describe(Divergence reason);

// What each point carries besides its position and loss.
struct TrajectoryColumns {
  bool batch_losses = false;  // the loss of the mini-batch its step used
  bool grad_norms = false;    // |gradient| over all samples, where computing it again is costly
  bool distances = false;     // how far a network's point lies from the plane it is drawn on
  bool evaluations = false;   // loss evaluations so far, for rules that make more than one a step
  // A network's run: its whole parameter vector (this many values) at every
  // `parameter_stride`-th point, and at the last (keep_parameters).
  std::size_t parameters = 0;
  std::size_t parameter_stride = 1;
};

// A point's values for the columns its trajectory keeps.
struct PointExtras {
  float batch_loss = 0;
  float grad_norm = 0;
  float distance = 0;
  std::int64_t evaluations = 0;
  const double* parameters = nullptr;  // TrajectoryColumns::parameters values
};

class Trajectory {
 public:
  // `capacity`: the most points that will ever be appended; `recording`: which steps they are.
  Trajectory(std::size_t capacity, const Recording& recording, TrajectoryColumns columns = {});
  explicit Trajectory(std::size_t capacity, std::int64_t every = 1, TrajectoryColumns columns = {})
      : Trajectory(capacity, Recording{.every = every}, columns) {}

  // [SECTION] reader side (any thread)
  std::size_t size() const { return m_size.load(std::memory_order_acquire); }
  const TrajectoryPoint& operator[](std::size_t i) const { return m_points[i]; }
  // The optimizer steps taken to reach point i (i < size()).
  std::int64_t step(std::size_t i) const {
    return i == m_tail.load(std::memory_order_relaxed) ? m_tail_step : m_recording.step_of(i);
  }
  // How many points are at steps [0, step]: the last of them is the nearest point at or before
  // `step`, the one to show when playback is there.
  std::size_t points_through(std::int64_t step) const {
    const std::size_t n = size();
    if (n && m_tail.load(std::memory_order_relaxed) == n - 1 && step >= m_tail_step) return n;
    return std::min(n, m_recording.points_through(step));
  }
  const Recording& recording() const { return m_recording; }
  bool has_batch_losses() const { return m_batch_losses != nullptr; }
  // The loss of the mini-batch that step i's gradient came from, at point i.
  float batch_loss(std::size_t i) const { return (*m_batch_losses)[i]; }
  bool has_grad_norms() const { return m_grad_norms != nullptr; }
  float grad_norm(std::size_t i) const { return (*m_grad_norms)[i]; }
  bool has_distances() const { return m_distances != nullptr; }
  // How far point i lies from the plane its (x, y) are the projection on.
  float distance(std::size_t i) const { return (*m_distances)[i]; }
  bool has_evaluations() const { return m_evaluations != nullptr; }
  // The loss's evaluations (value and gradient, or either) it took to reach point i: step + 1,
  // one a point, unless the rule evaluates the loss itself (line searches, Newton's Hessian).
  std::int64_t evaluations(std::size_t i) const {
    return m_evaluations ? (*m_evaluations)[i] : step(i) + 1;
  }
  // [SECTION] parameter vectors (a network's run): vector j is point parameter_point(j)'s.
  std::size_t parameter_count() const { return m_parameters; }
  std::size_t vector_count() const { return m_vector_count.load(std::memory_order_acquire); }
  std::size_t parameter_point(std::size_t j) const { return (*m_vector_points)[j]; }
  std::span<const double> parameters(std::size_t j) const {
    return {(*m_vectors)[j], m_parameters};
  }
  std::size_t capacity() const { return m_points.capacity(); }
  // Once status() is not `running`, size() is final.
  RunStatus status() const { return m_status.load(std::memory_order_acquire); }
  // The step at which the run converged, diverged or stopped.
  std::int64_t status_step() const { return m_status_step.load(std::memory_order_relaxed); }
  Divergence divergence() const { return m_divergence.load(std::memory_order_relaxed); }
  // Why the run failed ("out of memory"); empty unless status() is `failed`.
  const std::string& error() const {
    static const std::string none;
    return status() == RunStatus::failed ? m_error : none;
  }

  // [SECTION] writer side (one thread)
  // `step` must be the grid's step for point size(), except for a last point off the grid.
  void push_back(const TrajectoryPoint& point, std::int64_t step, const PointExtras& extras = {});
  // Keeps the last point's parameters when the stride did not (the point a run ended at).
  void keep_parameters(const double* parameters);
  // Publishes the outcome after the last push_back.
  void finish(RunStatus status, std::int64_t step, Divergence divergence = Divergence::none);
  // Publishes a failure at `step`; the points so far stay.
  void fail(std::int64_t step, std::string error);

 private:
  static constexpr std::size_t kNoTail = std::numeric_limits<std::size_t>::max();
  void add_vector(std::size_t point, const double* parameters);
  // Long trajectories live in mapped pages, returned to the system as soon as they are
  // replaced; short ones (the interactive case) come from the allocator, since mapping costs a
  // page fault per page and a TLB flush on every core while a slider is dragged.
  static constexpr std::size_t kMappedCapacity = std::size_t{1} << 16;

  Recording m_recording;
  ChunkedArray<TrajectoryPoint> m_points;
  std::unique_ptr<ChunkedArray<float>> m_batch_losses, m_grad_norms, m_distances;
  std::unique_ptr<ChunkedArray<std::int64_t>> m_evaluations;
  std::size_t m_parameters = 0, m_parameter_stride = 1, m_vector_capacity = 0;
  // Slots written once each, in chunks as they fill (a billion-step capacity costs nothing until
  // used), published by m_vector_count; the vectors they point to are owned by m_storage,
  // which only the writer touches.
  std::unique_ptr<ChunkedArray<const double*>> m_vectors;
  std::unique_ptr<ChunkedArray<std::size_t>> m_vector_points;
  std::vector<std::unique_ptr<double[]>> m_storage;
  std::atomic<std::size_t> m_vector_count{0};
  std::atomic<std::size_t> m_size{0};
  // Written before the size that includes the tail point is published.
  std::atomic<std::size_t> m_tail{kNoTail};
  std::int64_t m_tail_step = 0;
  std::atomic<RunStatus> m_status{RunStatus::running};
  std::atomic<std::int64_t> m_status_step{0};
  std::atomic<Divergence> m_divergence{Divergence::none};
  std::string m_error;  // written once, before the status that makes it visible
};

}  // namespace descent
