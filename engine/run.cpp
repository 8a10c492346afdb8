#include "run.hpp"

#include <cmath>
#include <new>
#include <stdexcept>
#include <type_traits>
#include <utility>

#include "text.hpp"

namespace descent {
namespace {

template <class V>
Divergence bad(const BasicValueGradient<V>& e) {
  if (!std::isfinite(e.value)) return Divergence::loss;
  if (!e.gradient.allFinite()) return Divergence::gradient;
  return Divergence::none;
}

// What is wrong with a start point, or "".
std::string bad_start(const Vec2& start, Eigen::Index) {
  if (start.allFinite()) return "";
  return cat("start (", start.x(), ", ", start.y(), ") is not a finite point");
}
std::string bad_start(const VecX& start, Eigen::Index dimension) {
  if (start.size() != dimension)
    return cat("start has ", start.size(), start.size() == 1 ? " value" : " values",
               " but the model has ", dimension, " parameters");
  for (Eigen::Index i = 0; i < start.size(); ++i)
    if (!std::isfinite(start[i])) return cat("start: p", i, " = ", start[i], " is not finite");
  return "";
}

constexpr std::uint64_t kNoiseStream = ~0ull;  // the batches use streams 0, 1, ... (epochs)

}  // namespace

template <class V>
std::size_t BasicRun<V>::capacity_for(const RunLimits& limits) {
  // The grid's points, a last point off it, and one to spare.
  return limits.recording().points_through(limits.max_steps) + 2;
}

template <class V>
BasicRun<V>::BasicRun(std::shared_ptr<const Differentiable<V>> objective,
                      BasicOptimizer<V> optimizer, V start, RunLimits limits, Sampling sampling,
                      std::shared_ptr<const Plane> plane)
    : m_objective(std::move(objective)),
      m_optimizer(std::move(optimizer)),
      m_limits(limits),
      m_recording(limits.recording()),
      m_sampling(sampling),
      m_plane(std::move(plane)),
      m_noise(derive_seed(sampling.seed, kNoiseStream)),
      m_p(std::move(start)) {
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
  if (std::string why = bad_start(m_p, m_objective->dimension()); !why.empty())
    throw std::invalid_argument(why);
  if (m_plane && m_plane->dimension() != m_p.size())
    throw std::invalid_argument(cat("the plane has ", m_plane->dimension(),
                                    " dimensions but the model has ", m_p.size(), " parameters"));
  if (!(sampling.gradient_noise >= 0) || !std::isfinite(sampling.gradient_noise))
    throw std::invalid_argument(
        cat("gradient noise = ", sampling.gradient_noise, " is out of range; allowed: >= 0"));
  if (sampling.batch > 0) {
    std::size_t samples = m_objective->sample_count();
    if (samples == 0)
      throw std::invalid_argument(
          cat("batch = ", sampling.batch, ": ", m_objective->name(),
              " has no samples to take batches of (mini-batches need a model over data)"));
    m_batches.emplace(samples, sampling.batch, sampling.seed);
  }
  if (m_optimizer.evaluates()) {
    const std::string& name = m_optimizer.spec().name;
    if (m_batches)
      throw std::invalid_argument(
          cat(name, " evaluates the whole loss itself (its line search or Hessian): batch = ",
              sampling.batch, " does not apply; use batch 0"));
    if (sampling.gradient_noise > 0)
      throw std::invalid_argument(
          cat(name, " evaluates the loss itself: gradient noise does not apply"));
    m_optimizer.evaluate_on(m_objective.get());
    m_evaluates = true;
  }
  m_trajectory = std::make_shared<Trajectory>(capacity_for(limits), m_recording, columns());
}

template <class V>
TrajectoryColumns BasicRun<V>::columns() const {
  TrajectoryColumns c{.batch_losses = m_batches.has_value(),
                      .grad_norms = m_objective->gradient_cost() > kCostlyEvaluation,
                      .evaluations = m_optimizer.evaluates()};
  if constexpr (std::is_same_v<V, VecX>) {
    c.grad_norms = c.distances = true;
    c.parameters = static_cast<std::size_t>(m_p.size());
    const std::size_t kept =
        std::max<std::size_t>(1, m_limits.parameter_bytes / (c.parameters * sizeof(double)));
    c.parameter_stride = (capacity_for(m_limits) + kept - 1) / kept;
  }
  return c;
}

template <class V>
Divergence BasicRun<V>::arrive() {
  if (!m_p.allFinite() || m_p.squaredNorm() > kDivergedMagnitude * kDivergedMagnitude)
    return Divergence::point;
  m_have_eval = !m_batches || recorded(m_step) || m_limits.tolerance > 0;
  if (m_have_eval) {
    if (const auto* known = m_evaluates ? m_optimizer.known_at(m_p) : nullptr) {
      m_eval = *known;
    } else {
      m_eval = m_objective->value_gradient(m_p);
      ++m_evaluations;
      if (m_evaluates) m_optimizer.seen(m_p, m_eval);
    }
    if (Divergence d = bad(m_eval); d != Divergence::none) return d;
  }
  if (m_batches) {
    m_batch_eval = m_objective->batch_value_gradient(m_p, m_batches->batch(m_step));
    if (Divergence d = bad(m_batch_eval); d != Divergence::none) return d;
  }
  return Divergence::none;
}

template <class V>
void BasicRun<V>::record(std::int64_t step) {
  PointExtras extras{.batch_loss = static_cast<float>(m_batch_eval.value),
                     .grad_norm = static_cast<float>(m_eval.gradient.norm()),
                     .evaluations = m_evaluations + (m_evaluates ? m_optimizer.evaluations() : 0)};
  Vec2 at;
  if constexpr (std::is_same_v<V, Vec2>) {
    at = m_p;
  } else {
    if (m_plane) {
      const Projected projected = m_plane->project(m_p);
      at = projected.at;
      extras.distance = static_cast<float>(projected.distance);
    } else {
      at = m_p.size() >= 2 ? Vec2(m_p[0], m_p[1]) : Vec2(m_p[0], 0);
      extras.distance =
          static_cast<float>(m_p.tail(std::max<Eigen::Index>(0, m_p.size() - 2)).norm());
    }
    extras.parameters = m_p.data();
  }
  m_trajectory->push_back({at.x(), at.y(), m_eval.value}, step, extras);
  m_recorded_step = step;
}

template <class V>
void BasicRun<V>::end(RunStatus status, std::int64_t step, Divergence divergence) {
  // The run ends at its last recorded point, whose parameters a network's views want.
  if constexpr (std::is_same_v<V, VecX>)
    if (status != RunStatus::cancelled && m_recorded_step >= 0)
      m_trajectory->keep_parameters(m_p.data());
  m_trajectory->finish(status, step, divergence);
  m_ended = true;
}

template <class V>
bool BasicRun<V>::advance(std::int64_t budget) {
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

template <class V>
void BasicRun<V>::fail(std::string error) {
  if (m_ended) return;
  m_trajectory->fail(m_step, std::move(error));
  m_ended = true;
}

template <class V>
bool BasicRun<V>::step_through(std::int64_t budget) {
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
    const V g = step_gradient(m_noise);
    const V previous = m_p;
    const BasicValueGradient<V> previous_eval = m_eval, previous_batch = m_batch_eval;
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
    bool converged = (tolerance > 0 && m_eval.gradient.norm() < tolerance) ||
                     (m_evaluates && m_optimizer.stalled());
    if (recorded(m_step) || converged) record(m_step);
    if (converged) {
      end(RunStatus::converged, m_step);
      return false;
    }
  }
  return true;
}

template <class V>
V BasicRun<V>::step_gradient(Rng& noise) const {
  V g = m_batches ? m_batch_eval.gradient : m_eval.gradient;
  if (m_sampling.gradient_noise > 0)
    for (Eigen::Index k = 0; k < g.size(); ++k) g[k] += m_sampling.gradient_noise * noise.normal();
  return g;
}

template <class V>
std::optional<StepAnatomy<V>> BasicRun<V>::explain_next() const {
  if (!m_started || m_ended || m_step >= m_limits.max_steps) return std::nullopt;
  Rng noise = m_noise;  // the draws the step will make, left for it
  return m_optimizer.explain(m_p, step_gradient(noise));
}

template <class V>
void BasicRun<V>::cancel() {
  if (!m_ended) end(RunStatus::cancelled, m_step);
}

template class BasicRun<Vec2>;
template class BasicRun<VecX>;

}  // namespace descent
