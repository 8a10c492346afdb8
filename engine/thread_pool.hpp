#pragma once
// A fixed set of worker threads taking jobs from one FIFO queue.
//
// Our own rather than oneTBB: the Session needs only fire-and-forget jobs and a blocking
// parallel loop, and a pool built on std::thread, mutex and condition_variable is fully
// visible to ThreadSanitizer (an uninstrumented TBB is not, which hides or fakes races in the
// very tests that must prove the Session race-free).
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace descent {

class ThreadPool {
 public:
  // 0 threads: one per hardware thread.
  explicit ThreadPool(unsigned threads = 0);
  // Runs the jobs still queued, then joins the workers.
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  unsigned size() const { return static_cast<unsigned>(m_workers.size()); }

  // A job that throws does not end the process: the pool counts it and keeps its message (jobs
  // that can say whom an error concerns, such as a run's, catch their own and report it there).
  void submit(std::function<void()> job);
  std::size_t failures() const;
  std::string last_failure() const;
  // Blocks until the queue is empty and no job is running. Not for the UI thread.
  void wait_idle();
  // Calls body(begin, end) over [0, n) split into chunks run on the workers and the calling
  // thread; returns when all are done. May be called from inside a pool job: the caller works
  // through the chunks itself, so it never waits for a helper that has not started. When a
  // chunk throws, the others still run and the first exception is rethrown here.
  void parallel_for(std::size_t n, std::size_t grain,
                    const std::function<void(std::size_t, std::size_t)>& body);

 private:
  void work();

  std::vector<std::thread> m_workers;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake, m_idle;
  std::deque<std::function<void()>> m_queue;
  std::size_t m_active = 0;
  std::size_t m_failures = 0;
  std::string m_last_failure;
  bool m_stopping = false;
};

}  // namespace descent
