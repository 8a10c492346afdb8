// `descent map`: a basin map, the outcome of a run from every start of a grid.
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "atomic_file.hpp"
#include "basin_colours.hpp"
#include "basin_map.hpp"
#include "commands.hpp"
#include "lane_command.hpp"
#include "png.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

constexpr int kMostCells = 4096;  // starts across or up

}  // namespace

void MapCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand(
      "map", "Run one optimizer from every start of a grid: where each run ends (a basin map)");
  m_command->footer(
      "Takes the objective flags of `descent run`, one --opt, --steps and --tol (a map's default "
      "tolerance is 1e-3: a run must converge to reach a minimum). One row per "
      "start, row iy = 0 (the lowest y) first: ix,iy,start_x,start_y," +
      std::string(kOutcomeColumns) +
      ". status: converged, diverged or finished (not converged by --steps); steps: when it "
      "stopped; x,y,loss: where it stopped (a diverged run's last finite point); minimum: for a "
      "run that converged, the index of the known minimum (descent list surfaces) within 1% of "
      "the view's diagonal of x,y, else empty. Starts: start_x = X0 + (X1-X0)·ix/(W-1), "
      "over --box "
      "(default: the "
      "objective's view). --format png writes the map as the window colours it: each known "
      "minimum's colour for the runs that converged to it (darker: more steps), black diverged, "
      "grey not converged, pale converged elsewhere.\n\n"
      "Example:\n"
      "  descent map --surface himmelblau --opt adam:lr=0.1 --steps 500 --grid 256x256 --out "
      "basins.csv");
  m_args.attach(*m_command, false);
  m_command->add_option("--grid", m_grid, "Starts across and up, 1 to 4096 each (default 128x128)")
      ->type_name("WxH")
      ->check(size(1, kMostCells, "256x256"));
  attach_lane_output(*m_command, m_threads, m_format, {"csv", "json", "png"}, m_out);
}

int MapCommand::execute() {
  Scenario scenario = m_args.scenario();
  if (!m_args.given("--tol") && scenario.tolerance == 0) scenario.tolerance = 1e-3;
  const LaneJob job = lane_job(scenario, "map");
  const auto [width, height] = parse_size(m_grid, 1, kMostCells).value();  // checked when parsed
  if (m_format == "png" && m_out.empty())
    throw std::invalid_argument("--format png: give the file with --out FILE");
  const std::vector<Vec2> starts = grid_starts(job.view, width, height);
  LaneTable table{.columns = {"ix", "iy", "start_x", "start_y"}, .outcomes = {}};
  table.outcomes.resize(starts.size());
  ThreadPool pool(to_whole(m_threads, 0u, 256u).value());
  run_starts(*job.objective, job.optimizer, starts, job.limits, table.outcomes, pool);
  if (m_format == "png") {
    const int scale = std::max(1, 512 / std::max(width, height));
    write_png(m_out, width * scale, height * scale,
              basin_image(job.objective->info(), table.outcomes, width, height,
                          job.limits.max_steps, scale));
    return 0;
  }
  table.leading.reserve(starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i)
    table.leading.push_back({static_cast<double>(i % static_cast<std::size_t>(width)),
                             static_cast<double>(i / static_cast<std::size_t>(width)),
                             starts[i].x(), starts[i].y()});
  write_lane_table(table, job,
                   {"map", job.objective->info().name, format_optimizer_spec(job.optimizer),
                    job.limits.max_steps, job.limits.tolerance},
                   m_format, m_out);
  return 0;
}

}  // namespace descent
