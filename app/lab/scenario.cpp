#include "scenario.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "atomic_file.hpp"
#include "clip.hpp"
#include "data_generators.hpp"
#include "models/activation.hpp"
#include "models/network.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "run.hpp"
#include "schedule.hpp"
#include "surfaces.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

constexpr std::size_t kMaxRuns = 100;
constexpr std::uintmax_t kMaxFileBytes = 16 << 20;

std::string child(const std::string& path, std::string_view key) {
  return path.empty() ? std::string(key) : cat(path, ".", key);
}
std::string item(const std::string& path, std::size_t index) {
  return cat(path, "[", index, "]");
}

// What a value is, for "expected ..., got ...".
std::string shown(const Json& j) {
  if (j.is_object()) return "an object";
  if (j.is_array()) return "a list";
  std::string text = j.dump();
  return text.size() > 40 ? text.substr(0, 37) + "..." : text;
}

// [SECTION] reading: every check names the key path of what it rejects
class Reader {
 public:
  Reader(std::string source, std::string directory)
      : m_source(std::move(source)), m_directory(std::move(directory)) {}

  [[noreturn]] void fail(const std::string& path, const std::string& what) const {
    throw std::invalid_argument(path.empty() ? cat(m_source, ": ", what)
                                             : cat(m_source, ": ", path, ": ", what));
  }

