#pragma once
// What the views show of each run of a network (network_view.hpp: decision regions, accuracy,
// gradient per layer), computed once per (run, kept vector) off the UI thread: asking again for
// the same vector is a lookup, so a paused frame costs nothing, and a frame never waits for a
// pass over a large dataset (it shows the run's latest result until the new one is ready).
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "network_view.hpp"
#include "objective.hpp"
#include "session.hpp"

namespace descent {

// Everything the views show of one kept vector of a run.
struct NetworkInsight {
  std::shared_ptr<const Trajectory> trajectory;  // the vector's
  std::size_t vector = 0;                        // its index there
  std::int64_t step = 0;                         // the step it was kept at
  DecisionGrid grid;                             // over NetworkInsights::area()
  std::vector<Segment> boundary;                 // P(y = 1) = 0.5, for a classifier
  std::optional<double> accuracy;                // for a classifier
  std::vector<double> layer_norms;               // layer_norms(), first layer first
};

class NetworkInsights {
 public:
  static constexpr int kCells = 64;  // per side of the decision grid

  NetworkInsights() = default;
  NetworkInsights(const NetworkInsights&) = delete;
  NetworkInsights& operator=(const NetworkInsights&) = delete;
  ~NetworkInsights();  // waits for the jobs still running

  // Once a frame, before the views ask: follows the objective (nothing is computed unless it is
  // a network) and forgets runs no longer in `runs`.
  void update(const std::shared_ptr<const Objective>& objective, std::span<const RunId> runs);
  // The network of the objective update() was given, or null.
  const Network* network() const { return m_network; }
  // What the grids span: data_area() of the network's data.
  const Box& area() const { return m_area; }

  // The run's insight at the vector shown with `shown` points revealed (vector_at). Starts
  // computing it in the background if need be, and meanwhile returns the run's latest one (of
  // another vector, maybe of an earlier trajectory of the same network), or null.
  const NetworkInsight* get(RunId id, const std::shared_ptr<const Trajectory>& trajectory,
                            std::size_t shown);
  // Whether what get() returned is of the vector asked for (the views say when it is not).
  static bool current(const NetworkInsight& insight, const Trajectory& trajectory,
                      std::size_t shown);
  // Blocks until every job started has finished and is ready for get() (tests).
  void wait();

 private:
  using Result = std::shared_ptr<const NetworkInsight>;
  struct Slot {
    Result ready;
    std::future<Result> job;
    std::shared_ptr<const Trajectory> job_trajectory;
    std::size_t job_vector = 0;
  };
  // Takes a finished job's result into the slot.
  static void collect(Slot& slot, bool block);
  // Drops the slots, keeping jobs that have not finished until they do.
  void retire(Slot& slot);

  std::shared_ptr<const Objective> m_objective;  // keeps m_network alive
  const Network* m_network = nullptr;
  std::shared_ptr<const std::vector<Vec2>> m_points;  // the samples, for the accuracy
  Box m_area;
  std::map<RunId, Slot> m_slots;
  std::vector<std::future<Result>> m_retired;  // jobs of forgotten runs, not yet finished
};

// The insight of kept vector j of a run (what a job computes).
NetworkInsight compute_insight(const Network& network, std::span<const Vec2> points,
                               const Box& area, std::shared_ptr<const Trajectory> trajectory,
                               std::size_t j);

}  // namespace descent
