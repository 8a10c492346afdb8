#pragma once
// How a run samples its gradients: the full batch, mini-batches, or noise.
#include <cstdint>
#include <span>
#include <vector>

#include "registry.hpp"

namespace descent {

struct Sampling {
  std::size_t batch = 0;  // samples per step; 0: all of them (full batch)
  double gradient_noise =
      0;                   // standard deviation of Gaussian noise added to each gradient component
  std::uint64_t seed = 0;  // the run's own: its batches and its noise

  bool operator==(const Sampling&) const = default;
};

// The keys of a run's sampling (batch, noise, seed), and make: from resolved values.
using SamplingInfo = Info<Sampling>;
const SamplingInfo& sampling_info();
// The sampling the keys given describe; throws std::invalid_argument naming `owner` and the key.
Sampling make_sampling(const ParamValues& given, std::string_view owner = "sampling");
// Every key with its value: the inverse of make_sampling.
ParamValues sampling_values(const Sampling& sampling);
// What an objective with `samples` samples can do of `sampling`: no mini-batches without
// samples (a run keeps its choice, used again over data).
Sampling usable_sampling(Sampling sampling, std::size_t samples);

// Which samples each step uses. At the start of every epoch the samples are shuffled by a
// generator seeded from (seed, epoch), so the batch of any step is found without replaying
// the steps before it; batches are consecutive slices of that order, the last one of an epoch
// smaller when the batch size does not divide the samples (PyTorch's DataLoader, drop_last off).
class BatchSchedule {
 public:
  BatchSchedule(std::size_t samples, std::size_t batch, std::uint64_t seed);

  std::size_t batches_per_epoch() const { return (m_samples + m_batch - 1) / m_batch; }
  // The sample indices of step `step`'s batch, sorted.
  std::span<const std::uint32_t> batch(std::int64_t step);

 private:
  std::size_t m_samples, m_batch;
  std::uint64_t m_seed;
  std::int64_t m_epoch = -1;
  std::vector<std::uint32_t> m_order, m_current;
};

}  // namespace descent
