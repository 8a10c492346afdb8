#include "scenario_arguments.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include <CLI/CLI.hpp>

#include "choice_text.hpp"
#include "data_generators.hpp"
#include "formula.hpp"
#include "lessons.hpp"
#include "models/activation.hpp"
#include "models/network.hpp"
#include "run.hpp"
#include "surfaces.hpp"
#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  for (std::size_t begin = 0;;) {
    auto end = text.find(separator, begin);
    parts.push_back(text.substr(begin, end - begin));
    if (end == std::string::npos) return parts;
    begin = end + 1;
  }
}

// The numbers of "a,b,..." or nothing when one is malformed or not finite.
std::optional<std::vector<double>> numbers(const std::string& text, std::size_t count) {
  auto parts = split(text, ',');
  if (parts.size() != count) return std::nullopt;
  std::vector<double> out;
  for (const auto& p : parts) {
    double v = 0;
    if (!parse_number(p, v) || !std::isfinite(v)) return std::nullopt;
    out.push_back(v);
  }
  return out;
}

// The flags only a network takes.
constexpr const char* kNetworkFlags[] = {"--layers", "--activation",   "--init-seed",
                                         "--plane",  "--plane-center", "--plane-seed"};

// Prefixes a message with the flag it is about.
template <class F>
auto about(const std::string& flag, F f) {
  try {
    return f();
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(cat(flag, ": ", e.what()));
  }
}

// A ParamSpec's range as a command-line check.
CLI::Validator spec_check(const ParamSpec& spec) {
  return CLI::Validator(
      [spec](std::string& text) -> std::string {
        double value = 0;
        if (!parse_number(text, value)) return cat("'", text, "' is not a number");
        if (!spec.accepts(value))
          return cat("'", text, "' is not allowed; allowed: ", spec.range_text());
        return "";
      },
      "");
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

std::string names_of(const AnyRegistry& registry) {
  return join(registry.names());
}

}  // namespace

CLI::Validator whole_number(std::int64_t lo, std::int64_t hi) {
  return CLI::Validator(
      [lo, hi](std::string& text) -> std::string {
        double value = 0;
        if (!parse_number(text, value) || !to_whole(value, lo, hi))
          return cat("'", text, "' is not a whole number from ", lo, " to ", hi);
        return "";
      },
      "");
}

std::optional<std::pair<int, int>> parse_size(const std::string& text, int lo, int hi) {
  const auto x = text.find('x');
  double w = 0, h = 0;
  if (x == std::string::npos || !parse_number(text.substr(0, x), w) ||
      !parse_number(text.substr(x + 1), h))
    return std::nullopt;
  const auto width = to_whole(w, lo, hi), height = to_whole(h, lo, hi);
  if (!width || !height) return std::nullopt;
  return std::pair{*width, *height};
}

CLI::Validator size(int lo, int hi, const std::string& example) {
  return CLI::Validator(
      [lo, hi, example](std::string& text) -> std::string {
        if (parse_size(text, lo, hi)) return "";
        return cat("expected WxH with whole numbers from ", lo, " to ", hi, " (e.g. ", example,
                   ") but got '", text, "'");
      },
      "");
}

CLI::Validator file_name() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "expected a file name, got ''" : "";
      },
      "");
}

