#include "optimizer.hpp"

#include <stdexcept>

#include "optimizer_registry.hpp"
#include "text.hpp"

namespace descent {

template <class V>
BasicOptimizer<V>::BasicOptimizer(const OptimizerSpec& spec)
    : m_spec(spec),
      m_params(optimizers().resolve({spec.name, spec.params})),
      m_rule(optimizers().find(spec.name).make(m_params).template make<V>()),
      m_schedule(spec.name, spec.schedule),
      m_clip(spec.name, spec.clip),
      m_base_lr(m_params.at("lr")) {
  if (m_rule->evaluates() && m_clip.active())
    throw std::invalid_argument(cat(spec.name, ": clip=", spec.clip.name,
                                    " does not apply; it sets its own step from the loss"));
}

template <class V>
StepAnatomy<V> BasicOptimizer<V>::explain(const V& p, const V& g) const {
  V clipped = g;
  m_clip.apply(clipped);
  const double rate = lr();
  StepAnatomy<V> a = m_rule->explain(p, clipped, rate);
  using Line = typename StepAnatomy<V>::Line;
  std::vector<Line> first;
  if (!m_schedule.constant())
    first.push_back(Line{"lr <- schedule(lr, t)", cat("lr = ", show(rate), " at step ", m_t,
                                                      " (base ", show(m_base_lr), ")")});
  if (m_clip.active())
    first.push_back(Line{cat("g <- clip(g), ", m_spec.clip.name),
                         cat("|g| = ", show(g.norm()), " -> ", show(clipped.norm()))});
  a.lines.insert(a.lines.begin(), first.begin(), first.end());
  a.guides.insert(a.guides.begin(),
                  {"-lr·g", V(-rate * clipped), "plain gradient descent's step from here"});
  if (clipped != g)
    a.guides.push_back({"unclipped", V(-rate * g), "-lr·g before clipping cut the gradient"});
  return a;
}

template class BasicOptimizer<Vec2>;
template class BasicOptimizer<VecX>;

}  // namespace descent
