#include "network_insights.hpp"

#include <algorithm>
#include <chrono>

#include "models/network_model.hpp"

namespace descent {
namespace {

bool finished(const std::future<std::shared_ptr<const NetworkInsight>>& job) {
  return job.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace

NetworkInsight compute_insight(const Network& network, std::span<const Vec2> points,
                               const Box& area, std::shared_ptr<const Trajectory> trajectory,
                               std::size_t j) {
  NetworkInsight insight;
  const VecX p = parameters_of(*trajectory, j);
  insight.vector = j;
  insight.step = trajectory->step(trajectory->parameter_point(j));
  insight.grid = decision_grid(network, p, area, NetworkInsights::kCells);
  if (network.classifier()) {
    insight.boundary = contour(insight.grid);
    insight.accuracy = accuracy(network, p, points);
  }
  insight.layer_norms = layer_norms(network, p);
  insight.trajectory = std::move(trajectory);
  return insight;
}

NetworkInsights::~NetworkInsights() {
  // Futures of std::async wait as they are destroyed: said here rather than left implicit.
  for (auto& [id, slot] : m_slots)
    if (slot.job.valid()) slot.job.wait();
  for (auto& job : m_retired) job.wait();
}

void NetworkInsights::retire(Slot& slot) {
  if (slot.job.valid() && !finished(slot.job)) m_retired.push_back(std::move(slot.job));
}

void NetworkInsights::update(const std::shared_ptr<const Objective>& objective,
                             std::span<const RunId> runs) {
  std::erase_if(m_retired, [](const auto& job) { return finished(job); });
  const Network* network = objective ? network_of(*objective) : nullptr;
  if (network != m_network) {
    for (auto& [id, slot] : m_slots) retire(slot);
    m_slots.clear();
    m_network = network;
    m_points.reset();
    if (network) {
      m_points = std::make_shared<const std::vector<Vec2>>(sample_points(network->data()));
      m_area = data_area(network->data());
    }
  }
  // A new plane through the same network keeps what was computed: the parameters are the same.
  m_objective = network ? objective : nullptr;
  for (auto it = m_slots.begin(); it != m_slots.end();) {
    if (std::find(runs.begin(), runs.end(), it->first) != runs.end()) {
      ++it;
    } else {
      retire(it->second);
      it = m_slots.erase(it);
    }
  }
}

void NetworkInsights::collect(Slot& slot, bool block) {
  if (!slot.job.valid() || (!block && !finished(slot.job))) return;
  try {
    slot.ready = slot.job.get();
  } catch (const std::exception&) {
    // Out of memory, say: the views go on showing the previous result.
  }
  slot.job_trajectory.reset();
}

bool NetworkInsights::current(const NetworkInsight& insight, const Trajectory& trajectory,
                              std::size_t shown) {
  return insight.trajectory.get() == &trajectory && vector_at(trajectory, shown) == insight.vector;
}

const NetworkInsight* NetworkInsights::get(RunId id,
                                           const std::shared_ptr<const Trajectory>& trajectory,
                                           std::size_t shown) {
  if (!m_network || !trajectory) return nullptr;
  Slot& slot = m_slots[id];
  collect(slot, false);
  const std::optional<std::size_t> j = vector_at(*trajectory, shown);
  if (!j) return slot.ready.get();
  const bool have = slot.ready && slot.ready->trajectory == trajectory && slot.ready->vector == *j;
  const bool computing =
      slot.job.valid() && slot.job_trajectory == trajectory && slot.job_vector == *j;
  // One job per run at a time: while playback moves on, the next starts from where it is then.
  if (!have && !computing && !slot.job.valid()) {
    slot.job_trajectory = trajectory;
    slot.job_vector = *j;
    slot.job = std::async(std::launch::async,
                          [objective = m_objective, network = m_network, points = m_points,
                           area = m_area, trajectory, j = *j]() -> Result {
                            (void)objective;  // keeps the network alive while the job runs
                            return std::make_shared<const NetworkInsight>(
                                compute_insight(*network, *points, area, trajectory, j));
                          });
  }
  return slot.ready.get();
}

void NetworkInsights::wait() {
  for (auto& [id, slot] : m_slots) collect(slot, true);
}

}  // namespace descent