void ScenarioArguments::attach(CLI::App& command, bool save) {
  m_command = &command;
  const std::size_t before = command.get_options().size();
  auto* file = command
                   .add_option("--scenario", m_scenario,
                               "Start from this scenario file (JSON); other flags change it")
                   ->type_name("FILE");
  auto* lesson =
      command.add_option("--lesson", m_lesson, "Start from this lesson (see descent list lessons)")
          ->type_name("NAME");
  file->excludes(lesson);
  if (save)
    command
        .add_option("--save-scenario", m_save,
                    "Also write the scenario of what ran to this file; --scenario FILE runs it "
                    "again")
        ->type_name("FILE")
        ->check(file_name());

  auto* surface =
      command
          .add_option("--surface", m_surface, "Test surface to descend: " + names_of(surfaces()))
          ->type_name("NAME");
  auto* formula =
      command
          .add_option("--formula", m_formula, "Descend f(x, y) as typed: " + formula_syntax_help())
          ->type_name("TEXT");
  command
      .add_option("--box", m_box,
                  "The view: what render draws and map samples (default: the objective's); "
                  "for a formula also where its minima are sought (default -5,5,-5,5)")
      ->type_name("X0,X1,Y0,Y1");
  auto* model =
      command
          .add_option("--model", m_model,
                      "Model whose loss over its data to descend: " + choice_syntax(models()))
          ->type_name("NAME[:key=v]");
  surface->excludes(formula)->excludes(model);
  formula->excludes(model);
  auto* data = command.add_option("--data", m_data, "CSV file of the model's data (x,y; x1,x2,y)")
                   ->type_name("FILE");
  auto* generate =
      command
          .add_option("--generate", m_generate,
                      "Generated data for the model instead: " + choice_syntax(generators()))
          ->type_name("NAME[:key=v]");
  data->excludes(generate);
  command
      .add_option("--columns", m_columns,
                  "Columns of --data to use, features then target, by name or number (e.g. 3,1)")
      ->type_name("A,B[,C]");
  command.add_option("--loss", m_loss, "Loss of the model: " + choice_syntax(losses()))
      ->type_name("NAME[:key=v]");
  command
      .add_option("--penalty", m_penalty,
                  "Penalty on the model's weights (never a bias): " + choice_syntax(penalties()))
      ->type_name("NAME[:key=v]");

  command
      .add_option("--layers", m_layers,
                  "Layers of an mlp model: widths from the 2 inputs to the 1 output (e.g. "
                  "2-8-8-1)")
      ->type_name("2-H-...-1");
  command
      .add_option("--activation", m_activation,
                  "Hidden activation of an mlp model: " + names_of(activations()))
      ->type_name("NAME");
  const ParamSpec& init_seed = *find_spec(models().find("mlp").params, "init_seed");
  command
      .add_option("--init-seed", m_init_seed,
                  cat("Seed of an mlp model's initial weights (default ", init_seed.default_value,
                      "); --start gives them instead"))
      ->type_name("K")
      ->check(spec_check(init_seed));
  command
      .add_option("--plane-center", m_center,
                  "Where an mlp model's plane passes: its start (default), the best point any "
                  "run reached, or the last point of the K-th run")
      ->type_name("start|best|'run K'")
      ->check(CLI::Validator(
          [](const std::string& center) {
            try {
              center_run(center);
              return std::string();
            } catch (const std::invalid_argument& e) {
              return std::string(e.what());
            }
          },
          ""));
  const ParamSpec& plane_seed = *find_spec(models().find("mlp").params, "plane_seed");
  command
      .add_option("--plane", m_plane,
                  "Plane an mlp model is drawn on: pca (of the runs' paths, default) or random")
      ->type_name("pca|random")
      ->check(CLI::IsMember({"pca", "random"}).description(""));
  command
      .add_option(
          "--plane-seed", m_plane_seed,
          cat("Seed of an mlp model's random plane (default ", plane_seed.default_value, ")"))
      ->type_name("K")
      ->check(spec_check(plane_seed));

  command
      .add_option("--start", m_start,
                  "Start point X,Y (write --start=-1.5,2 for a negative X); for an mlp model, "
                  "every parameter P0,P1,...")
      ->type_name("X,Y")
      ->expected(0, 1);  // `--start=` is then an empty point, which scenario() names
  command.add_option("--opt", m_opts, "Optimizer SPEC; repeat for several runs, numbered from 0")
      ->type_name("SPEC");
  const ParamSpec &steps = scenario_key("steps"), &tolerance = scenario_key("tolerance");
  command
      .add_option("--steps", m_steps,
                  cat(capitalised(steps.help), " (default ", steps.default_value, ")"))
      ->type_name("N")
      ->check(spec_check(steps));
  command
      .add_option("--tol", m_tolerance,
                  cat(capitalised(tolerance.help), " (default ", tolerance.default_value, ")"))
      ->type_name("T")
      ->check(spec_check(tolerance));
  for (const auto& spec : sampling_info().params)
    command
        .add_option("--" + spec.key, m_sampling[spec.key],
                    cat(capitalised(spec.help), " (every run; default ", spec.default_value, ")"))
        ->type_name("V")
        ->check(spec_check(spec));
  // Every flag added here describes the lab, but --save-scenario.
  const auto options = command.get_options();
  for (std::size_t i = before; i < options.size(); ++i) {
    const CLI::Option* o = options[i];
    if (o == file || o == lesson)
      m_base.push_back(o);
    else if (o->get_name() != "--save-scenario")
      m_changes.push_back(o);
  }
}

bool ScenarioArguments::has(const char* flag) const {
  return m_command && m_command->count(flag) > 0;
}

