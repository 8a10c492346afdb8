#pragma once
// The recorded path of a run: written by one thread, read by any number of others.
//
// Points are only appended. A reader loads size() (acquire) and may then read points
// [0, size()) while the writer keeps appending: storage is allocated in fixed chunks that never
// move, so nothing a reader can see is ever mutated or freed under it.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

namespace descent {

// 32 bytes: 8 runs of 1,000,000 steps stay under 300 MB.
struct TrajectoryPoint {
  double x, y, loss;
  float grad_norm;     // |gradient| at the point, before clipping
  std::uint32_t step;  // optimizer steps taken to reach the point
};

enum class RunStatus : std::uint8_t { running, converged, diverged, finished, cancelled };

const char* to_string(RunStatus status);

// Why a run diverged.
enum class Divergence : std::uint8_t { none, loss, gradient, point };

const char* describe(Divergence reason);

class Trajectory {
 public:
  // `capacity`: the most points that will ever be appended.
  explicit Trajectory(std::size_t capacity);
  ~Trajectory();
  Trajectory(const Trajectory&) = delete;
  Trajectory& operator=(const Trajectory&) = delete;

  // [SECTION] reader side (any thread)
  std::size_t size() const { return m_size.load(std::memory_order_acquire); }
  const TrajectoryPoint& operator[](std::size_t i) const {
    return m_chunks[i >> kChunkBits].load(std::memory_order_relaxed)[i & kChunkMask];
  }
  std::size_t capacity() const { return m_capacity; }
  // Once status() is not `running`, size() is final.
  RunStatus status() const { return m_status.load(std::memory_order_acquire); }
  // The step at which the run converged or diverged.
  std::int64_t status_step() const { return m_status_step.load(std::memory_order_relaxed); }
  Divergence divergence() const { return m_divergence.load(std::memory_order_relaxed); }

  // [SECTION] writer side (one thread)
  void push_back(const TrajectoryPoint& point);
  // Publishes the outcome after the last push_back.
  void finish(RunStatus status, std::int64_t step, Divergence divergence = Divergence::none);

 private:
  static constexpr std::size_t kChunkBits = 12, kChunkSize = std::size_t{1} << kChunkBits,
                               kChunkMask = kChunkSize - 1;
  std::size_t m_capacity;
  std::unique_ptr<std::atomic<TrajectoryPoint*>[]> m_chunks;
  std::atomic<std::size_t> m_size{0};
  std::atomic<RunStatus> m_status{RunStatus::running};
  std::atomic<std::int64_t> m_status_step{0};
  std::atomic<Divergence> m_divergence{Divergence::none};
};

}  // namespace descent
