#include "optimizer.hpp"

#include "optimizer_registry.hpp"

namespace descent {

Optimizer::Optimizer(const OptimizerSpec& spec)
    : m_spec(spec),
      m_params(optimizers().resolve({spec.name, spec.params})),
      m_rule(optimizers().find(spec.name).make(m_params)),
      m_schedule(spec.name, spec.schedule),
      m_clip(spec.name, spec.clip),
      m_base_lr(m_params.at("lr")) {}

void Optimizer::reset() {
  m_rule->reset();
  m_t = 0;
}

}  // namespace descent