bool ScenarioArguments::given() const {
  auto counted = [](const CLI::Option* o) { return o->count() > 0; };
  return std::any_of(m_base.begin(), m_base.end(), counted) || changes_base();
}

bool ScenarioArguments::changes_base() const {
  return std::any_of(m_changes.begin(), m_changes.end(),
                     [](const CLI::Option* o) { return o->count() > 0; });
}

std::string ScenarioArguments::scenario_file() const {
  return has("--scenario") ? std::filesystem::absolute(m_scenario).lexically_normal().string() : "";
}

void ScenarioArguments::apply_objective(Scenario& s) const {
  if (has("--surface") || has("--formula") || has("--model")) {
    // Another objective: the start and view of the one before mean nothing on it.
    s.start.reset();
    s.view.reset();
  }
  if (has("--surface")) {
    about("--surface", [&] { return surfaces().find(m_surface); });
    s.objective = SurfaceSpec{m_surface};
  }
  if (has("--formula")) s.objective = FormulaSpec{m_formula, std::nullopt};
  if (has("--box")) {
    auto box = numbers(m_box, 4);
    if (!box || !((*box)[0] < (*box)[1] && (*box)[2] < (*box)[3]))
      throw std::invalid_argument(cat(
          "--box: expected X0,X1,Y0,Y1 (four numbers, X0 < X1 and Y0 < Y1) but got '", m_box, "'"));
    const Box view{(*box)[0], (*box)[1], (*box)[2], (*box)[3]};
    if (auto* formula = std::get_if<FormulaSpec>(&s.objective))
      formula->box = view;  // which is its view
    else
      s.view = view;
  }
  if (auto* formula = std::get_if<FormulaSpec>(&s.objective); formula && has("--formula"))
    about("--formula", [&] { return build_objective(*formula); });
  apply_model(s);
}

void ScenarioArguments::apply_model(Scenario& s) const {
  if (has("--model")) {
    Choice model = about("--model", [&] { return parse_choice(models(), m_model); });
    auto* current = std::get_if<ModelSpec>(&s.objective);
    // The same model keeps its loss, penalty and data; another starts from its defaults.
    ModelSpec spec =
        current && current->model.name == model.name ? *current : default_model_spec(model.name);
    spec.model = model;
    s.objective = spec;
  }
  auto* spec = std::get_if<ModelSpec>(&s.objective);
  for (const char* flag : {"--data", "--generate", "--columns", "--loss", "--penalty"})
    if (has(flag) && !spec)
      throw std::invalid_argument(
          cat(flag, ": only a model over data takes it (give --model NAME)"));
  if (!spec) {
    for (const char* flag : kNetworkFlags)
      if (has(flag))
        throw std::invalid_argument(cat(flag, ": only an mlp model takes it (give --model mlp)"));
    return;
  }
  const ModelInfo& model = models().find(spec->model.name);
  apply_network(*spec);
  if (has("--loss")) {
    spec->loss = about("--loss", [&] { return parse_choice(losses(), m_loss); });
    if (!suits(losses().find(spec->loss.name), model)) {
      std::vector<std::string> allowed;
      for (const auto& l : losses())
        if (suits(l, model)) allowed.push_back(l.name);
      throw std::invalid_argument(cat("--loss: the ", model.name, " model does not take ",
                                      spec->loss.name, "; it takes ", join(allowed)));
    }
  }
  if (has("--penalty"))
    spec->penalty = about("--penalty", [&] { return parse_choice(penalties(), m_penalty); });
  if (has("--data")) {
    spec->data.path = std::filesystem::absolute(m_data).lexically_normal().string();
    spec->data.columns = {};
  }
  if (has("--generate")) {
    spec->data = {};
    spec->data.generator =
        about("--generate", [&] { return parse_choice(generators(), m_generate); });
  }
  if (spec->data.path.empty()) {
    const GeneratorInfo& generator = generators().find(spec->data.generator.name);
    if (!suits(generator, model, losses().find(spec->loss.name)))
      throw std::invalid_argument(
          cat(has("--generate") ? "--generate: " : "--model: ", generator.name,
              " data does not suit the ", model.name, " model (it needs ", model.features,
              model.features == 1 ? " feature" : " features",
              model.task == Task::classification ? " and labels 0 and 1)" : ")"));
  }
  if (has("--columns")) {
    auto names = split(m_columns, ',');
    if (names.size() != static_cast<std::size_t>(model.features) + 1)
      throw std::invalid_argument(cat("--columns ", m_columns, ": choose ", model.features,
                                      model.features == 1 ? " feature column" : " feature columns",
                                      " and a target column"));
    spec->data.columns.target = names.back();
    names.pop_back();
    spec->data.columns.features = names;
  }
}

