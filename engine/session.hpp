#pragma once
// Many runs computed on a thread pool, driven by commands and read through snapshots.
//
// Commands (add, update, remove) validate their input in the caller's thread, publish a new
// immutable snapshot and queue the computation; they never wait for a worker. A reader takes
// snapshot() (see published.hpp) and reads each run's trajectory while workers append to it
// (see trajectory.hpp). An updated run gets a new trajectory: the one being drawn is never
// touched again, and its old computation is cancelled.
//
// Each run is computed by one job at a time, in slices that go round-robin through the
// queue, so all runs progress together and results never depend on the thread count.
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "field.hpp"
#include "objective.hpp"
#include "optimizer_spec.hpp"
#include "published.hpp"
#include "run.hpp"
#include "thread_pool.hpp"

namespace descent {

using RunId = std::uint64_t;

struct RunConfig {
  std::shared_ptr<const Objective> objective;
  OptimizerSpec optimizer;
  Vec2 start = Vec2::Zero();
  RunLimits limits;
  Sampling sampling;
};

// The run `config` describes: over the objective's two parameters, or over a network's all.
std::variant<Run, NetworkRun> make_run(const RunConfig& config);

// One run as published: immutable, except that its trajectory grows.
struct RunView {
  RunId id = 0;
  std::uint64_t version = 0;  // changes whenever the run's config changes
  RunConfig config;
  ParamValues params;  // every optimizer key with its value, defaults filled in
  std::shared_ptr<const Trajectory> trajectory;
};

struct SessionSnapshot {
  std::uint64_t version = 0;
  std::vector<RunView> runs;  // in the order they were added

  const RunView* find(RunId id) const;
};

class Session {
 public:
  // 0 threads: one per hardware thread.
  explicit Session(unsigned threads = 0);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // [SECTION] commands. On std::invalid_argument nothing has changed.
  RunId add(const RunConfig& config);
  void update(RunId id, const RunConfig& config);
  void remove(RunId id);
  void clear();

  // Samples the loss on a grid in the background, coarse first when that is slow (see
  // plan_field). Only the newest request matters: an older one still computing is abandoned.
  // Returns the request number that field() will carry.
  std::uint64_t request_field(FieldRequest request);
  // How far the newest request is, from 0 to 1 (1: its finest grid is published, or it failed).
  double field_progress() const;
  // Why the newest request could not be sampled; "" when it was not refused.
  std::string field_error() const;

  // [SECTION] results
  std::shared_ptr<const SessionSnapshot> snapshot() const { return m_snapshot.load(); }
  // The newest finished field, or null before the first.
  std::shared_ptr<const FieldGrid> field() const { return m_field.load(); }
  // Runs `task` on the workers, for other work that must not block the caller (loading data).
  void run_in_background(std::function<void()> task) { m_pool.submit(std::move(task)); }
  // The workers, for background work that splits itself over them (maps of many runs).
  ThreadPool& pool() { return m_pool; }
  // Blocks until every queued computation has finished: for the CLI and tests, never the UI.
  void wait_idle();
  unsigned threads() const { return m_pool.size(); }

 private:
  struct Job;
  std::shared_ptr<Job> start_job(const RunConfig& config, RunView& view);
  void schedule(std::shared_ptr<Job> job);
  void publish(std::vector<RunView> runs);

  std::mutex m_commands;  // serialises commands; workers never take it
  Published<SessionSnapshot> m_snapshot{std::make_shared<const SessionSnapshot>()};
  std::unordered_map<RunId, std::shared_ptr<Job>> m_jobs;
  Published<FieldGrid> m_field{nullptr};
  mutable std::mutex m_field_publish;            // orders field publications from different workers
  std::string m_field_error;                     // guarded by m_field_publish
  std::atomic<std::uint64_t> m_field_failed{0};  // the request m_field_error is about
  std::atomic<std::uint64_t> m_field_request{0};
  std::atomic<std::size_t> m_field_rows_done{0}, m_field_rows_planned{1};
  RunId m_next_id = 1;
  std::uint64_t m_next_version = 1;
  ThreadPool m_pool;  // last: destroyed first, after every job is cancelled
};

}  // namespace descent
