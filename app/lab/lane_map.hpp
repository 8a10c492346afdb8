#pragma once
// An instrument's many runs, computed in the background on the session's workers: a basin map
// (a run from every start of a grid) or a settings map (a run from one start for every setting
// of one or two of the optimizer's keys: a learning-rate sweep, a hyperparameter map). A coarse
// map comes first, then the full one; a newer request abandons an older one.
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lanes.hpp"
#include "session.hpp"

namespace descent {

// One axis of a settings map: values of one key from lo to hi, evenly or on a log scale.
struct KeyAxis {
  std::string key;
  double lo = 0, hi = 1;
  bool log = false;
  int count = 2;
  // Value k of count (the ends exactly lo and hi).
  double at(int k) const;
  bool operator==(const KeyAxis&) const = default;
};

struct LaneMapRequest {
  std::shared_ptr<const Objective> objective;
  OptimizerSpec optimizer;  // a settings map: the keys not varied
  LaneLimits limits;
  // A basin map: the starts of an inclusive width x height grid over `box`...
  Box box;
  int width = 0, height = 0;
  // ...or, with axes (one or two), a settings map from `start`.
  std::vector<KeyAxis> axes;
  Vec2 start{0, 0};

  bool settings() const { return !axes.empty(); }
  int columns() const { return settings() ? axes[0].count : width; }
  int rows() const { return settings() ? (axes.size() > 1 ? axes[1].count : 1) : height; }
  // The same request made `factor` times coarser on each side (at least 2 cells a side).
  LaneMapRequest coarser(int factor) const;
  bool operator==(const LaneMapRequest&) const = default;
};

struct LaneMap {
  LaneMapRequest request;  // what this map is: the request, or its coarse first look
  std::uint64_t number = 0;
  bool final = true;
  std::vector<LaneOutcome> outcomes;  // row-major, row 0 (the lowest y, or axes[1].lo) first
  const LaneOutcome& at(int column, int row) const {
    return outcomes[static_cast<std::size_t>(row) * static_cast<std::size_t>(request.columns()) +
                    static_cast<std::size_t>(column)];
  }
};

class LaneMapper {
 public:
  explicit LaneMapper(Session& session);
  ~LaneMapper();  // abandons what computes
  LaneMapper(const LaneMapper&) = delete;
  LaneMapper& operator=(const LaneMapper&) = delete;

  // Computes `request` unless it is what was asked last. Throws std::invalid_argument for a
  // request that cannot run (its limits, its optimizer), and keeps the previous one.
  void request(const LaneMapRequest& request);
  // Abandons what computes and forgets the result (the instrument was closed).
  void clear();
  // The newest map (perhaps of an older request, until the new one's first look arrives).
  std::shared_ptr<const LaneMap> map() const;
  // How far the newest request is, 0 to 1; 1 when idle.
  double progress() const;
  // Why the newest request failed while computing, or "".
  std::string error() const;
  const std::optional<LaneMapRequest>& requested() const { return m_requested; }

 private:
  struct Shared;
  Session& m_session;
  std::shared_ptr<Shared> m_shared;  // also held by the jobs, which may outlive this
  std::optional<LaneMapRequest> m_requested;
};

}  // namespace descent