  // The object at `path`, whose keys must be among `allowed`.
  const Json& object(const Json& j, const std::string& path,
                     const std::vector<std::string>& allowed) const {
    if (!j.is_object()) fail(path, "expected an object {...}, got " + shown(j));
    for (const auto& [key, value] : j.items())
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
        std::string message = "unknown key";
        if (auto guess = closest_match(key, allowed); !guess.empty())
          message += cat(" (did you mean '", guess, "'?)");
        fail(child(path, key), message + "; allowed: " + join(allowed));
      }
    return j;
  }
  const Json* find(const Json& object, std::string_view key) const {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }
  const Json& require(const Json& object, const std::string& path, std::string_view key,
                      std::string_view what) const {
    const Json* j = find(object, key);
    if (!j) fail(path, cat("missing \"", key, "\" (", what, ")"));
    return *j;
  }

  double number(const Json& j, const std::string& path) const {
    if (!j.is_number()) fail(path, "expected a number, got " + shown(j));
    return j.get<double>();
  }
  double number(const Json& j, const std::string& path, double lo, double hi,
                const std::string& allowed) const {
    double v = number(j, path);
    if (!(v >= lo && v <= hi)) fail(path, cat(v, " is out of range; allowed: ", allowed));
    return v;
  }
  std::int64_t whole(const Json& j, const std::string& path, std::int64_t lo,
                     std::int64_t hi) const {
    auto v = to_whole(number(j, path), lo, hi);
    if (!v) fail(path, cat("expected a whole number from ", lo, " to ", hi, ", got ", shown(j)));
    return *v;
  }
  // A number `spec` accepts.
  double key(const Json& j, const std::string& path, const ParamSpec& spec) const {
    double v = number(j, path);
    check_value(v, path, spec);
    return v;
  }
  // An integer key's value.
  std::int64_t whole_key(const Json& j, const std::string& path, const ParamSpec& spec) const {
    constexpr auto kLimits = std::numeric_limits<std::int64_t>();
    return to_whole(key(j, path, spec), kLimits.min(), kLimits.max()).value();
  }
  // Why `spec` does not accept `v`, at `path`.
  void check_value(double v, const std::string& path, const ParamSpec& spec) const {
    if (auto why = spec.why_refused(v); !why.empty()) fail(path, cat(v, " ", why));
  }
  bool boolean(const Json& j, const std::string& path) const {
    if (!j.is_boolean()) fail(path, "expected true or false, got " + shown(j));
    return j.get<bool>();
  }
  std::string text(const Json& j, const std::string& path) const {
    if (!j.is_string()) fail(path, "expected a string \"...\", got " + shown(j));
    return j.get<std::string>();
  }
  Vec2 point(const Json& j, const std::string& path) const {
    if (!j.is_array() || j.size() != 2) fail(path, "expected [x, y], got " + shown(j));
    return {finite(j[0], item(path, 0)), finite(j[1], item(path, 1))};
  }
  Box box(const Json& j, const std::string& path) const {
    if (!j.is_array() || j.size() != 4)
      fail(path, "expected [x_min, x_max, y_min, y_max], got " + shown(j));
    Box b{finite(j[0], item(path, 0)), finite(j[1], item(path, 1)), finite(j[2], item(path, 2)),
          finite(j[3], item(path, 3))};
    if (!(b.x_min < b.x_max && b.y_min < b.y_max))
      fail(path, "expected x_min < x_max and y_min < y_max");
    return b;
  }

  // The keys of `specs` at `path`: each known, of the right type, in range. Only the keys given.
  ParamValues params(const Json& j, const std::string& path, const std::vector<ParamSpec>& specs,
                     const std::string& owner) const {
    std::vector<std::string> valid;
    for (const auto& s : specs) valid.push_back(s.key);
    if (!j.is_object()) fail(path, "expected an object {\"key\": value, ...}, got " + shown(j));
    ParamValues out;
    for (const auto& [key, value] : j.items()) {
      const ParamSpec* spec = find_spec(specs, key);
      if (!spec) {
        std::string message = cat("unknown key for ", owner);
        if (auto guess = closest_match(key, valid); !guess.empty())
          message += cat(" (did you mean '", guess, "'?)");
        fail(child(path, key), message + "; allowed: " + (valid.empty() ? "none" : join(valid)));
      }
      double v = 0;
      if (spec->kind == ParamKind::flag && value.is_boolean())
        v = value.get<bool>() ? 1 : 0;
      else if (value.is_number())
        v = value.get<double>();
      else
        fail(child(path, key),
             cat("expected ", spec->kind == ParamKind::flag ? "true or false" : "a number",
                 ", got ", shown(value)));
      check_value(v, child(path, key), *spec);
      out[key] = v;
    }
    for (const auto& s : specs)
      if (s.required() && !out.count(s.key)) fail(path, cat(s.key, " is required (", s.help, ")"));
    return out;
  }

  // {"name": NAME, "params": {...}}: an entry of `registry` with its keys.
  Choice choice(const Json& j, const std::string& path, const AnyRegistry& registry) const {
    object(j, path, {"name", "params"});
    const std::string name = text(require(j, path, "name", registry.kind()), child(path, "name"));
    const Entry* entry = registry.entry(name);
    if (!entry)
      fail(child(path, "name"), unknown_name_message(registry.kind(), name, registry.names()));
    const Json* params = find(j, "params");
    return {name, params
                      ? this->params(*params, child(path, "params"), entry->params, name)
                      : this->params(Json::object(), child(path, "params"), entry->params, name)};
  }

  // Runs `make`, naming `path` in what it throws (the rules that span several keys).
  template <class F>
  void check(const std::string& path, F make) const {
    try {
      make();
    } catch (const std::invalid_argument& e) {
      fail(path, e.what());
    }
  }

  std::string data_path(const Json& j, const std::string& path) const {
    std::string file = text(j, path);
    if (file.empty()) fail(path, "expected the path of a CSV file, got \"\"");
    fs::path p(file);
    if (p.is_relative() && !m_directory.empty()) p = fs::path(m_directory) / p;
    return p.lexically_normal().string();
  }

 private:
  double finite(const Json& j, const std::string& path) const {
    double v = number(j, path);
    if (!std::isfinite(v)) fail(path, "expected a finite number");
    return v;
  }

  std::string m_source, m_directory;
};

// A network's layers, activation and start; refused on a model that is not a network.
void read_network(const Reader& r, const Json& j, const std::string& path, const ModelInfo& model,
                  NetworkSpec& network) {
  for (const char* key : {"layers", "activation", "start", "plane", "center"})
    if (!model.network && r.find(j, key))
      r.fail(child(path, key), cat("only a network (model mlp) has ", key));
  if (const Json* layers = r.find(j, "layers")) {
    network.layers = r.text(*layers, child(path, "layers"));
    r.check(child(path, "layers"), [&] { parse_network_shape(network.layers); });
  }
  if (const Json* plane = r.find(j, "plane")) {
    network.plane = r.text(*plane, child(path, "plane"));
    if (network.plane != "pca" && network.plane != "random")
      r.fail(child(path, "plane"), cat("expected \"pca\" or \"random\", got ", shown(*plane)));
  }
  if (const Json* center = r.find(j, "center")) {
    network.center = r.text(*center, child(path, "center"));
    r.check(child(path, "center"), [&] { center_run(network.center); });
  }
  if (const Json* activation = r.find(j, "activation"))
    network.activation = r.choice(*activation, child(path, "activation"), activations());
  if (const Json* start = r.find(j, "start")) {
    const std::string start_path = child(path, "start");
    if (!start->is_array())
      r.fail(start_path, cat("expected a list of numbers, got ", shown(*start)));
    network.start.clear();
    for (std::size_t i = 0; i < start->size(); ++i)
      network.start.push_back(r.number((*start)[i], item(start_path, i)));
    const std::size_t wanted = parse_network_shape(network.layers).parameter_count();
    if (network.start.size() != wanted)
      r.fail(start_path, cat("a ", network.layers, " network has ", wanted, " parameters but ",
                             network.start.size(), " values are given"));
  }
}

