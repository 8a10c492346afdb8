#pragma once
// Hyperparameter metadata: one ParamSpec per key drives validation, the CLI, the GUI's widgets
// and tooltips, and `descent list`.
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace descent {

enum class ParamKind { real, integer, flag };

struct ParamSpec {
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  std::string key;
  double default_value = 0;                 // NaN: the key has no default and must be given
  double min = -kInf, max = kInf;           // valid range
  bool min_open = false, max_open = false;  // whether the bound itself is excluded
  double ui_min = 0, ui_max = 1;            // the range a slider offers
  bool log_scale = false;                   // a slider moves in log space
  ParamKind kind = ParamKind::real;
  std::string help;  // one line, shown as a tooltip

  bool required() const { return default_value != default_value; }
  bool accepts(double value) const;
  // Why `value` is refused ("is out of range; allowed: lr >= 0", "is not a whole number; ..."),
  // or "" when it is accepted.
  std::string why_refused(double value) const;
  // "lr >= 0", "0 <= beta1 < 1", "0 or 1", "an integer, step_size >= 1".
  std::string range_text() const;
};

// Key -> value, ordered by key.
using ParamValues = std::map<std::string, double, std::less<>>;

// Checks `given` against `specs` and fills in defaults. Throws std::invalid_argument naming
// `owner` and the culprit key: unknown keys (listing the valid ones), values out of range
// (saying the range), non-integers for integer keys, flags other than 0/1, missing keys.
ParamValues resolve_params(std::string_view owner, const std::vector<ParamSpec>& specs,
                           const ParamValues& given);

const ParamSpec* find_spec(const std::vector<ParamSpec>& specs, std::string_view key);

// [SECTION] builders for the keys most optimizers share
namespace keys {
ParamSpec lr(double default_value);
ParamSpec eps(double default_value);
ParamSpec weight_decay(double default_value, std::string help = "");
ParamSpec beta(std::string key, double default_value, std::string help);
ParamSpec flag(std::string key, std::string help);
// A seed: an integer from 0 to 2^53.
ParamSpec seed(std::string help, std::string key = "seed");
}  // namespace keys

}  // namespace descent
