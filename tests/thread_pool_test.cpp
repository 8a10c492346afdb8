// ThreadPool: jobs all run, wait_idle waits, parallel_for covers its range exactly once.
#include <atomic>
#include <chrono>
#include <new>
#include <numeric>
#include <stdexcept>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "thread_pool.hpp"

using namespace descent;

TEST_CASE("pool: every submitted job runs before wait_idle returns", "[pool]") {
  for (unsigned threads : {1u, 2u, 8u}) {
    ThreadPool pool(threads);
    CHECK(pool.size() == threads);
    std::atomic<int> count{0};
    for (int i = 0; i < 1000; ++i)
      pool.submit([&] { count.fetch_add(1, std::memory_order_relaxed); });
    pool.wait_idle();
    CHECK(count.load() == 1000);
  }
}

TEST_CASE("pool: jobs may submit more jobs", "[pool]") {
  ThreadPool pool(2);
  std::atomic<int> count{0};
  std::function<void(int)> chain = [&](int left) {
    count.fetch_add(1);
    if (left > 0) pool.submit([&chain, left] { chain(left - 1); });
  };
  pool.submit([&] { chain(100); });
  pool.wait_idle();
  CHECK(count.load() == 101);
}

TEST_CASE("pool: parallel_for covers every index exactly once", "[pool]") {
  ThreadPool pool(4);
  for (std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
    std::vector<std::atomic<int>> hits(n);
    pool.parallel_for(n, 3, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) hits[i].fetch_add(1);
    });
    for (std::size_t i = 0; i < n; ++i) CHECK(hits[i].load() == 1);
  }
}

TEST_CASE("pool: parallel_for finishes while every worker is busy", "[pool]") {
  ThreadPool pool(2);
  std::atomic<bool> release{false};
  for (int i = 0; i < 2; ++i)
    pool.submit([&] {
      while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    });
  std::vector<int> values(100, 1);
  std::atomic<int> sum{0};
  pool.parallel_for(values.size(), 10, [&](std::size_t b, std::size_t e) {
    sum.fetch_add(std::accumulate(values.begin() + static_cast<long>(b),
                                  values.begin() + static_cast<long>(e), 0));
  });
  CHECK(sum.load() == 100);  // done by the calling thread alone
  release.store(true);
  pool.wait_idle();
}

TEST_CASE("pool: a job that throws does not end the process, and the pool goes on", "[pool]") {
  ThreadPool pool(2);
  std::atomic<int> count{0};
  for (int i = 0; i < 100; ++i)
    pool.submit([&, i] {
      if (i % 10 == 3) throw std::runtime_error("job " + std::to_string(i) + " failed");
      if (i == 50) throw std::bad_alloc();
      count.fetch_add(1);
    });
  pool.wait_idle();
  CHECK(count.load() == 89);
  CHECK(pool.failures() == 11);
  CHECK_FALSE(pool.last_failure().empty());
}

TEST_CASE("pool: parallel_for runs every chunk and rethrows one that threw", "[pool]") {
  ThreadPool pool(3);
  std::vector<std::atomic<int>> hits(100);
  CHECK_THROWS_WITH(pool.parallel_for(100, 7,
                                      [&](std::size_t begin, std::size_t end) {
                                        for (std::size_t i = begin; i < end; ++i) hits[i]++;
                                        if (begin == 14) throw std::runtime_error("chunk 2");
                                      }),
                    "chunk 2");
  for (auto& h : hits) CHECK(h.load() == 1);
  pool.wait_idle();
  CHECK(pool.failures() == 0);  // the caller got it, not the pool
}