ObjectiveSpec read_objective(const Reader& r, const Json& j, const std::string& path) {
  if (!j.is_object()) r.fail(path, "expected an object {...}, got " + shown(j));
  if (j.contains("surface")) {
    r.object(j, path, {"surface"});
    std::string name = r.text(j["surface"], child(path, "surface"));
    if (!surfaces().get(name))
      r.fail(child(path, "surface"), unknown_name_message("surface", name, surfaces().names()));
    return SurfaceSpec{name};
  }
  if (j.contains("formula")) {
    r.object(j, path, {"formula", "box"});
    FormulaSpec spec{r.text(j["formula"], child(path, "formula")), std::nullopt};
    if (const Json* box = r.find(j, "box")) spec.box = r.box(*box, child(path, "box"));
    r.check(child(path, "formula"), [&] { build_objective(spec); });
    return spec;
  }
  if (j.contains("model")) {
    r.object(j, path,
             {"model", "params", "loss", "penalty", "data", "layers", "activation", "start",
              "plane", "center"});
    const std::string name = r.text(j["model"], child(path, "model"));
    if (!models().get(name))
      r.fail(child(path, "model"), unknown_name_message("model", name, models().names()));
    ModelSpec spec = default_model_spec(name);
    const ModelInfo& model = models().find(name);
    if (const Json* params = r.find(j, "params"))
      spec.model.params = r.params(*params, child(path, "params"), model.params, name);
    if (const Json* loss = r.find(j, "loss")) {
      spec.loss = r.choice(*loss, child(path, "loss"), losses());
      if (!suits(losses().find(spec.loss.name), model)) {
        std::vector<std::string> allowed;
        for (const auto& l : losses())
          if (suits(l, model)) allowed.push_back(l.name);
        r.fail(child(child(path, "loss"), "name"),
               cat("the ", name, " model does not take the loss ", spec.loss.name, "; it takes ",
                   join(allowed)));
      }
    }
    if (const Json* penalty = r.find(j, "penalty"))
      spec.penalty = r.choice(*penalty, child(path, "penalty"), penalties());
    read_network(r, j, path, model, spec.network);
    const std::string data_path = child(path, "data");
    const Json& data =
        r.require(j, path, "data", "{\"generator\": NAME, \"params\": {...}} or {\"csv\": FILE}");
    if (data.is_object() && data.contains("csv")) {
      r.object(data, data_path, {"csv", "columns"});
      spec.data = DataSource{};
      spec.data.path = r.data_path(data["csv"], child(data_path, "csv"));
      if (const Json* columns = r.find(data, "columns")) {
        const std::string columns_path = child(data_path, "columns");
        const auto wanted = static_cast<std::size_t>(model.features) + 1;
        if (!columns->is_array() || columns->size() != wanted)
          r.fail(columns_path, cat("expected ", wanted, " column names or numbers (",
                                   model.features == 1 ? "feature, target" : "x1, x2, target",
                                   "), got ", shown(*columns)));
        for (std::size_t i = 0; i < wanted; ++i) {
          const Json& c = (*columns)[i];
          // A column number as written: no conversion, whatever its size.
          std::string column = c.is_number_integer() ? c.dump() : r.text(c, item(columns_path, i));
          if (i + 1 < wanted)
            spec.data.columns.features.push_back(column);
          else
            spec.data.columns.target = column;
        }
      }
    } else {
      r.object(data, data_path, {"generator", "params"});
      const std::string generator =
          r.text(r.require(data, data_path, "generator", "a data generator's name"),
                 child(data_path, "generator"));
      const GeneratorInfo* info = generators().get(generator);
      if (!info)
        r.fail(child(data_path, "generator"),
               unknown_name_message("data generator", generator, generators().names()));
      if (!suits(*info, model, losses().find(spec.loss.name)))
        r.fail(child(data_path, "generator"),
               cat(generator, " data does not suit the ", name, " model with the ", spec.loss.name,
                   " loss (", model.features, model.features == 1 ? " feature" : " features",
                   model.task == Task::classification ? ", labels 0 and 1)" : ")"));
      spec.data.generator = {generator, {}};
      if (const Json* params = r.find(data, "params"))
        spec.data.generator.params =
            r.params(*params, child(data_path, "params"), info->params, generator);
    }
    return spec;
  }
  r.fail(path, "expected one of \"surface\", \"formula\" or \"model\"");
}

