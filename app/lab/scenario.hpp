#pragma once
// A scenario: the whole lab as a JSON file that can be saved, shared and opened again. The
// lessons Descent ships are scenarios with a text. Every choice in it (surface, model, loss,
// penalty, generator, optimizer, schedule, clipping, sampling) is read and written from the
// registries' metadata, so a new registry entry is a valid scenario value at once.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "batches.hpp"
#include "objective_spec.hpp"
#include "optimizer_spec.hpp"
#include "palette.hpp"
#include "param.hpp"
#include "playback.hpp"

namespace descent {

struct RunSpec {
  OptimizerSpec optimizer;
  Sampling sampling;
  std::optional<Rgb> colour;  // none: the next free colour of the palette
  bool visible = true;
  std::string label;          // "" : named after its spec
  std::optional<Vec2> start;  // its own start; none: the scenario's

  bool operator==(const RunSpec&) const = default;
};

struct Lesson {
  std::string title, text, question;  // the question is for the class to answer

  bool empty() const { return title.empty() && text.empty() && question.empty(); }
  bool operator==(const Lesson&) const = default;
};

struct Contours {
  bool log = true;  // levels evenly spaced in log(f - min), else in f
  int levels = 24;
  bool operator==(const Contours&) const = default;
};

struct Scenario {
  static constexpr int kVersion = 1;
  static constexpr std::int64_t kDefaultSteps = 2000;

  Lesson lesson;
  ObjectiveSpec objective = SurfaceSpec{};
  std::optional<Vec2> start;  // none: the start the objective suggests
  std::int64_t steps = kDefaultSteps;
  double tolerance = 0;  // a run stops once |gradient| < tolerance; 0: never
  std::vector<RunSpec> runs;
  std::optional<Box> view;  // what the canvas shows; none: the objective's view
  Contours contours;
  double position = 0;              // the playback step
  double speed = Playback{}.speed;  // steps per second

  bool operator==(const Scenario&) const = default;
};

// The scenario's own numbers, described once for the file, the panels and the command line:
// steps, tolerance, contour_levels, speed.
const std::vector<ParamSpec>& scenario_keys();
const ParamSpec& scenario_key(std::string_view key);

// Parses a scenario from JSON text. `source` names it in messages; relative CSV paths are
// resolved against `directory`. Throws std::invalid_argument with one line: the source, the
// key path (runs[2].params.lr) and what is allowed.
Scenario parse_scenario(std::string_view text, const std::string& source,
                        const std::string& directory);
// Reads a scenario file; the same errors, and the file's own (missing, unreadable).
Scenario load_scenario(const std::string& path);

// The JSON text, with keys in a fixed order; CSV paths inside `directory` are written relative
// to it, so a scenario can be sent along with its data.
std::string scenario_json(const Scenario& scenario, const std::string& directory = "");
// Writes atomically; throws std::runtime_error naming the path and the reason.
void save_scenario(const Scenario& scenario, const std::string& path);

// "#rrggbb", and back (std::nullopt when malformed).
std::string colour_text(Rgb colour);
std::optional<Rgb> parse_colour(std::string_view text);

}  // namespace descent
