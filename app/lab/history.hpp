#pragma once
// The lab's states before and after each edit, as scenarios: what Edit > Undo and Redo step
// through. Where playback stands and what the view shows are not edits: they are neither
// recorded nor compared. Free of the Lab itself, so it is tested on scenarios alone.
#include <cstddef>
#include <deque>
#include <string>

#include "scenario.hpp"

namespace descent {

class History {
 public:
  static constexpr std::size_t kDepth = 200;

  // Keeps up to `depth` edits (at least one); the oldest go first.
  explicit History(std::size_t depth = kDepth);

  // Forgets every edit: `now` is where undo stops (a scenario just opened, say).
  void reset(const Scenario& now);
  // Records `now` as one edit when it differs from the current state in more than playback
  // and view; what could be redone is dropped. Returns whether it recorded. The caller calls
  // it once a change has settled, so that a drag or typing is one edit.
  bool record(const Scenario& now);

  bool can_undo() const { return m_at > 0; }
  bool can_redo() const { return m_at + 1 < m_entries.size(); }
  // Steps back (forward) one edit and returns the state the lab should become; null when
  // there is nothing to undo (redo).
  const Scenario* undo();
  const Scenario* redo();
  // What undo (redo) would take back (do again): "remove run 'adam lr=0.05'"; "" for nothing.
  std::string undo_name() const;
  std::string redo_name() const;

  // The state the history stands at, and its place among the entries (0: the oldest).
  const Scenario& current() const { return m_entries[m_at].scenario; }
  std::size_t position() const { return m_at; }
  // Goes back to `position` without an edit: a restore the lab could not make (its data
  // gone), or one abandoned for another edit, leaves the lab where it was.
  void move_to(std::size_t position);
  // The states held: the edits that can be undone and redone, plus one.
  std::size_t size() const { return m_entries.size(); }

 private:
  struct Entry {
    Scenario scenario;
    std::string name;  // the edit that led here from the entry before
  };
  std::deque<Entry> m_entries;
  std::size_t m_at = 0;
  std::size_t m_depth;
};

// Whether `a` and `b` hold the same edits: playback and view set aside.
bool same_edits(const Scenario& a, const Scenario& b);

}  // namespace descent