RunSpec read_run(const Reader& r, const Json& j, const std::string& path) {
  r.object(j, path,
           {"optimizer", "params", "schedule", "clip", "sampling", "colour", "visible", "label",
            "start"});
  RunSpec run;
  const std::string name =
      r.text(r.require(j, path, "optimizer", "an optimizer's name"), child(path, "optimizer"));
  const OptimizerInfo* info = optimizers().get(name);
  if (!info)
    r.fail(child(path, "optimizer"), unknown_name_message("optimizer", name, optimizers().names()));
  run.optimizer.name = name;
  if (const Json* params = r.find(j, "params"))
    run.optimizer.params = r.params(*params, child(path, "params"), info->params, name);
  for (const auto& c : spec_components())
    if (const Json* component = r.find(j, c.key))
      run.optimizer.*c.choice = r.choice(*component, child(path, c.key), c.registry);
  r.check(path, [&] { Optimizer check(run.optimizer); });
  if (const Json* sampling = r.find(j, "sampling"))
    run.sampling = make_sampling(
        r.params(*sampling, child(path, "sampling"), sampling_info().params, "sampling"));
  if (const Json* colour = r.find(j, "colour")) {
    run.colour = parse_colour(r.text(*colour, child(path, "colour")));
    if (!run.colour)
      r.fail(child(path, "colour"), cat("expected a colour \"#rrggbb\", got ", shown(*colour)));
  }
  if (const Json* visible = r.find(j, "visible"))
    run.visible = r.boolean(*visible, child(path, "visible"));
  if (const Json* label = r.find(j, "label")) run.label = r.text(*label, child(path, "label"));
  if (const Json* start = r.find(j, "start")) run.start = r.point(*start, child(path, "start"));
  return run;
}

Scenario read_scenario(const Reader& r, const Json& j) {
  r.object(j, "",
           {"version", "lesson", "objective", "start", "steps", "tolerance", "view", "contours",
            "playback", "runs"});
  const Json& version = r.require(j, "", "version", cat("write \"version\": ", Scenario::kVersion));
  std::int64_t v = r.whole(version, "version", 1, 1'000'000);
  if (v > Scenario::kVersion)
    r.fail("version", cat(v, " is newer than this Descent reads (", Scenario::kVersion,
                          "); update Descent to open it"));
  Scenario s;
  if (const Json* lesson = r.find(j, "lesson")) {
    r.object(*lesson, "lesson", {"title", "text", "question"});
    if (const Json* t = r.find(*lesson, "title")) s.lesson.title = r.text(*t, "lesson.title");
    if (const Json* t = r.find(*lesson, "text")) s.lesson.text = r.text(*t, "lesson.text");
    if (const Json* t = r.find(*lesson, "question"))
      s.lesson.question = r.text(*t, "lesson.question");
  }
  s.objective = read_objective(
      r,
      r.require(j, "", "objective",
                "{\"surface\": NAME}, {\"formula\": TEXT} or {\"model\": NAME, ...}"),
      "objective");
  if (const Json* start = r.find(j, "start")) s.start = r.point(*start, "start");
  if (const Json* steps = r.find(j, "steps"))
    s.steps = r.whole_key(*steps, "steps", scenario_key("steps"));
  if (const Json* tolerance = r.find(j, "tolerance"))
    s.tolerance = r.key(*tolerance, "tolerance", scenario_key("tolerance"));
  if (const Json* view = r.find(j, "view")) s.view = r.box(*view, "view");
  if (const Json* contours = r.find(j, "contours")) {
    r.object(*contours, "contours", {"log", "levels"});
    if (const Json* log = r.find(*contours, "log"))
      s.contours.log = r.boolean(*log, "contours.log");
    if (const Json* levels = r.find(*contours, "levels"))
      s.contours.levels =
          static_cast<int>(r.whole_key(*levels, "contours.levels", scenario_key("contour_levels")));
  }
  if (const Json* playback = r.find(j, "playback")) {
    r.object(*playback, "playback", {"step", "speed"});
    if (const Json* step = r.find(*playback, "step"))
      s.position = static_cast<double>(r.whole(*step, "playback.step", 0, RunLimits::kMaxSteps));
    if (const Json* speed = r.find(*playback, "speed"))
      s.speed = r.key(*speed, "playback.speed", scenario_key("speed"));
  }
  if (const Json* runs = r.find(j, "runs")) {
    if (!runs->is_array()) r.fail("runs", "expected a list [...] of runs, got " + shown(*runs));
    if (runs->size() > kMaxRuns)
      r.fail("runs", cat("at most ", kMaxRuns, " runs, got ", runs->size()));
    for (std::size_t i = 0; i < runs->size(); ++i)
      s.runs.push_back(read_run(r, (*runs)[i], item("runs", i)));
  }
  return s;
}

