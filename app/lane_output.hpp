#pragma once
// What `descent map` and `descent sweep` write: a row per lane, its leading columns (the grid
// cell, and the start or the settings it ran with), then how it ended.
#include <ostream>
#include <string>
#include <vector>

#include "lanes.hpp"

namespace descent {

struct LaneTable {
  std::vector<std::string> columns;          // the leading columns' names: "ix", "start_x"...
  std::vector<std::vector<double>> leading;  // a lane's leading values, as many as columns
  std::vector<LaneOutcome> outcomes;
};

// What the JSON says about how the lanes ran, before its rows.
struct LaneContext {
  std::string command;    // "map", "sweep"
  std::string objective;  // its name
  std::string optimizer;  // the spec as text
  std::int64_t steps = 0;
  double tolerance = 0;
};

// The columns every row ends with.
inline constexpr const char* kOutcomeColumns = "x,y,loss,status,steps,minimum";

// Header, then a row per lane: numbers with 17 significant digits, an empty loss where a lane
// diverged at its start, an empty minimum where it reached none (basin_map.hpp).
void write_lanes_csv(std::ostream& out, const LaneTable& table, const ObjectiveInfo& info);
// {"command", "objective", "optimizer", "steps", "tolerance", "minima": [[x, y]...],
//  "rows": [{column: value...}]}: the same values, null where the CSV is empty.
void write_lanes_json(std::ostream& out, const LaneTable& table, const ObjectiveInfo& info,
                      const LaneContext& context);

}  // namespace descent
