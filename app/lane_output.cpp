#include "lane_output.hpp"

#include <cmath>

#include <nlohmann/json.hpp>

#include "basin_map.hpp"
#include "text.hpp"

namespace descent {
namespace {

std::string cell(double value) {
  return std::isfinite(value) ? format_exact(value) : "";
}

nlohmann::ordered_json number(double value) {
  return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

}  // namespace

void write_lanes_csv(std::ostream& out, const LaneTable& table, const ObjectiveInfo& info) {
  const KnownMinima minima(info);
  out << join(table.columns, ",") << "," << kOutcomeColumns << "\n";
  std::string row;
  for (std::size_t i = 0; i < table.outcomes.size(); ++i) {
    const LaneOutcome& o = table.outcomes[i];
    row.clear();
    for (double v : table.leading[i]) row.append(cell(v)).append(",");
    row.append(cell(o.end.x())).append(",").append(cell(o.end.y())).append(",");
    row.append(cell(o.loss)).append(",").append(to_string(o.status)).append(",");
    row.append(std::to_string(o.steps)).append(",");
    if (const auto k = minima.of(o)) row.append(std::to_string(*k));
    out << row.append("\n");
  }
}

void write_lanes_json(std::ostream& out, const LaneTable& table, const ObjectiveInfo& info,
                      const LaneContext& context) {
  const KnownMinima minima(info);
  nlohmann::ordered_json j;
  j["command"] = context.command;
  j["objective"] = context.objective;
  j["optimizer"] = context.optimizer;
  j["steps"] = context.steps;
  j["tolerance"] = context.tolerance;
  j["minima"] = nlohmann::ordered_json::array();
  for (const Vec2& m : minima.points()) j["minima"].push_back({m.x(), m.y()});
  auto& rows = j["rows"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < table.outcomes.size(); ++i) {
    const LaneOutcome& o = table.outcomes[i];
    nlohmann::ordered_json row;
    for (std::size_t c = 0; c < table.columns.size(); ++c)
      row[table.columns[c]] = number(table.leading[i][c]);
    row["x"] = number(o.end.x());
    row["y"] = number(o.end.y());
    row["loss"] = number(o.loss);
    row["status"] = to_string(o.status);
    row["steps"] = o.steps;
    const auto k = minima.of(o);
    row["minimum"] = k ? nlohmann::ordered_json(*k) : nlohmann::ordered_json(nullptr);
    rows.push_back(std::move(row));
  }
  out << j.dump(1) << "\n";
}

}  // namespace descent