// [SECTION] writing
Json params_json(const std::vector<ParamSpec>& specs, const ParamValues& values) {
  Json out = Json::object();
  for (const auto& spec : specs)  // registry order
    if (auto it = values.find(spec.key); it != values.end()) {
      if (spec.kind == ParamKind::flag)
        out[spec.key] = it->second != 0;
      else if (spec.kind == ParamKind::integer)
        out[spec.key] = static_cast<std::int64_t>(it->second);
      else
        out[spec.key] = it->second;
    }
  return out;
}

Json choice_json(const Choice& choice, const AnyRegistry& registry) {
  Json out = {{"name", choice.name}};
  if (!choice.params.empty())
    out["params"] = params_json(registry.find_entry(choice.name).params, choice.params);
  return out;
}

Json point_json(const Vec2& p) {
  return Json::array({p.x(), p.y()});
}
Json box_json(const Box& b) {
  return Json::array({b.x_min, b.x_max, b.y_min, b.y_max});
}

std::string portable_path(const std::string& path, const std::string& directory) {
  if (directory.empty()) return path;
  fs::path relative = fs::path(path).lexically_relative(fs::path(directory));
  if (relative.empty() || *relative.begin() == "..") return path;
  return relative.string();
}

Json objective_json(const ObjectiveSpec& spec, const std::string& directory) {
  if (const auto* surface = std::get_if<SurfaceSpec>(&spec)) return {{"surface", surface->name}};
  if (const auto* formula = std::get_if<FormulaSpec>(&spec)) {
    Json out = {{"formula", formula->text}};
    if (formula->box) out["box"] = box_json(*formula->box);
    return out;
  }
  const auto& model = std::get<ModelSpec>(spec);
  Json out = {{"model", model.model.name}};
  if (!model.model.params.empty())
    out["params"] = params_json(models().find(model.model.name).params, model.model.params);
  out["loss"] = choice_json(model.loss, losses());
  out["penalty"] = choice_json(model.penalty, penalties());
  if (models().find(model.model.name).network) {
    out["layers"] = model.network.layers;
    out["activation"] = choice_json(model.network.activation, activations());
    if (!model.network.start.empty()) out["start"] = model.network.start;
    out["plane"] = model.network.plane;
    out["center"] = model.network.center;
  }
  if (model.data.path.empty()) {
    Json data = {{"generator", model.data.generator.name}};
    if (!model.data.generator.params.empty())
      data["params"] = params_json(generators().find(model.data.generator.name).params,
                                   model.data.generator.params);
    out["data"] = data;
  } else {
    Json data = {{"csv", portable_path(model.data.path, directory)}};
    if (!model.data.columns.target.empty()) {
      Json columns = Json::array();
      for (const auto& c : model.data.columns.features) columns.push_back(c);
      columns.push_back(model.data.columns.target);
      data["columns"] = columns;
    }
    out["data"] = data;
  }
  return out;
}

Json run_json(const RunSpec& run) {
  Json out = {{"optimizer", run.optimizer.name}};
  if (!run.optimizer.params.empty())
    out["params"] = params_json(optimizers().find(run.optimizer.name).params, run.optimizer.params);
  for (const auto& c : spec_components()) {
    const Choice& choice = run.optimizer.*c.choice;
    if (choice.name != c.registry.entries().front()->name || !choice.params.empty())
      out[c.key] = choice_json(choice, c.registry);
  }
  if (run.sampling != Sampling{})
    out["sampling"] = params_json(sampling_info().params, sampling_values(run.sampling));
  if (run.colour) out["colour"] = colour_text(*run.colour);
  if (!run.visible) out["visible"] = false;
  if (!run.label.empty()) out["label"] = run.label;
  if (run.start) out["start"] = point_json(*run.start);
  return out;
}

