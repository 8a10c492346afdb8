#include "step_explanations.hpp"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace descent {

StepExplanations::~StepExplanations() {
  for (auto& [id, slot] : m_slots) retire(slot);
  for (auto& job : m_retired) job.wait();
}

void StepExplanations::retire(Slot& slot) {
  if (slot.abandon) *slot.abandon = true;
  if (!slot.job.valid()) return;
  m_retired.push_back(std::move(slot.job));
  slot.explainer.reset();  // the retired job may still be replaying with it
}

void StepExplanations::collect(Slot& slot) {
  if (!slot.job.valid() || slot.job.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return;
  Result result = slot.job.get();
  if (slot.job_version != slot.version || *slot.abandon) return;  // replaced, or asked off
  slot.shown = std::move(result);
  slot.shown_asked = slot.asked;
}

void StepExplanations::drop_finished() {
  std::erase_if(m_retired, [](const std::future<Result>& job) {
    return job.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  });
}

const ExplainedStep* StepExplanations::get(const RunView& view, std::int64_t step) {
  drop_finished();
  Slot& slot = m_slots[view.id];
  collect(slot);
  if (slot.version != view.version) {  // the run changed: what was explained no longer holds
    retire(slot);
    slot = Slot{};
    slot.version = view.version;
  }
  // A job replaying past the step now shown (a scrub back) gives way; one behind it goes on
  // (playback moves forward, and the replay with it).
  if (slot.job.valid() && step < slot.asked) {
    retire(slot);
    slot.asked = -1;
  }
  if (!slot.job.valid() && slot.asked != step) {
    slot.asked = step;
    try {
      if (!slot.explainer) slot.explainer = std::make_shared<StepExplainer>(view.config);
    } catch (const std::exception& e) {
      slot.shown = {std::nullopt, e.what()};
      slot.shown_asked = step;
      return nullptr;
    }
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
  drop_finished();
  for (auto it = m_slots.begin(); it != m_slots.end();) {
    if (std::find(ids.begin(), ids.end(), it->first) != ids.end()) {
      ++it;
      continue;
    }
    retire(it->second);
    it = m_slots.erase(it);
  }
}

bool StepExplanations::busy() const {
  for (const auto& [id, slot] : m_slots)
    if (slot.job.valid()) return true;
  return !m_retired.empty();
}

}  // namespace descent
