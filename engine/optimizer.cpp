#include "optimizer.hpp"

#include <cmath>
#include <stdexcept>

#include "optimizer_registry.hpp"
#include "text.hpp"

namespace descent {
namespace {

Clip make_clip(const OptimizerSpec& spec) {
  if (spec.clip != ClipMode::none && !(std::isfinite(spec.clip_max) && spec.clip_max > 0)) {
    const char* key = spec.clip == ClipMode::norm ? "clip_norm" : "clip_value";
    throw std::invalid_argument(cat(spec.name, ": ", key, " = ", spec.clip_max,
                                    " is out of range; allowed: ", key, " > 0"));
  }
  return {spec.clip, spec.clip_max};
}

}  // namespace

Optimizer::Optimizer(const OptimizerSpec& spec)
    : m_spec(spec),
      m_params(resolve_params(spec.name, find_optimizer(spec.name).params, spec.params)),
      m_rule(find_optimizer(spec.name).make(m_params)),
      m_schedule(spec.name, spec.schedule, spec.schedule_params),
      m_clip(make_clip(spec)),
      m_base_lr(m_params.at("lr")) {}

void Optimizer::reset() {
  m_rule->reset();
  m_t = 0;
}

}  // namespace descent
