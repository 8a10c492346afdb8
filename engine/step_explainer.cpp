#include "step_explainer.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

#include "network_slice.hpp"

namespace descent {
namespace {

// Records the start and the last point only: the replay keeps the run's optimizer state, not
// its path.
RunConfig replaying(RunConfig config) {
  config.limits.record_every = std::max<std::int64_t>(1, config.limits.max_steps);
  config.limits.thin_after = Recording::kNever;
  config.limits.thin_every = 1;
  return config;
}

// A network's vector as the canvas draws it: on the plane, or along its first two parameters.
Vec2 on_canvas(const VecX& v, const Plane* plane, bool displacement) {
  if (plane) return displacement ? plane->project_direction(v) : plane->project(v).at;
  return Vec2(v[0], v.size() > 1 ? v[1] : 0);
}

std::vector<StepAnatomy<Vec2>::Arrow> projected(const std::vector<StepAnatomy<VecX>::Arrow>& in,
                                                const Plane* plane) {
  std::vector<StepAnatomy<Vec2>::Arrow> out;
  for (const auto& a : in) out.push_back({a.name, on_canvas(a.value, plane, true), a.help});
  return out;
}

}  // namespace

StepExplainer::StepExplainer(const RunConfig& config) : m_config(replaying(config)) {
  m_run.emplace(make_run(m_config));
}

std::optional<ExplainedStep> StepExplainer::explain(std::int64_t step,
                                                    const std::function<bool()>& abandoned) {
  // Whether it was abandoned, asked about every few steps: every step of a costly loss (a
  // network's step can take a millisecond), every 4096 of a surface's.
  const std::int64_t check = std::clamp<std::int64_t>(
      static_cast<std::int64_t>(4096 / std::max(1.0, m_config.objective->gradient_cost())), 1,
      4096);
  auto taken = [](const auto& run) { return run.steps_taken(); };
  if (step < std::visit(taken, *m_run)) m_run.emplace(make_run(m_config));
  return std::visit(
      [&](auto& run) -> std::optional<ExplainedStep> {
        run.advance(0);  // arrives at the start, the first time
        while (run.steps_taken() < step) {
          if (abandoned && abandoned()) return std::nullopt;
          if (!run.advance(std::min(check, step - run.steps_taken()))) break;
        }
        const auto anatomy = run.explain_next();
        if (!anatomy) {
          // A replay that failed (out of memory, a loss that threw) says why.
          if (run.trajectory()->status() == RunStatus::failed)
            throw std::runtime_error(run.trajectory()->error());
          return std::nullopt;
        }
        ExplainedStep e;
        e.step = step;
        e.parameters = run.point().size();
        if constexpr (std::is_same_v<std::decay_t<decltype(run)>, Run>) {
          e.from = run.point();
          e.anatomy = *anatomy;
        } else {
          const NetworkSlice* slice = m_config.objective->network_slice();
          const Plane* plane = slice ? slice->plane().get() : nullptr;
          e.from = on_canvas(run.point(), plane, false);
          e.anatomy.parts = projected(anatomy->parts, plane);
          e.anatomy.guides = projected(anatomy->guides, plane);
          e.anatomy.lines = anatomy->lines;
          e.anatomy.evaluations = anatomy->evaluations;
        }
        return e;
      },
      *m_run);
}

}  // namespace descent
