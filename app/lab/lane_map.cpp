#include "lane_map.hpp"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include "basin_map.hpp"
#include "optimizer.hpp"
#include "published.hpp"

namespace descent {

double KeyAxis::at(int k) const {
  if (count <= 1 || k <= 0) return lo;
  if (k >= count - 1) return hi;
  const double t = static_cast<double>(k) / (count - 1);
  return log ? std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * t) : lo + (hi - lo) * t;
}

LaneMapRequest LaneMapRequest::coarser(int factor) const {
  LaneMapRequest r = *this;
  auto shrink = [&](int n) { return std::max(std::min(n, 2), (n + factor - 1) / factor); };
  r.width = shrink(width), r.height = shrink(height);
  for (KeyAxis& a : r.axes) a.count = shrink(a.count);
  return r;
}

struct LaneMapper::Shared {
  Published<LaneMap> map{nullptr};
  std::mutex publish;  // orders publications; guards error, done and planned
  std::string error;
  std::atomic<std::uint64_t> number{0};  // the newest request's
  // The newest request's lanes finished, its own counter: an abandoned job still finishing a
  // block counts into the counter of its own request.
  std::shared_ptr<std::atomic<std::size_t>> done = std::make_shared<std::atomic<std::size_t>>(0);
  std::size_t planned = 1;
};

LaneMapper::LaneMapper(Session& session)
    : m_session(session), m_shared(std::make_shared<Shared>()) {}

LaneMapper::~LaneMapper() {
  ++m_shared->number;  // what still computes sees it is stale
}

void LaneMapper::request(const LaneMapRequest& request) {
  if (m_requested == request) return;
  if (!request.objective) throw std::invalid_argument("a map needs an objective");
  check_lane_limits(request.limits);
  if (!request.settings()) BasicOptimizer<VecX> check(request.optimizer);
  // A map of another loss, optimizer or kind means nothing meanwhile: it goes at once.
  const auto shown = m_shared->map.load();
  const bool drop = shown && (shown->request.objective != request.objective ||
                              shown->request.optimizer.name != request.optimizer.name ||
                              shown->request.settings() != request.settings());
  m_requested = request;
  std::vector<LaneMapRequest> levels;
  const std::size_t cells =
      static_cast<std::size_t>(request.columns()) * static_cast<std::size_t>(request.rows());
  if (cells > 64 * 64) levels.push_back(request.coarser(4));
  levels.push_back(request);
  std::size_t planned = 0;
  for (const auto& l : levels)
    planned += static_cast<std::size_t>(l.columns()) * static_cast<std::size_t>(l.rows());
  std::uint64_t number;
  auto done = std::make_shared<std::atomic<std::size_t>>(0);
  {
    std::lock_guard lock(m_shared->publish);
    number = ++m_shared->number;  // under the lock: no older job publishes after this
    if (drop) m_shared->map.publish(nullptr);
    m_shared->done = done;
    m_shared->planned = planned;
    m_shared->error.clear();
  }
  ThreadPool& pool = m_session.pool();
  m_session.run_in_background([shared = m_shared, levels = std::move(levels), number, done, &pool] {
    auto stale = [&] { return shared->number.load(std::memory_order_relaxed) != number; };
    if (stale()) return;  // replaced before it started
    try {
      for (std::size_t l = 0; l < levels.size(); ++l) {
        const LaneMapRequest& r = levels[l];
        auto map = std::make_shared<LaneMap>();
        map->request = r;
        map->number = number;
        map->final = l + 1 == levels.size();
        map->outcomes.resize(static_cast<std::size_t>(r.columns()) *
                             static_cast<std::size_t>(r.rows()));
        bool complete;
        if (r.settings()) {
          std::vector<OptimizerSpec> specs;
          specs.reserve(map->outcomes.size());
          for (int j = 0; j < r.rows(); ++j)
            for (int i = 0; i < r.columns(); ++i) {
              OptimizerSpec spec = r.optimizer;
              spec.params[r.axes[0].key] = r.axes[0].at(i);
              if (r.axes.size() > 1) spec.params[r.axes[1].key] = r.axes[1].at(j);
              specs.push_back(std::move(spec));
            }
          complete = run_settings(*r.objective, specs, r.start, r.limits, map->outcomes, pool,
                                  stale, done.get());
        } else {
          complete = run_starts(*r.objective, r.optimizer, grid_starts(r.box, r.width, r.height),
                                r.limits, map->outcomes, pool, stale, done.get());
        }
        if (!complete || stale()) return;
        std::lock_guard lock(shared->publish);
        if (shared->number == number) shared->map.publish(std::move(map));
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(shared->publish);
      if (shared->number == number) shared->error = e.what();
    }
  });
}

void LaneMapper::clear() {
  std::lock_guard lock(m_shared->publish);
  ++m_shared->number;
  m_shared->map.publish(nullptr);
  m_shared->error.clear();
  m_shared->done = std::make_shared<std::atomic<std::size_t>>(0);
  m_shared->planned = 1;
  m_requested.reset();
}

std::shared_ptr<const LaneMap> LaneMapper::map() const {
  return m_shared->map.load();
}

double LaneMapper::progress() const {
  std::lock_guard lock(m_shared->publish);
  if (!m_requested || !m_shared->error.empty()) return 1;
  return std::min(1.0, static_cast<double>(m_shared->done->load()) /
                           static_cast<double>(std::max<std::size_t>(1, m_shared->planned)));
}

std::string LaneMapper::error() const {
  std::lock_guard lock(m_shared->publish);
  return m_shared->error;
}

}  // namespace descent