void ScenarioArguments::apply_network(ModelSpec& spec) const {
  const ModelInfo& model = models().find(spec.model.name);
  if (!model.network) {
    for (const char* flag : kNetworkFlags)
      if (has(flag))
        throw std::invalid_argument(cat(flag, ": only an mlp model takes it, not ", model.name));
    return;
  }
  if (has("--layers")) {
    about("--layers", [&] { return parse_network_shape(m_layers); });
    if (spec.network.layers != m_layers) spec.network.start.clear();  // another network
    spec.network.layers = m_layers;
  }
  if (has("--activation"))
    spec.network.activation =
        about("--activation", [&] { return parse_choice(activations(), m_activation); });
  if (has("--init-seed")) {
    spec.model.params["init_seed"] = m_init_seed;
    spec.network.start.clear();  // the seed draws the start
  }
  if (has("--plane")) spec.network.plane = m_plane;
  if (has("--plane-center")) spec.network.center = m_center;
  if (has("--plane-seed")) spec.model.params["plane_seed"] = m_plane_seed;
  if (has("--start")) {
    const NetworkShape shape = parse_network_shape(spec.network.layers);
    const auto parts = split(m_start, ',');
    auto values = numbers(m_start, parts.size());
    if (!values)
      throw std::invalid_argument(cat("--start: expected ", shape.parameter_count(),
                                      " numbers separated by commas (every parameter of the ",
                                      spec.network.layers, " network), got '", m_start, "'"));
    if (values->size() != shape.parameter_count())
      throw std::invalid_argument(cat("--start: the ", spec.network.layers, " network has ",
                                      shape.parameter_count(), " parameters but ", values->size(),
                                      values->size() == 1 ? " value was" : " values were",
                                      " given"));
    spec.network.start = *values;
  }
}

Scenario ScenarioArguments::scenario(const std::optional<Scenario>& fallback) const {
  std::optional<Scenario> base = fallback;
  if (has("--scenario")) base = load_scenario(m_scenario);
  if (has("--lesson")) base = load_lesson(m_lesson);
  if (!base && !has("--surface") && !has("--formula") && !has("--model"))
    throw std::invalid_argument(
        "give --surface NAME, --formula TEXT or --model NAME (or --scenario FILE or --lesson "
        "NAME; see descent list)");
  Scenario s = base.value_or(Scenario{});
  apply_objective(s);
  const auto* model = std::get_if<ModelSpec>(&s.objective);
  if (has("--start") && !(model && models().find(model->model.name).network)) {
    auto p = numbers(m_start, 2);
    if (!p) {
      double ignored = 0;
      auto parts = split(m_start, ',');
      if (parts.size() == 2 && parse_number(parts[0], ignored) && parse_number(parts[1], ignored))
        throw std::invalid_argument(cat("--start: ", m_start, " is not a finite point"));
      throw std::invalid_argument(
          cat("--start: expected X,Y (two numbers and a comma, e.g. --start=-1.5,2) but got '",
              m_start, "'"));
    }
    s.start = Vec2((*p)[0], (*p)[1]);
  }
  if (has("--steps")) s.steps = to_whole<std::int64_t>(m_steps, 0, RunLimits::kMaxSteps).value();
  if (has("--tol")) s.tolerance = m_tolerance;
  if (has("--opt")) {
    s.runs.clear();
    for (const auto& text : m_opts)
      s.runs.push_back(
          {.optimizer = about("--opt " + text, [&] { return parse_optimizer_spec(text); })});
  }
  if (has("--batch") && m_sampling.at("batch") > 0 &&
      !std::holds_alternative<ModelSpec>(s.objective))
    throw std::invalid_argument(
        "--batch: only a model over data has samples to take mini-batches of (give --model NAME)");
  for (auto& run : s.runs) {
    ParamValues values = sampling_values(run.sampling);
    for (const auto& spec : sampling_info().params)
      if (has(("--" + spec.key).c_str())) values[spec.key] = m_sampling.at(spec.key);
    run.sampling = make_sampling(values);
  }
  return s;
}

void save_scenario_if_asked(const Scenario& scenario, const std::string& path) {
  if (!path.empty()) save_scenario(scenario, path);
}

}  // namespace descent
