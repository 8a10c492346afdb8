// `descent sweep`: one optimizer from one start, over a range of one or two of its keys.
#include <cmath>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "lane_command.hpp"
#include "lane_map.hpp"
#include "optimizer_registry.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

constexpr int kMostValues = 4096;
constexpr std::size_t kMostSettings = std::size_t{1} << 20;

// One --vary: KEY=LO:HI:COUNT[:log].
struct Vary {
  std::string key;
  std::vector<double> values;
};

Vary parse_vary(const std::string& text, const OptimizerInfo& optimizer) {
  auto refuse = [&](const std::string& why) {
    throw std::invalid_argument(cat("--vary ", text, ": ", why));
  };
  const auto eq = text.find('=');
  if (eq == std::string::npos) refuse("expected KEY=LO:HI:COUNT or KEY=LO:HI:COUNT:log");
  Vary vary{text.substr(0, eq), {}};
  const ParamSpec* spec = find_spec(optimizer.params, vary.key);
  if (!spec) {
    std::vector<std::string> keys;
    for (const ParamSpec& p : optimizer.params) keys.push_back(p.key);
    refuse(cat(optimizer.name, " has no key '", vary.key, "'; its keys: ", join(keys)));
  }
  std::vector<std::string> parts;
  for (std::size_t from = eq + 1;;) {
    const auto colon = text.find(':', from);
    parts.push_back(text.substr(from, colon == std::string::npos ? colon : colon - from));
    if (colon == std::string::npos) break;
    from = colon + 1;
  }
  const bool log = parts.size() == 4 && parts[3] == "log";
  double lo = 0, hi = 0, count = 0;
  if ((parts.size() != 3 && !log) || !parse_number(parts[0], lo) || !parse_number(parts[1], hi) ||
      !parse_number(parts[2], count) || !std::isfinite(lo) || !std::isfinite(hi))
    refuse("expected KEY=LO:HI:COUNT or KEY=LO:HI:COUNT:log, with LO and HI numbers");
  const auto n = to_whole(count, 1, kMostValues);
  if (!n) refuse(cat("COUNT must be a whole number from 1 to ", kMostValues));
  if (log && !(lo > 0 && hi > 0)) refuse("a log range needs LO > 0 and HI > 0");
  const KeyAxis axis{vary.key, lo, hi, log, *n};  // the ends exactly as given
  for (int k = 0; k < *n; ++k) {
    const double v = axis.at(k);
    if (std::string why = spec->why_refused(v); !why.empty())
      refuse(cat(vary.key, " = ", format_exact(v), " ", why));
    vary.values.push_back(v);
  }
  return vary;
}

}  // namespace

void SweepCommand::attach(CLI::App& app) {
  m_command = app.add_subcommand(
      "sweep", "Run one optimizer from one start over a range of one or two of its keys");
  m_command->footer(
      "Takes the objective flags of `descent run`, --start, one --opt (the keys not varied), "
      "--steps and --tol. --vary KEY=LO:HI:COUNT spreads COUNT values evenly from LO to HI, "
      "KEY=LO:HI:COUNT:log evenly on a log scale; a second --vary makes a grid. One row per "
      "setting: ix[,iy],KEY[,KEY2]," +
      std::string(kOutcomeColumns) + " (as `descent map` writes them).\n\n" +
      "Examples:\n"
      "  descent sweep --surface rosenbrock --start=-1.2,1 --opt sgd --steps 500 \\\n"
      "                --vary lr=1e-5:1e-2:64:log\n"
      "  descent sweep --surface ill_conditioned --opt sgd --steps 300 \\\n"
      "                --vary lr=1e-3:1:128:log --vary momentum=0:0.99:100");
  m_args.attach(*m_command, false);
  m_command->add_option("--vary", m_vary, "KEY=LO:HI:COUNT[:log]: a key's range; at most two")
      ->type_name("KEY=LO:HI:COUNT[:log]")
      ->expected(1, 2)
      ->required();
  attach_lane_output(*m_command, m_threads, m_format, {"csv", "json"}, m_out);
}

int SweepCommand::execute() {
  const LaneJob job = lane_job(m_args.scenario(), "sweep");
  const OptimizerInfo& optimizer = optimizers().find(job.optimizer.name);
  std::vector<Vary> varies;
  for (const std::string& text : m_vary) varies.push_back(parse_vary(text, optimizer));
  if (varies.size() == 2 && varies[0].key == varies[1].key)
    throw std::invalid_argument(cat("--vary: ", varies[0].key, " is given twice"));
  const std::size_t nx = varies[0].values.size(),
                    ny = varies.size() == 2 ? varies[1].values.size() : 1;
  if (nx * ny > kMostSettings)
    throw std::invalid_argument(
        cat("--vary: ", nx, " x ", ny, " settings is more than ", kMostSettings));

  LaneTable table;
  table.columns = {"ix"};
  if (varies.size() == 2) table.columns.push_back("iy");
  for (const Vary& v : varies) table.columns.push_back(v.key);
  std::vector<OptimizerSpec> specs;
  specs.reserve(nx * ny);
  for (std::size_t iy = 0; iy < ny; ++iy)
    for (std::size_t ix = 0; ix < nx; ++ix) {
      OptimizerSpec spec = job.optimizer;
      spec.params[varies[0].key] = varies[0].values[ix];
      std::vector<double> leading{static_cast<double>(ix)};
      if (varies.size() == 2) {
        spec.params[varies[1].key] = varies[1].values[iy];
        leading.push_back(static_cast<double>(iy));
      }
      leading.push_back(varies[0].values[ix]);
      if (varies.size() == 2) leading.push_back(varies[1].values[iy]);
      specs.push_back(std::move(spec));
      table.leading.push_back(std::move(leading));
    }
  table.outcomes.resize(specs.size());
  ThreadPool pool(to_whole(m_threads, 0u, 256u).value());
  run_settings(*job.objective, specs, job.start, job.limits, table.outcomes, pool);
  write_lane_table(table, job,
                   {"sweep", job.objective->info().name, format_optimizer_spec(job.optimizer),
                    job.limits.max_steps, job.limits.tolerance},
                   m_format, m_out);
  return 0;
}

}  // namespace descent