std::string read_text(const std::string& path) {
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) throw std::invalid_argument(cat(path, ": cannot open the file (does it exist?)"));
  if (size > kMaxFileBytes)
    throw std::invalid_argument(cat(path, ": ", size, " bytes is too large for a scenario"));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(cat(path, ": cannot open the file (is it readable?)"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

const std::vector<ParamSpec>& scenario_keys() {
  static const std::vector<ParamSpec> keys{
      {.key = "steps",
       .default_value = static_cast<double>(Scenario::kDefaultSteps),
       .min = 0,
       .max = static_cast<double>(RunLimits::kMaxSteps),
       .ui_min = 1,
       .ui_max = 1e6,
       .log_scale = true,
       .kind = ParamKind::integer,
       .help = "optimizer steps per run: every run is computed up to this many"},
      {.key = "tolerance",
       .default_value = 0,
       .min = 0,
       .ui_min = 1e-12,
       .ui_max = 1,
       .log_scale = true,
       .help = "a run stops once its gradient is shorter than this; 0: never"},
      {.key = "contour_levels",
       .default_value = static_cast<double>(Contours{}.levels),
       .min = 4,
       .max = 60,
       .ui_min = 4,
       .ui_max = 60,
       .kind = ParamKind::integer,
       .help = "contour levels across the visible range of f"},
      {.key = "speed",
       .default_value = Playback{}.speed,
       .min = 1,
       .max = 10000,
       .ui_min = 1,
       .ui_max = 10000,
       .log_scale = true,
       .help = "playback: steps revealed per second"},
  };
  return keys;
}

const ParamSpec& scenario_key(std::string_view key) {
  const ParamSpec* spec = find_spec(scenario_keys(), key);
  if (!spec) throw std::logic_error(cat("no scenario key ", key));
  return *spec;
}

Scenario parse_scenario(std::string_view text, const std::string& source,
                        const std::string& directory) {
  Json json;
  try {
    json = Json::parse(text);
  } catch (const Json::exception& e) {  // a syntax error, or a number too large for a double
    // "[json.exception.parse_error.101] parse error at line 3, column 5: ..." without its tag.
    std::string what = e.what();
    if (auto bracket = what.find("] "); bracket != std::string::npos) what.erase(0, bracket + 2);
    throw std::invalid_argument(cat(source, ": not valid JSON: ", what));
  }
  return read_scenario(Reader(source, directory), json);
}

Scenario load_scenario(const std::string& path) {
  const std::string directory = fs::absolute(fs::path(path)).parent_path().string();
  return parse_scenario(read_text(path), path, directory);
}

std::string scenario_json(const Scenario& s, const std::string& directory) {
  Json out = {{"version", Scenario::kVersion}};
  if (!s.lesson.empty()) {
    Json lesson = Json::object();
    if (!s.lesson.title.empty()) lesson["title"] = s.lesson.title;
    if (!s.lesson.text.empty()) lesson["text"] = s.lesson.text;
    if (!s.lesson.question.empty()) lesson["question"] = s.lesson.question;
    out["lesson"] = lesson;
  }
  out["objective"] = objective_json(s.objective, directory);
  if (s.start) out["start"] = point_json(*s.start);
  out["steps"] = s.steps;
  if (s.tolerance > 0) out["tolerance"] = s.tolerance;
  if (s.view) out["view"] = box_json(*s.view);
  out["contours"] = {{"log", s.contours.log}, {"levels", s.contours.levels}};
  out["playback"] = {{"step", static_cast<std::int64_t>(s.position)}, {"speed", s.speed}};
  Json runs = Json::array();
  for (const auto& run : s.runs) runs.push_back(run_json(run));
  out["runs"] = runs;
  // Replacing rather than throwing on a path that is not UTF-8 (a file name can be anything).
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

void save_scenario(const Scenario& scenario, const std::string& path) {
  const std::string directory = fs::absolute(fs::path(path)).parent_path().string();
  write_file_atomically(path, scenario_json(scenario, directory));
}

std::string colour_text(Rgb c) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
  return text;
}

std::optional<Rgb> parse_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return std::nullopt;
  auto hex = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  int v[6];
  for (int i = 0; i < 6; ++i)
    if ((v[i] = hex(text[static_cast<std::size_t>(i) + 1])) < 0) return std::nullopt;
  return Rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]),
             static_cast<std::uint8_t>(v[2] * 16 + v[3]),
             static_cast<std::uint8_t>(v[4] * 16 + v[5])};
}

}  // namespace descent
