#include "edit_name.hpp"

#include <filesystem>
#include <vector>

#include "lab.hpp"
#include "text.hpp"

namespace descent {
namespace {

// The run's name as the legend shows it, cut short for a menu.
std::string quoted(const RunSpec& run) {
  constexpr std::size_t kLongest = 40;
  std::string name = run.label.empty() ? run_label(run.optimizer) : run.label;
  if (name.size() > kLongest) {
    std::size_t cut = kLongest;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    name = name.substr(0, cut) + "...";
  }
  return "'" + name + "'";
}

// The keys whose values differ: set in one and not the other, or set to another value.
std::vector<std::string> changed_keys(const ParamValues& a, const ParamValues& b) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : a)
    if (auto it = b.find(key); it == b.end() || it->second != value) keys.push_back(key);
  for (const auto& [key, value] : b)
    if (!a.contains(key)) keys.push_back(key);
  return keys;
}

// "lr", "lr and momentum"; `whole` for more.
std::string key_names(const std::vector<std::string>& keys, const std::string& whole) {
  if (keys.size() == 1) return keys[0];
  if (keys.size() == 2) return keys[0] + " and " + keys[1];
  return whole;
}

// A registry's choice: another entry, or other values for its keys.
std::string choice_change(const char* what, const Choice& a, const Choice& b) {
  if (a.name != b.name) return cat(what, " to ", b.name);
  return cat(key_names(changed_keys(a.params, b.params), "settings"), " of the ", what);
}

std::string objective_change(const ObjectiveSpec& before, const ObjectiveSpec& after) {
  if (before.index() != after.index()) {
    if (const auto* s = std::get_if<SurfaceSpec>(&after)) return "switch to " + s->name;
    if (std::holds_alternative<FormulaSpec>(after)) return "switch to a formula";
    return "switch to the " + std::get<ModelSpec>(after).model.name + " model";
  }
  if (const auto* s = std::get_if<SurfaceSpec>(&after)) return "switch to " + s->name;
  if (const auto* f = std::get_if<FormulaSpec>(&after))
    return f->text != std::get<FormulaSpec>(before).text ? "edit of the formula"
                                                         : "change of the formula's box";
  const ModelSpec &a = std::get<ModelSpec>(before), &b = std::get<ModelSpec>(after);
  if (a.model.name != b.model.name) return "switch to the " + b.model.name + " model";
  if (a.model != b.model) return "change of " + choice_change("model", a.model, b.model);
  if (a.loss != b.loss) return "change of " + choice_change("loss", a.loss, b.loss);
  if (a.penalty != b.penalty) return "change of " + choice_change("penalty", a.penalty, b.penalty);
  if (a.network.layers != b.network.layers) return "change of layers to " + b.network.layers;
  if (a.network.activation != b.network.activation)
    return "change of " + choice_change("activation", a.network.activation, b.network.activation);
  if (a.network.plane != b.network.plane)
    return b.network.plane == "pca" ? "switch to the plane of the paths"
                                    : "switch to a random plane";
  if (a.network.start != b.network.start) return "change of the network's start";
  if (a.data.path != b.data.path)
    return b.data.path.empty()
               ? "switch to generated data"
               : "open data '" + std::filesystem::path(b.data.path).filename().string() + "'";
  if (a.data.columns != b.data.columns) return "change of the data's columns";
  return "change of " + choice_change("data", a.data.generator, b.data.generator);
}

std::string run_change(const RunSpec& a, const RunSpec& b) {
  const std::string who = quoted(a);
  const OptimizerSpec &x = a.optimizer, &y = b.optimizer;
  if (x.name != y.name) return cat("switch ", who, " to ", y.name);
  if (x.params != y.params)
    return cat("change of ", key_names(changed_keys(x.params, y.params), "settings"), " in ", who);
  if (x.schedule != y.schedule)
    return cat("change of ", choice_change("schedule", x.schedule, y.schedule), " in ", who);
  if (x.clip != y.clip)
    return cat("change of ", choice_change("clip", x.clip, y.clip), " in ", who);
  if (a.sampling != b.sampling)
    return cat("change of ",
               key_names(changed_keys(sampling_values(a.sampling), sampling_values(b.sampling)),
                         "sampling"),
               " in ", who);
  if (a.start != b.start) {
    if (!a.start) return cat("own start for ", who);
    if (!b.start) return cat("shared start for ", who);
    return cat("move of the start of ", who);
  }
  if (a.colour != b.colour) return cat("change of colour of ", who);
  if (a.visible != b.visible) return cat(b.visible ? "show " : "hide ", who);
  if (a.label != b.label)
    return b.label.empty() ? cat("clear of the label of ", who) : cat("rename of ", who);
  return cat("change of ", who);
}

std::string runs_change(const std::vector<RunSpec>& before, const std::vector<RunSpec>& after) {
  std::size_t first = 0;  // the first place where they differ
  while (first < before.size() && first < after.size() && before[first] == after[first]) ++first;
  if (after.size() == before.size() + 1) {
    const RunSpec& added = after[first];
    if (first > 0) {  // Duplicate puts the copy right after its original, in another colour
      RunSpec original = after[first - 1];
      original.colour = added.colour;
      if (original == added) return "duplicate " + quoted(added);
    }
    return "add run " + quoted(added);
  }
  if (before.size() == after.size() + 1) return "remove run " + quoted(before[first]);
  if (after.size() > before.size()) return cat("add ", after.size() - before.size(), " runs");
  if (after.size() < before.size()) return cat("remove ", before.size() - after.size(), " runs");
  std::size_t changed = 0;
  for (std::size_t i = 0; i < after.size(); ++i) changed += before[i] != after[i];
  if (changed == 1) return run_change(before[first], after[first]);
  return cat("change of ", changed, " runs");
}

}  // namespace

std::string edit_name(const Scenario& before, const Scenario& after) {
  if (before.lesson != after.lesson) return "change of lesson";
  if (before.objective != after.objective)
    return objective_change(before.objective, after.objective);
  if (before.runs != after.runs) return runs_change(before.runs, after.runs);
  if (before.start != after.start) return "move of the start";
  if (before.steps != after.steps) return cat("step limit ", after.steps);
  if (before.tolerance != after.tolerance) return "change of tolerance";
  if (before.contours.levels != after.contours.levels) return "change of contour levels";
  if (before.contours.log != after.contours.log)
    return after.contours.log ? "log-spaced contours" : "evenly spaced contours";
  return "change";
}

}  // namespace descent
