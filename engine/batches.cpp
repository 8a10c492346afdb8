#include "batches.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "rng.hpp"

namespace descent {

const SamplingInfo& sampling_info() {
  static const SamplingInfo info{
      "sampling",
      "how each step's gradient is taken: from all samples, a mini-batch, or with noise",
      {{.key = "batch",
        .default_value = 0,
        .min = 0,
        .max = 1'000'000,
        .ui_min = 1,
        .ui_max = 1'000'000,
        .log_scale = true,
        .kind = ParamKind::integer,
        .help = "samples in each step's gradient (models over data): 0 for all of them (full "
                "batch), 1 for stochastic; each epoch reshuffles them with the seed"},
       {.key = "noise",
        .default_value = 0,
        .min = 0,
        .max = 1e6,
        .ui_min = 0,
        .ui_max = 100,
        .log_scale = true,
        .help = "standard deviation of Gaussian noise added to every gradient component: "
                "stochastic gradients on any loss"},
       keys::seed("seed of the batches and the noise: the same seed, the same batches and noise")},
      [](const ParamValues& v) {
        return Sampling{static_cast<std::size_t>(v.at("batch")), v.at("noise"),
                        static_cast<std::uint64_t>(v.at("seed"))};
      }};
  return info;
}

Sampling make_sampling(const ParamValues& given, std::string_view owner) {
  return sampling_info().make(resolve_params(owner, sampling_info().params, given));
}

Sampling usable_sampling(Sampling sampling, std::size_t samples) {
  if (samples == 0) sampling.batch = 0;
  return sampling;
}

ParamValues sampling_values(const Sampling& sampling) {
  return {{"batch", static_cast<double>(sampling.batch)},
          {"noise", sampling.gradient_noise},
          {"seed", static_cast<double>(sampling.seed)}};
}

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
