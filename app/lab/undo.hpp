#pragma once
// Undo and redo for the lab: records each settled edit in a History, restores the lab to the
// state asked for (keeping playback and view), follows a restore whose model data is still
// loading, and starts afresh when another scenario is loaded (File > New, Open, a lesson).
#include <cstdint>
#include <string>

#include "history.hpp"
#include "lab.hpp"

namespace descent {

class Undo {
 public:
  // The history starts at the lab as it is.
  explicit Undo(Lab& lab, std::size_t depth = History::kDepth);

  // Once a frame, after the lab was polled. `settled`: no edit under way (no widget held, no
  // drag), so that a drag or typing is recorded as one edit once it ends. Records the lab's
  // edit, carries out undo and redo asked for, and returns why a restore failed ("" if not).
  std::string update(bool settled);
  // Asks to take back the last edit (do the last undone one again); carried out by the next
  // update() that is settled with no data loading, so that an edit still loading is
  // recorded first and is what is taken back.
  void undo() { --m_moves; }
  void redo() { ++m_moves; }

  bool can_undo() const { return m_history.can_undo(); }
  bool can_redo() const { return m_history.can_redo(); }
  // "remove run 'adam lr=0.05'"; "" when there is nothing.
  std::string undo_name() const { return m_history.undo_name(); }
  std::string redo_name() const { return m_history.redo_name(); }
  const History& history() const { return m_history; }

 private:
  void restore();

  Lab& m_lab;
  History m_history;
  int m_moves = 0;                // asked for: < 0 undo, > 0 redo
  std::uint64_t m_seen_load = 0;  // the lab's last load this history knows of
  // A restore waiting for its model's data, and where the history stood before it.
  bool m_restoring = false;
  std::size_t m_before = 0;
};

}  // namespace descent
