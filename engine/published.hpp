#pragma once
// An immutable value that one side publishes and others read: publish() swaps in a new
// version, load() returns the current one, which stays valid for as long as the reader holds it.
//
// The lock is held only to copy a shared_ptr (tens of nanoseconds) and only by publishers and
// readers, never by a computation, so a reader never waits for work. (libstdc++ 12's
// std::atomic<std::shared_ptr> would do the same job, but its load() releases its internal lock
// with relaxed ordering, a data race that ThreadSanitizer rightly reports.)
#include <memory>
#include <mutex>

namespace descent {

template <class T>
class Published {
 public:
  explicit Published(std::shared_ptr<const T> initial) : m_value(std::move(initial)) {}

  std::shared_ptr<const T> load() const {
    std::lock_guard lock(m_mutex);
    return m_value;
  }
  void publish(std::shared_ptr<const T> next) {
    std::lock_guard lock(m_mutex);
    m_value.swap(next);
    // `next` now holds the previous version; it is released after the lock.
  }

 private:
  mutable std::mutex m_mutex;
  std::shared_ptr<const T> m_value;
};

}  // namespace descent
