#include "session.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <variant>

#include "network_slice.hpp"
#include "text.hpp"

namespace descent {

namespace {
// A run computes for about this long, then goes to the back of the queue: a run over many
// samples (milliseconds a step) never holds a worker for long, so every run, and the field,
// gets its turn. Results do not depend on it: a run is computed in order by one job at a time.
constexpr auto kSlice = std::chrono::milliseconds(1);
constexpr std::int64_t kMostSteps = 1 << 14;  // per chunk between looks at the clock
}  // namespace

struct Session::Job {
  std::variant<Run, NetworkRun> run;  // a network's run is over all its parameters
  std::atomic<bool> cancelled{false};

  bool advance(std::int64_t budget) {
    return std::visit([&](auto& r) { return r.advance(budget); }, run);
  }
  void cancel() {
    std::visit([](auto& r) { r.cancel(); }, run);
  }
  void fail(std::string error) {
    std::visit([&](auto& r) { r.fail(std::move(error)); }, run);
  }
  const std::shared_ptr<Trajectory>& trajectory() const {
    return std::visit([](auto& r) -> const std::shared_ptr<Trajectory>& { return r.trajectory(); },
                      run);
  }
};

std::variant<Run, NetworkRun> make_run(const RunConfig& config) {
  if (const NetworkSlice* slice = config.objective->network_slice())
    return NetworkRun(slice->loss(), BasicOptimizer<VecX>(config.optimizer),
                      slice->start_parameters(), config.limits, config.sampling, slice->plane());
  return Run(config.objective, Optimizer(config.optimizer), config.start, config.limits,
             config.sampling);
}

const RunView* SessionSnapshot::find(RunId id) const {
  for (const auto& run : runs)
    if (run.id == id) return &run;
  return nullptr;
}

Session::Session(unsigned threads) : m_pool(threads) {}

Session::~Session() {
  m_field_request.fetch_add(1);  // abandons any field being sampled
  std::lock_guard lock(m_commands);
  for (auto& [id, job] : m_jobs) job->cancelled.store(true, std::memory_order_relaxed);
}

std::shared_ptr<Session::Job> Session::start_job(const RunConfig& config, RunView& view) {
  if (!config.objective) throw std::invalid_argument("run has no objective");
  Optimizer optimizer(config.optimizer);  // validates
  view.config = config;
  view.params = optimizer.params();
  view.version = m_next_version++;
  // Job holds an atomic, so it is built in place rather than moved into make_shared.
  std::shared_ptr<Job> job(new Job{make_run(config)});
  view.trajectory = job->trajectory();
  return job;
}

void Session::schedule(std::shared_ptr<Job> job) {
  m_pool.submit([this, job = std::move(job)]() mutable {
    const auto end = std::chrono::steady_clock::now() + kSlice;
    bool more = true;
    for (std::int64_t steps = 1; more && std::chrono::steady_clock::now() < end;
         steps = std::min(2 * steps, kMostSteps)) {
      if (job->cancelled.load(std::memory_order_relaxed)) return job->cancel();
      more = job->advance(steps);
    }
    if (!more) return;
    try {
      schedule(job);  // to the back of the queue
    } catch (const std::exception& e) {
      job->fail(e.what());  // a run nobody steps any more must not look like it is running
    }
  });
}

void Session::publish(std::vector<RunView> runs) {
  auto next = std::make_shared<SessionSnapshot>();
  next->version = m_next_version++;
  next->runs = std::move(runs);
  m_snapshot.publish(std::move(next));
}

RunId Session::add(const RunConfig& config) {
  std::lock_guard lock(m_commands);
  RunView view;
  auto job = start_job(config, view);
  view.id = m_next_id++;
  auto runs = m_snapshot.load()->runs;
  runs.push_back(view);
  publish(std::move(runs));
  m_jobs[view.id] = job;
  schedule(std::move(job));
  return view.id;
}

void Session::update(RunId id, const RunConfig& config) {
  std::lock_guard lock(m_commands);
  auto runs = m_snapshot.load()->runs;
  auto it = std::find_if(runs.begin(), runs.end(), [id](const RunView& r) { return r.id == id; });
  if (it == runs.end()) throw std::invalid_argument(cat("no run with id ", id));
  RunView view = *it;
  auto job = start_job(config, view);
  *it = view;
  publish(std::move(runs));
  m_jobs[id]->cancelled.store(true, std::memory_order_relaxed);
  m_jobs[id] = job;
  schedule(std::move(job));
}

void Session::remove(RunId id) {
  std::lock_guard lock(m_commands);
  auto runs = m_snapshot.load()->runs;
  std::erase_if(runs, [id](const RunView& r) { return r.id == id; });
  publish(std::move(runs));
  if (auto it = m_jobs.find(id); it != m_jobs.end()) {
    it->second->cancelled.store(true, std::memory_order_relaxed);
    m_jobs.erase(it);
  }
}

void Session::clear() {
  std::lock_guard lock(m_commands);
  publish({});
  for (auto& [id, job] : m_jobs) job->cancelled.store(true, std::memory_order_relaxed);
  m_jobs.clear();
}

std::uint64_t Session::request_field(FieldRequest request) {
  if (!request.objective || request.width <= 0 || request.height <= 0)
    throw std::invalid_argument("field request needs an objective and a positive size");
  std::vector<FieldRequest> levels = plan_field(request);
  std::size_t rows = 0;
  for (const auto& level : levels) rows += static_cast<std::size_t>(level.height);
  std::uint64_t number;
  {
    std::lock_guard lock(m_field_publish);
    number = m_field_request.fetch_add(1) + 1;
    m_field_rows_done.store(0);
    m_field_rows_planned.store(rows);
  }
  m_pool.submit([this, levels = std::move(levels), number] {
    auto stale = [this, number] {
      return m_field_request.load(std::memory_order_relaxed) != number;
    };
    // A field that cannot be sampled (out of memory, an objective that throws) ends its request
    // with the reason, so that nobody waits for it.
    auto fail = [&](const std::string& why) {
      std::lock_guard lock(m_field_publish);
      m_field_error = why;
      m_field_failed.store(number);
    };
    try {
      for (std::size_t l = 0; l < levels.size(); ++l) {
        if (stale()) return;
        auto grid = sample_field(levels[l], m_pool, stale, &m_field_rows_done);
        if (!grid) return;
        grid->request = number;
        grid->final = l + 1 == levels.size();
        // A newer field may have been published meanwhile; never replace it with an older one.
        std::lock_guard lock(m_field_publish);
        auto current = m_field.load();
        if (!current || current->request < number ||
            (current->request == number && !current->final))
          m_field.publish(std::move(grid));
      }
    } catch (const std::bad_alloc&) {
      fail("out of memory");
    } catch (const std::exception& e) {
      fail(e.what());
    } catch (...) {
      fail("an unknown error");
    }
  });
  return number;
}

std::string Session::field_error() const {
  std::lock_guard lock(m_field_publish);
  return m_field_failed.load() == m_field_request.load() ? m_field_error : std::string();
}

double Session::field_progress() const {
  if (m_field_failed.load() == m_field_request.load()) return 1;  // ended, with field_error()
  auto field = m_field.load();
  if (field && field->request == m_field_request.load() && field->final) return 1;
  return std::min(0.99,
                  static_cast<double>(m_field_rows_done.load()) /
                      static_cast<double>(std::max<std::size_t>(1, m_field_rows_planned.load())));
}

void Session::wait_idle() {
  m_pool.wait_idle();
}

}  // namespace descent
