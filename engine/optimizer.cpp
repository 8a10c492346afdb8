#include "optimizer.hpp"

#include "optimizer_registry.hpp"

namespace descent {

template <class V>
BasicOptimizer<V>::BasicOptimizer(const OptimizerSpec& spec)
    : m_spec(spec),
      m_params(optimizers().resolve({spec.name, spec.params})),
      m_rule(optimizers().find(spec.name).make(m_params).template make<V>()),
      m_schedule(spec.name, spec.schedule),
      m_clip(spec.name, spec.clip),
      m_base_lr(m_params.at("lr")) {}

template class BasicOptimizer<Vec2>;
template class BasicOptimizer<VecX>;

}  // namespace descent
