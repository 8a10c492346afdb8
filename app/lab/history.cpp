#include "history.hpp"

#include <algorithm>

#include "edit_name.hpp"

namespace descent {
namespace {

// What History keeps of a state: not the playback or the view.
Scenario edits_of(Scenario s) {
  s.position = 0;
  s.speed = Playback{}.speed;
  s.view.reset();
  return s;
}

}  // namespace

bool same_edits(const Scenario& a, const Scenario& b) {
  return edits_of(a) == edits_of(b);
}

History::History(std::size_t depth) : m_depth(std::max<std::size_t>(depth, 1)) {
  m_entries.push_back({});
}

void History::reset(const Scenario& now) {
  m_entries.clear();
  m_entries.push_back({edits_of(now), ""});
  m_at = 0;
}

bool History::record(const Scenario& now) {
  Scenario state = edits_of(now);
  if (state == current()) return false;
  std::string name = edit_name(current(), state);
  m_entries.erase(m_entries.begin() + static_cast<std::ptrdiff_t>(m_at) + 1, m_entries.end());
  m_entries.push_back({std::move(state), std::move(name)});
  while (m_entries.size() > m_depth + 1) m_entries.pop_front();
  m_at = m_entries.size() - 1;
  return true;
}

const Scenario* History::undo() {
  if (!can_undo()) return nullptr;
  return &m_entries[--m_at].scenario;
}

const Scenario* History::redo() {
  if (!can_redo()) return nullptr;
  return &m_entries[++m_at].scenario;
}

std::string History::undo_name() const {
  return can_undo() ? m_entries[m_at].name : "";
}

std::string History::redo_name() const {
  return can_redo() ? m_entries[m_at + 1].name : "";
}

void History::move_to(std::size_t position) {
  m_at = std::min(position, m_entries.size() - 1);
}

}  // namespace descent
