#include "step_explanations.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace descent {

StepExplanations::~StepExplanations() {
  for (auto& [id, slot] : m_slots)
    if (slot.abandon) *slot.abandon = true;
  wait();
}

void StepExplanations::collect(Slot& slot) {
  if (!slot.job.valid() || slot.job.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  Result result = slot.job.get();
  if (slot.job_version != slot.version) return;  // of a version since replaced
  slot.shown = std::move(result);
  slot.shown_asked = slot.asked;
}

const ExplainedStep* StepExplanations::get(const RunView& view, std::int64_t step) {
  Slot& slot = m_slots[view.id];
  collect(slot);
  const bool changed = slot.version != view.version || (!slot.explainer && slot.asked < 0);
  if (changed) {
    if (slot.abandon) *slot.abandon = true;
    slot.version = view.version;
    slot.asked = -1;
    slot.shown = {};
    slot.shown_asked = -1;
    try {
      slot.explainer = std::make_shared<StepExplainer>(view.config);
    } catch (const std::exception& e) {
      slot.explainer.reset();
      slot.shown = {std::nullopt, e.what()};
      slot.shown_asked = slot.asked = step;
      return nullptr;
    }
  }
  if (!slot.explainer) return nullptr;  // the run cannot be replayed (said in why_none)
  const bool running = slot.job.valid();
  if (!running && slot.asked != step) {
    slot.asked = step;
    slot.job_version = slot.version;
    slot.abandon = std::make_shared<std::atomic<bool>>(false);
    slot.job = std::async(std::launch::async,
                          [explainer = slot.explainer, abandon = slot.abandon, step]() -> Result {
                            try {
                              auto e = explainer->explain(step, [&] { return abandon->load(); });
                              if (e || *abandon) return {std::move(e), ""};
                              return {std::nullopt, "the run ends here: no step follows"};
                            } catch (const std::exception& error) {
                              return {std::nullopt, error.what()};
                            }
                          });
  }
  return slot.shown.step ? &*slot.shown.step : nullptr;
}

std::string StepExplanations::why_none(RunId id) const {
  auto it = m_slots.find(id);
  return it == m_slots.end() || it->second.shown.step ? "" : it->second.shown.error;
}

bool StepExplanations::current(RunId id, std::int64_t step) const {
  auto it = m_slots.find(id);
  return it != m_slots.end() && it->second.shown_asked == step;
}

void StepExplanations::keep_only(const std::vector<RunId>& ids) {
  for (auto it = m_slots.begin(); it != m_slots.end();) {
    if (std::find(ids.begin(), ids.end(), it->first) != ids.end()) {
      ++it;
      continue;
    }
    if (it->second.abandon) *it->second.abandon = true;
    if (it->second.job.valid()) it->second.job.wait();
    it = m_slots.erase(it);
  }
}

bool StepExplanations::busy() const {
  for (const auto& [id, slot] : m_slots)
    if (slot.job.valid()) return true;
  return false;
}

void StepExplanations::wait() {
  for (auto& [id, slot] : m_slots) {
    if (slot.job.valid()) slot.job.wait();
    collect(slot);
  }
}

}  // namespace descent
