#pragma once
// The lab kept between launches and through a crash: written to the config directory at most
// every few seconds, atomically and off the UI thread, and restored at the next launch.
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "scenario.hpp"

namespace descent {

struct Autosaved {
  Scenario scenario;
  std::string file;       // the scenario file it came from, or ""
  std::string name;       // what the title called it
  bool modified = false;  // it had changes the file has not
  bool operator==(const Autosaved&) const = default;
};

std::string autosave_json(const Autosaved& state);
// Throws std::invalid_argument naming the file and what is wrong (see parse_scenario).
Autosaved load_autosave(const std::string& path);

class Autosaver {
 public:
  static constexpr double kInterval = 3;  // seconds between two writes, at most one per interval

  explicit Autosaver(std::string path);
  // Finishes a write under way.
  ~Autosaver();
  Autosaver(const Autosaver&) = delete;
  Autosaver& operator=(const Autosaver&) = delete;

  // Call every frame with the clock in seconds; `state` is asked for only when a write is
  // due, and written in the background when it changed since the last write.
  template <class State>
  void tick(double now, State&& state) {
    if (now - m_last < kInterval) return;
    m_last = now;
    offer(state());
  }
  // Writes `state` now and waits for it (on quit). Throws std::runtime_error on failure.
  void flush(const Autosaved& state);
  // Why the last background write failed, or "" (it is tried again at the next interval).
  std::string error() const;

 private:
  void offer(const Autosaved& state);
  void work();
  // Writes text number `number` unless a newer one was written; returns why it failed, or "".
  std::string write_numbered(const std::string& text, std::uint64_t number);

  std::string m_path;
  double m_last = -1e300;
  std::optional<Autosaved> m_written;  // what the last write had (UI thread only)
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  std::optional<std::string> m_next;  // text waiting to be written
  std::uint64_t m_next_number = 0;    // texts are numbered in the order they were made
  std::string m_error;
  bool m_retry = false;  // a write failed: the next tick writes even an unchanged lab
  std::mutex m_file;                // held while the file is written: by flush or the worker
  std::uint64_t m_file_number = 0;  // the newest text written: an older one must not follow
  bool m_stop = false;
  std::thread m_worker;  // last: started once everything it uses exists
};

}  // namespace descent
