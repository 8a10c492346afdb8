#pragma once
// The flags that describe a scenario, shared by the window, `descent run` and `descent render`:
// a scenario file or a lesson to start from, then what to descend, from where, with which
// optimizers, for how many steps. Each flag given overrides what the file says.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario.hpp"

namespace CLI {
class App;
class Option;
class Validator;
}  // namespace CLI

namespace descent {

class ScenarioArguments {
 public:
  // Adds the flags to `command`; `save` adds --save-scenario too.
  void attach(CLI::App& command, bool save);

  // The scenario the flags describe: --scenario's file, --lesson's, or `fallback`, with every
  // other flag given applied on top. Throws std::invalid_argument naming the flag and what is
  // allowed, also when there is nothing to descend (no base and no objective flag).
  Scenario scenario(const std::optional<Scenario>& fallback = std::nullopt) const;
  // Whether any flag describing the lab was given (else the window restores the last session).
  bool given() const;
  // Whether this flag ("--tol") was given.
  bool given(const char* flag) const { return has(flag); }
  // Whether a flag changes what --scenario's file or --lesson's says.
  bool changes_base() const;
  // --save-scenario's file, or "".
  const std::string& save_path() const { return m_save; }
  // --scenario's file (absolute), or "".
  std::string scenario_file() const;

 private:
  void apply_objective(Scenario& s) const;
  void apply_model(Scenario& s) const;
  void apply_network(ModelSpec& spec) const;
  bool has(const char* flag) const;

  const CLI::App* m_command = nullptr;                // where the flags were attached
  std::vector<const CLI::Option*> m_base, m_changes;  // --scenario and --lesson; the others
  std::string m_scenario, m_lesson, m_save;
  std::string m_surface, m_formula, m_box, m_model, m_data, m_generate, m_columns, m_loss,
      m_penalty, m_start, m_layers, m_activation, m_plane, m_center;
  double m_init_seed = 0, m_plane_seed = 0;
  std::vector<std::string> m_opts;
  double m_steps = 0, m_tolerance = 0;       // whole numbers: doubles so that 1e6 reads
  std::map<std::string, double> m_sampling;  // sampling_info()'s keys, by flag
};

// CLI11 checks with messages that say what is allowed.
CLI::Validator whole_number(std::int64_t lo, std::int64_t hi);
CLI::Validator file_name();
// "WxH" with whole numbers from lo to hi each, and its check.
std::optional<std::pair<int, int>> parse_size(const std::string& text, int lo, int hi);
CLI::Validator size(int lo, int hi, const std::string& example);  // not empty: `--out ''` is a mistake, not "write to stdout"

// Saves `scenario` to `path` when it is not empty: --save-scenario. Throws std::runtime_error.
void save_scenario_if_asked(const Scenario& scenario, const std::string& path);

}  // namespace descent
