#include "thread_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>

namespace descent {

ThreadPool::ThreadPool(unsigned threads) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  m_workers.reserve(threads);
  for (unsigned i = 0; i < threads; ++i) m_workers.emplace_back([this] { work(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard lock(m_mutex);
    m_stopping = true;
  }
  m_wake.notify_all();
  for (auto& worker : m_workers) worker.join();
}

void ThreadPool::submit(std::function<void()> job) {
  {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(job));
  }
  m_wake.notify_one();
}

std::size_t ThreadPool::failures() const {
  std::lock_guard lock(m_mutex);
  return m_failures;
}

std::string ThreadPool::last_failure() const {
  std::lock_guard lock(m_mutex);
  return m_last_failure;
}

void ThreadPool::wait_idle() {
  std::unique_lock lock(m_mutex);
  m_idle.wait(lock, [this] { return m_queue.empty() && m_active == 0; });
}

void ThreadPool::work() {
  std::unique_lock lock(m_mutex);
  for (;;) {
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    if (m_queue.empty()) return;  // stopping, and nothing left to do
    auto job = std::move(m_queue.front());
    m_queue.pop_front();
    ++m_active;
    lock.unlock();
    std::optional<std::string> failure;
    try {
      job();
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown error";
    }
    job = nullptr;  // destroy captures outside the lock
    lock.lock();
    if (failure) {
      ++m_failures;
      m_last_failure = std::move(*failure);
    }
    --m_active;
    if (m_queue.empty() && m_active == 0) m_idle.notify_all();
  }
}

void ThreadPool::parallel_for(std::size_t n, std::size_t grain,
                              const std::function<void(std::size_t, std::size_t)>& body) {
  if (n == 0) return;
  grain = std::max<std::size_t>(grain, 1);
  // Shared with the helper jobs, which may start after this call returned (when every worker
  // was busy): such a late helper finds no chunk left and never touches `body`.
  struct Loop {
    std::size_t n, grain, chunks;
    const std::function<void(std::size_t, std::size_t)>* body;
    std::atomic<std::size_t> next{0};
    std::size_t done = 0;      // guarded by mutex
    std::exception_ptr error;  // the first chunk's that threw; guarded by mutex
    std::mutex mutex;
    std::condition_variable finished;
  };
  auto loop = std::make_shared<Loop>();
  loop->n = n;
  loop->grain = grain;
  loop->chunks = (n + grain - 1) / grain;
  loop->body = &body;
  auto drain = [](Loop& l) {
    for (std::size_t c; (c = l.next.fetch_add(1, std::memory_order_relaxed)) < l.chunks;) {
      std::exception_ptr error;
      try {
        (*l.body)(c * l.grain, std::min(l.n, (c + 1) * l.grain));
      } catch (...) {
        error = std::current_exception();  // counted as done, or the caller would wait forever
      }
      std::lock_guard lock(l.mutex);
      if (error && !l.error) l.error = error;
      if (++l.done == l.chunks) l.finished.notify_all();
    }
  };
  const std::size_t helpers = std::min<std::size_t>(size(), loop->chunks - 1);
  for (std::size_t i = 0; i < helpers; ++i) submit([loop, drain] { drain(*loop); });
  drain(*loop);  // the caller works too, so this finishes even when every worker is busy
  std::unique_lock lock(loop->mutex);
  loop->finished.wait(lock, [&] { return loop->done == loop->chunks; });
  if (loop->error) std::rethrow_exception(loop->error);
}

}  // namespace descent
