#include "run.hpp"

#include <cmath>
#include <new>
#include <stdexcept>
#include <utility>

#include "text.hpp"

namespace descent {
namespace {

bool finite(const Vec2& v) {
  return std::isfinite(v.x()) && std::isfinite(v.y());
}

Divergence bad(const ValueGradient& e) {
  if (!std::isfinite(e.value)) return Divergence::loss;
  if (!finite(e.gradient)) return Divergence::gradient;
  return Divergence::none;
}

constexpr std::uint64_t kNoiseStream = ~0ull;  // the batches use streams 0, 1, ... (epochs)

}  // namespace

std::size_t Run::capacity_for(const RunLimits& limits) {
  // The grid's points, a last point off it, and one to spare.
  return limits.recording().points_through(limits.max_steps) + 2;
}

Run::Run(std::shared_ptr<const Objective> objective, Optimizer optimizer, Vec2 start,
         RunLimits limits, Sampling sampling)
    : m_objective(std::move(objective)),
      m_optimizer(std::move(optimizer)),
      m_limits(limits),
      m_recording(limits.recording()),
      m_sampling(sampling),
      m_noise(derive_seed(sampling.seed, kNoiseStream)),
      m_p(start) {
  if (limits.max_steps < 0 || limits.max_steps > RunLimits::kMaxSteps)
    throw std::invalid_argument(cat("steps = ", limits.max_steps,
                                    " is out of range; allowed: 0 to ", RunLimits::kMaxSteps));
  if (limits.record_every < 1)
    throw std::invalid_argument(
        cat("every = ", limits.record_every, " is out of range; allowed: every >= 1"));
  if (!limits.recording().valid())
    throw std::invalid_argument(
        cat("thinning every ", limits.thin_every, " after step ", limits.thin_after,
            " is not allowed: a stride >= 1 after a multiple of every = ", limits.record_every));
  if (!(limits.tolerance >= 0) || !std::isfinite(limits.tolerance))
    throw std::invalid_argument(
        cat("tolerance = ", limits.tolerance, " is out of range; allowed: tolerance >= 0"));
  if (!finite(start))
    throw std::invalid_argument(
        cat("start (", start.x(), ", ", start.y(), ") is not a finite point"));
  if (!(sampling.gradient_noise >= 0) || !std::isfinite(sampling.gradient_noise))
    throw std::invalid_argument(
        cat("gradient noise = ", sampling.gradient_noise, " is out of range; allowed: >= 0"));
  if (sampling.batch > 0) {
    std::size_t samples = m_objective->sample_count();
    if (samples == 0)
      throw std::invalid_argument(
          cat("batch = ", sampling.batch, ": ", m_objective->info().name,
              " has no samples to take batches of (mini-batches need a model over data)"));
    m_batches.emplace(samples, sampling.batch, sampling.seed);
  }
  m_trajectory = std::make_shared<Trajectory>(
      capacity_for(limits), m_recording,
      TrajectoryColumns{m_batches.has_value(), m_objective->gradient_cost() > kCostlyEvaluation});
}

Divergence Run::arrive() {
  if (!finite(m_p) || m_p.squaredNorm() > kDivergedMagnitude * kDivergedMagnitude)
    return Divergence::point;
  m_have_eval = !m_batches || recorded(m_step) || m_limits.tolerance > 0;
  if (m_have_eval) {
    m_eval = m_objective->value_gradient(m_p);
    if (Divergence d = bad(m_eval); d != Divergence::none) return d;
  }
  if (m_batches) {
    m_batch_eval = m_objective->batch_value_gradient(m_p, m_batches->batch(m_step));
    if (Divergence d = bad(m_batch_eval); d != Divergence::none) return d;
  }
  return Divergence::none;
}

void Run::record(std::int64_t step) {
  m_trajectory->push_back({m_p.x(), m_p.y(), m_eval.value}, step,
                          static_cast<float>(m_batch_eval.value),
                          static_cast<float>(m_eval.gradient.norm()));
  m_recorded_step = step;
}

void Run::end(RunStatus status, std::int64_t step, Divergence divergence) {
  m_trajectory->finish(status, step, divergence);
  m_ended = true;
}

bool Run::advance(std::int64_t budget) {
  if (m_ended) return false;
  try {
    return step_through(budget);
  } catch (const std::bad_alloc&) {
    fail("out of memory");
  } catch (const std::exception& e) {
    fail(e.what());
  }
  return false;
}

void Run::fail(std::string error) {
  if (m_ended) return;
  m_trajectory->fail(m_step, std::move(error));
  m_ended = true;
}

bool Run::step_through(std::int64_t budget) {
  const double tolerance = m_limits.tolerance;
  if (!m_started) {
    m_started = true;
    if (Divergence d = arrive(); d != Divergence::none) {
      end(RunStatus::diverged, 0, d);
      return false;
    }
    record(0);
    if (tolerance > 0 && m_eval.gradient.norm() < tolerance) {
      end(RunStatus::converged, 0);
      return false;
    }
  }
  for (std::int64_t i = 0; i < budget; ++i) {
    if (m_step == m_limits.max_steps) {
      end(RunStatus::finished, m_step);  // arrive() recorded the last point
      return false;
    }
    Vec2 g = m_batches ? m_batch_eval.gradient : m_eval.gradient;
    if (m_sampling.gradient_noise > 0)
      g += m_sampling.gradient_noise * Vec2(m_noise.normal(), m_noise.normal());
    const Vec2 previous = m_p;
    const ValueGradient previous_eval = m_eval, previous_batch = m_batch_eval;
    const bool previous_have_eval = m_have_eval;
    m_optimizer.step(m_p, g);
    ++m_step;
    if (Divergence d = arrive(); d != Divergence::none) {
      // The trajectory ends at the last finite point, which must be recorded.
      m_p = previous;
      m_eval = previous_have_eval ? previous_eval : m_objective->value_gradient(previous);
      m_batch_eval = previous_batch;
      if (m_recorded_step != m_step - 1) record(m_step - 1);
      end(RunStatus::diverged, m_step, d);
      return false;
    }
    bool converged = tolerance > 0 && m_eval.gradient.norm() < tolerance;
    if (recorded(m_step) || converged) record(m_step);
    if (converged) {
      end(RunStatus::converged, m_step);
      return false;
    }
  }
  return true;
}

void Run::cancel() {
  if (!m_ended) end(RunStatus::cancelled, m_step);
}

}  // namespace descent
