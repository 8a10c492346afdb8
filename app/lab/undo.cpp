#include "undo.hpp"

#include <stdexcept>

namespace descent {

Undo::Undo(Lab& lab, std::size_t depth) : m_lab(lab), m_history(depth) {
  m_history.reset(lab.scenario());
  m_seen_load = lab.last_load();
}

std::string Undo::update(bool settled) {
  if (m_restoring) {
    if (m_lab.waiting()) return "";
    // Its data could not be read, or another objective was chosen first: the lab is still
    // what it was before, and so is the history.
    if (!m_lab.holds(m_seen_load)) m_history.move_to(m_before);
    m_restoring = false;
  }
  if (m_lab.last_load() != m_seen_load) {  // a scenario loaded anew: a history of its own
    if (m_lab.waiting()) return "";
    m_seen_load = m_lab.last_load();
    if (m_lab.holds(m_seen_load)) {
      m_history.reset(m_lab.scenario());
      m_moves = 0;
      return "";
    }
  }
  // While a model's data loads, the lab is not yet what was asked for.
  if (!settled || m_lab.loading()) return "";
  m_history.record(m_lab.scenario());
  if (m_moves == 0) return "";
  try {
    restore();
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

void Undo::restore() {
  const std::size_t before = m_history.position();
  const Scenario* target = nullptr;
  for (; m_moves < 0 && m_history.can_undo(); ++m_moves) target = m_history.undo();
  for (; m_moves > 0 && m_history.can_redo(); --m_moves) target = m_history.redo();
  m_moves = 0;
  if (!target) return;
  try {
    m_seen_load = m_lab.restore(*target);
  } catch (const std::invalid_argument&) {
    m_history.move_to(before);
    throw;
  }
  m_restoring = m_lab.waiting();
  m_before = before;
}

}  // namespace descent
