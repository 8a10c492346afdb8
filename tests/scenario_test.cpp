// Scenario files: every registry entry round-trips; bad files are refused with one message that
// names the file, the key path and what is allowed; the lab becomes what a file says, and saves
// what it is; the autosave and the document's changes.
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "autosave.hpp"
#include "clip.hpp"
#include "data_generators.hpp"
#include "document.hpp"
#include "formula_examples.hpp"
#include "lab.hpp"
#include "lessons.hpp"
#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "scenario.hpp"
#include "schedule.hpp"
#include "support/process.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

// A value of `spec` other than its default, inside its range.
double other_value(const ParamSpec& spec) {
  if (spec.kind == ParamKind::flag) return spec.default_value == 0 ? 1 : 0;
  double v = spec.required() ? spec.ui_max : (spec.ui_min + spec.ui_max) / 2;
  if (spec.kind == ParamKind::integer) v = std::round(v);
  if (v == spec.default_value || !spec.accepts(v)) v = spec.ui_max;
  if (!spec.accepts(v)) v = spec.ui_min;
  return v;
}

// Every key of the entry set to a value other than its default.
ParamValues every_key(const Entry& entry) {
  ParamValues values;
  for (const auto& spec : entry.params) values[spec.key] = other_value(spec);
  return values;
}

Scenario round_trip(const Scenario& s, const std::string& directory = "/tmp") {
  return parse_scenario(scenario_json(s, directory), "test.json", directory);
}

std::string write(const std::string& name, const std::string& text) {
  std::string path = test::temp_directory() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("scenario: every registry entry with every key round-trips through a file",
          "[scenario]") {
  // Optimizers with all their keys set, every schedule and clip with theirs, sampling.
  Scenario s;
  for (const auto& o : optimizers()) {
    RunSpec run{.optimizer = {o.name, every_key(o)}};
    if (o.name == "sgd") run.optimizer.params["dampening"] = 0;      // nesterov needs none
    if (o.name == "rprop") run.optimizer.params["step_min"] = 1e-6;  // step_min <= step_max
    s.runs.push_back(run);
  }
  std::size_t r = 0;
  for (const auto& schedule : schedules())
    s.runs[r++ % s.runs.size()].optimizer.schedule = {schedule.name, every_key(schedule)};
  for (const auto& clip : clips())
    s.runs[r++ % s.runs.size()].optimizer.clip = {clip.name, every_key(clip)};
  s.runs[0].sampling = make_sampling(every_key(sampling_info()));
  s.runs[1].colour = Rgb{1, 2, 250};
  s.runs[1].visible = false;
  s.runs[1].label = "a label with \"quotes\" and ∇";
  s.runs[2].start = Vec2(-0.125, 3.5e-7);
  s.start = Vec2(1.0 / 3, -2.5);
  s.steps = 12345;
  s.tolerance = 1e-6;
  s.view = Box{-1.5, 2.25, -0.75, 3};
  s.contours = {false, 37};
  s.position = 99;
  s.speed = 1234.5;
  s.lesson = {"Title", "Some text,\nwith a new line.", "Why?"};
  for (const auto& run : s.runs) CHECK_NOTHROW(Optimizer(run.optimizer));
  for (const auto& surface : surfaces()) {
    s.objective = SurfaceSpec{surface.name};
    CHECK(round_trip(s) == s);
  }
  // Every model with every loss and penalty it takes, with all their keys, over every
  // generator that suits it, and over a CSV file with its columns.
  int models_checked = 0;
  for (const auto& model : models())
    for (const auto& loss : losses()) {
      if (!suits(loss, model)) continue;
      for (const auto& penalty : penalties())
        for (const auto& generator : generators()) {
          if (!suits(generator, model, loss)) continue;
          ModelSpec spec{{model.name, every_key(model)},
                         {loss.name, every_key(loss)},
                         {penalty.name, every_key(penalty)},
                         {}};
          spec.data.generator = {generator.name, every_key(generator)};
          s.objective = spec;
          INFO(model.name << " " << loss.name << " " << penalty.name << " " << generator.name);
          CHECK(round_trip(s) == s);
          spec.data = DataSource{};
          spec.data.path = "/tmp/some data/file.csv";
          spec.data.columns = {{"x"}, "3"};
          if (model.features == 2) spec.data.columns.features.push_back("x2");
          s.objective = spec;
          CHECK(round_trip(s) == s);
          ++models_checked;
        }
    }
  CHECK(models_checked >= 20);
  for (const auto& example : formula_examples()) {
    s.objective = example.make({});
    CHECK(round_trip(s) == s);
  }
  s.objective = FormulaSpec{"x^2 + 3*y^2", Box{-1, 2, -3, 4}};
  CHECK(round_trip(s) == s);
  // A network: its layers, activation, plane and every parameter of its start.
  ModelSpec network = default_model_spec("mlp");
  network.model.params = {{"init_seed", 12}, {"plane_seed", 3}};
  network.network = {"2-3-1", {"relu", {}}, {}, "random", "best"};
  for (int i = 0; i < 13; ++i) network.network.start.push_back(0.1 * i - 0.55);
  s.objective = network;
  CHECK(round_trip(s) == s);
}

TEST_CASE("scenario: data paths are written relative to the file and read back whole",
          "[scenario]") {
  Scenario s;
  ModelSpec model = default_model_spec("linear");
  model.data.path = "/home/teacher/class/data/points.csv";
  s.objective = model;
  const std::string text = scenario_json(s, "/home/teacher/class");
  CHECK_THAT(text, Catch::Contains("\"csv\": \"data/points.csv\""));
  CHECK(parse_scenario(text, "x.json", "/home/teacher/class") == s);
  // Outside the scenario's folder: the whole path.
  CHECK_THAT(scenario_json(s, "/elsewhere"),
             Catch::Contains("\"csv\": \"/home/teacher/class/data/points.csv\""));
}

TEST_CASE("scenario: a minimal file takes the defaults", "[scenario]") {
  Scenario s = parse_scenario(R"({"version": 1, "objective": {"surface": "booth"}})", "x.json", "");
  CHECK(s.objective == ObjectiveSpec(SurfaceSpec{"booth"}));
  CHECK_FALSE(s.start);
  CHECK(s.steps == Scenario::kDefaultSteps);
  CHECK(s.runs.empty());
  Scenario model = parse_scenario(
      R"({"version": 1, "objective": {"model": "logistic", "data": {"generator": "classes"}},
          "runs": [{"optimizer": "adam"}]})",
      "x.json", "");
  CHECK(std::get<ModelSpec>(model.objective).loss.name == "bce");
  CHECK(model.runs.at(0).optimizer == OptimizerSpec{.name = "adam"});
}

TEST_CASE("scenario: bad files are refused with the file, the key path and what is allowed",
          "[scenario]") {
  const std::string ok_objective = R"("objective": {"surface": "sphere"})";
  auto with = [&](const std::string& rest) {
    return "{\"version\": 1, " + ok_objective + (rest.empty() ? "" : ", " + rest) + "}";
  };
  const std::vector<std::pair<std::string, std::string>> cases{
      {"",
       "lab.json: not valid JSON: parse error at line 1, column 1: syntax error while "
       "parsing value - unexpected end of input; expected '[', '{', or a literal"},
      {"{\"version\": 1,",
       "lab.json: not valid JSON: parse error at line 1, column 15: "
       "syntax error while parsing object key - unexpected end of input; "
       "expected string literal"},
      {"[1, 2]", "lab.json: expected an object {...}, got a list"},
      {R"({"objective": {"surface": "sphere"}})",
       "lab.json: missing \"version\" (write \"version\": 1)"},
      {R"({"version": 2, "objective": {"surface": "sphere"}})",
       "lab.json: version: 2 is newer than this Descent reads (1); update Descent to open it"},
      {R"({"version": "one"})", "lab.json: version: expected a number, got \"one\""},
      {R"({"version": 1})",
       "lab.json: missing \"objective\" ({\"surface\": NAME}, {\"formula\": TEXT} or "
       "{\"model\": NAME, ...})"},
      {with(R"("colour": "red")"),
       "lab.json: colour: unknown key; allowed: version, lesson, objective, start, steps, "
       "tolerance, view, contours, playback, runs"},
      {with(R"("stpes": 10)"),
       "lab.json: stpes: unknown key (did you mean 'steps'?); allowed: version, lesson, "
       "objective, start, steps, tolerance, view, contours, playback, runs"},
      {R"({"version": 1, "objective": {"surface": "rosenbrok"}})",
       "lab.json: objective.surface: unknown surface 'rosenbrok' (did you mean 'rosenbrock'?); "
       "available: rosenbrock, beale, himmelblau, booth, matyas, three_hump_camel, "
       "six_hump_camel, rastrigin, ackley, goldstein_price, styblinski_tang, saddle, "
       "monkey_saddle, ill_conditioned, sphere, levi_n13, mccormick, bukin_n6"},
      {R"({"version": 1, "objective": {"curve": "x"}})",
       "lab.json: objective: expected one of \"surface\", \"formula\" or \"model\""},
      {R"({"version": 1, "objective": {"surface": "sphere", "box": [0, 1, 0, 1]}})",
       "lab.json: objective.box: unknown key; allowed: surface"},
      {R"({"version": 1, "objective": {"formula": "x^2", "box": [1, 0, 0, 1]}})",
       "lab.json: objective.box: expected x_min < x_max and y_min < y_max"},
      {R"({"version": 1, "objective": {"formula": "x^2", "box": [0, 1, 0]}})",
       "lab.json: objective.box: expected [x_min, x_max, y_min, y_max], got a list"},
      {R"({"version": 1, "objective": {"model": "linear"}})",
       "lab.json: objective: missing \"data\" ({\"generator\": NAME, \"params\": {...}} or "
       "{\"csv\": FILE})"},
      {R"({"version": 1, "objective": {"model": "linear", "loss": {"name": "bce"},
           "data": {"generator": "linear"}}})",
       "lab.json: objective.loss.name: the linear model does not take the loss bce; it takes "
       "mse, mae, huber"},
      {R"({"version": 1, "objective": {"model": "linear", "loss": {"name": "huber",
           "params": {"delta": 0}}, "data": {"generator": "linear"}}})",
       "lab.json: objective.loss.params.delta: 0 is out of range; allowed: delta > 0"},
      {R"({"version": 1, "objective": {"model": "linear", "penalty": {"name": "l2",
           "params": {"strength": "lots"}}, "data": {"generator": "linear"}}})",
       "lab.json: objective.penalty.params.strength: expected a number, got \"lots\""},
      {R"({"version": 1, "objective": {"model": "linear", "params": {"standardize": 2},
           "data": {"generator": "linear"}}})",
       "lab.json: objective.params.standardize: 2 is out of range; allowed: 0 or 1"},
      {R"({"version": 1, "objective": {"model": "logistic", "data": {"generator": "linear"}}})",
       "lab.json: objective.data.generator: linear data does not suit the logistic model with "
       "the bce loss (1 feature, labels 0 and 1)"},
      {R"({"version": 1, "objective": {"model": "linear", "layers": "2-4-1",
           "data": {"generator": "linear"}}})",
       "lab.json: objective.layers: only a network (model mlp) has layers"},
      {R"({"version": 1, "objective": {"model": "mlp", "layers": "2-4-2",
           "data": {"generator": "xor"}}})",
       "lab.json: objective.layers: layers '2-4-2': the last width is the 1 output, not 2"},
      {R"({"version": 1, "objective": {"model": "mlp", "activation": {"name": "gelu"},
           "data": {"generator": "xor"}}})",
       "lab.json: objective.activation.name: unknown activation 'gelu' (did you mean 'relu'?); "
       "available: tanh, relu, sigmoid"},
      {R"({"version": 1, "objective": {"model": "mlp", "start": [1, 2, 3],
           "data": {"generator": "xor"}}})",
       "lab.json: objective.start: a 2-4-1 network has 17 parameters but 3 values are given"},
      {R"({"version": 1, "objective": {"model": "mlp", "start": [1, "x"],
           "data": {"generator": "xor"}}})",
       "lab.json: objective.start[1]: expected a number, got \"x\""},
      {R"({"version": 1, "objective": {"model": "mlp", "plane": "tsne",
           "data": {"generator": "xor"}}})",
       "lab.json: objective.plane: expected \"pca\" or \"random\", got \"tsne\""},
      {R"({"version": 1, "objective": {"model": "mlp", "center": "end",
           "data": {"generator": "xor"}}})",
       "lab.json: objective.center: expected start, best or run K (K from 1, a run's position "
       "in the list), got \"end\""},
      {R"({"version": 1, "objective": {"model": "mlp", "center": "run 0",
           "data": {"generator": "xor"}}})",
       "lab.json: objective.center: expected start, best or run K (K from 1, a run's position "
       "in the list), got \"run 0\""},
      {R"({"version": 1, "objective": {"model": "mlp", "center": "run 1.5",
           "data": {"generator": "xor"}}})",
       "lab.json: objective.center: expected start, best or run K (K from 1, a run's position "
       "in the list), got \"run 1.5\""},
      {R"({"version": 1, "objective": {"model": "linear", "data": {"generator": "linear",
           "params": {"n": 5}}}})",
       "lab.json: objective.data.params.n: 5 is out of range; allowed: an integer, 10 <= n <= "
       "1000000"},
      {R"({"version": 1, "objective": {"model": "linear", "data": {"csv": "a.csv",
           "columns": ["x"]}}})",
       "lab.json: objective.data.columns: expected 2 column names or numbers (feature, "
       "target), got a list"},
      {with(R"("start": [1, "2"])"), "lab.json: start[1]: expected a number, got \"2\""},
      {with(R"("start": 3)"), "lab.json: start: expected [x, y], got 3"},
      {with(R"("steps": -1)"),
       "lab.json: steps: -1 is out of range; allowed: an integer, 0 <= steps <= 1000000000"},
      {with(R"("steps": 2.5)"),
       "lab.json: steps: 2.5 is not a whole number; allowed: an integer, 0 <= steps <= "
       "1000000000"},
      {with(R"("steps": 1e30)"),
       "lab.json: steps: 1e+30 is out of range; allowed: an integer, 0 <= steps <= 1000000000"},
      {with(R"("steps": 18446744073709551615)"),
       "lab.json: steps: 18446744073709551616 is out of range; allowed: an integer, 0 <= steps "
       "<= 1000000000"},
      {with(R"("contours": {"levels": 24.5})"),
       "lab.json: contours.levels: 24.5 is not a whole number; allowed: an integer, 4 <= "
       "contour_levels <= 60"},
      {with(R"("playback": {"step": 1e300})"),
       "lab.json: playback.step: expected a whole number from 0 to 1000000000, got 1e+300"},
      {with(R"("runs": [{"optimizer": "sgd", "schedule": {"name": "step", "params":
           {"step_size": 2.5}}}])"),
       "lab.json: runs[0].schedule.params.step_size: 2.5 is not a whole number; allowed: an "
       "integer, step_size >= 1"},
      {with(R"("tolerance": -1)"),
       "lab.json: tolerance: -1 is out of range; allowed: tolerance >= 0"},
      {with(R"("contours": {"levels": 1000})"),
       "lab.json: contours.levels: 1000 is out of range; allowed: an integer, 4 <= contour_levels "
       "<= 60"},
      {with(R"("playback": {"speed": 0})"),
       "lab.json: playback.speed: 0 is out of range; allowed: 1 <= speed <= 10000"},
      {with(R"("steps": "many")"), "lab.json: steps: expected a number, got \"many\""},
      {with(R"("runs": {"optimizer": "adam"})"),
       "lab.json: runs: expected a list [...] of runs, got an object"},
      {with(R"("runs": [{"params": {"lr": 0.1}}])"),
       "lab.json: runs[0]: missing \"optimizer\" (an optimizer's name)"},
      {with(R"("runs": [{"optimizer": "adm"}])"),
       "lab.json: runs[0].optimizer: unknown optimizer 'adm' (did you mean 'adam'?); "
       "available: sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam, rprop, "
       "lion, newton, gd_linesearch, cg, lbfgs"},
      {with(R"("runs": [{"optimizer": "sgd"}, {"optimizer": "sgd"},
              {"optimizer": "adam", "params": {"lr": -1}}])"),
       "lab.json: runs[2].params.lr: -1 is out of range; allowed: lr >= 0"},
      {with(R"("runs": [{"optimizer": "adam", "params": {"betas": 0.9}}])"),
       "lab.json: runs[0].params.betas: unknown key for adam (did you mean 'beta1'?); allowed: "
       "lr, beta1, beta2, eps, weight_decay, amsgrad"},
      {with(R"("runs": [{"optimizer": "adam", "params": {"amsgrad": "yes"}}])"),
       "lab.json: runs[0].params.amsgrad: expected true or false, got \"yes\""},
      {with(R"("runs": [{"optimizer": "sgd", "params": {"nesterov": true}}])"),
       "lab.json: runs[0]: sgd: nesterov=1 requires momentum > 0 and dampening = 0"},
      {with(R"("runs": [{"optimizer": "sgd", "schedule": {"name": "step"}}])"),
       "lab.json: runs[0].schedule.params: step_size is required (steps between two "
       "multiplications of the learning rate by gamma)"},
      {with(R"("runs": [{"optimizer": "sgd", "schedule": {"name": "warmup"}}])"),
       "lab.json: runs[0].schedule.name: unknown schedule 'warmup'; available: none, step, "
       "exponential, cosine"},
      {with(R"("runs": [{"optimizer": "sgd", "clip": {"name": "norm", "params":
              {"clip_value": 1}}}])"),
       "lab.json: runs[0].clip.params.clip_value: unknown key for norm; allowed: max_norm"},
      {with(R"("runs": [{"optimizer": "sgd", "sampling": {"batch": -2}}])"),
       "lab.json: runs[0].sampling.batch: -2 is out of range; allowed: an integer, 0 <= batch "
       "<= 1000000"},
      {with(R"("runs": [{"optimizer": "sgd", "colour": "#12345"}])"),
       "lab.json: runs[0].colour: expected a colour \"#rrggbb\", got \"#12345\""},
      {with(R"("runs": [{"optimizer": "sgd", "visible": 1}])"),
       "lab.json: runs[0].visible: expected true or false, got 1"},
      {with(R"("lesson": {"title": 3})"),
       "lab.json: lesson.title: expected a string \"...\", got 3"},
      {with(R"("view": [0, 1, 1, 0])"), "lab.json: view: expected x_min < x_max and y_min < y_max"},
      {with(R"("view": [0, 1e999, 0, 1])"),
       "lab.json: not valid JSON: number overflow parsing '1e999'"},
  };
  for (const auto& [text, message] : cases) {
    INFO(text);
    CHECK_THROWS_WITH(parse_scenario(text, "lab.json", ""), message);
  }
  // Files: missing, a directory, too large.
  CHECK_THROWS_WITH(load_scenario("/no/such/lab.json"),
                    "/no/such/lab.json: cannot open the file (does it exist?)");
  std::string big = write("big.json", std::string(17 << 20, ' '));
  CHECK_THROWS_WITH(load_scenario(big), big + ": 17825792 bytes is too large for a scenario");
  // Deep nesting and garbage bytes are refused, not crashed on.
  CHECK_THROWS_AS(parse_scenario(std::string(100000, '[') + std::string(100000, ']'), "deep", ""),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      parse_scenario("{\"version\": 1, \"lesson\": {\"title\": \"\xff\xfe\"}}", "b", ""),
      std::invalid_argument);
}

TEST_CASE("scenario: the lab becomes what a file says, and saves what it is", "[scenario][lab]") {
  Scenario s;
  s.objective = SurfaceSpec{"himmelblau"};
  s.start = Vec2(-0.6, -0.6);
  s.steps = 300;
  s.view = Box{-5, 5, -5, 5};
  s.contours = {false, 12};
  s.position = 40;
  s.speed = 60;
  s.lesson = {"Minima", "Where you start decides.", "Which one?"};
  s.runs = {{.optimizer = parse_optimizer_spec("adam:lr=0.1"), .colour = Rgb{10, 20, 30}},
            {.optimizer = parse_optimizer_spec("sgd:lr=0.01,schedule=step,step_size=50"),
             .visible = false,
             .label = "plain SGD",
             .start = Vec2(3, -3)}};
  Lab lab(2);
  lab.load_defaults();
  lab.load(s);
  Scenario back = lab.scenario();
  // What the lab chose where the file left it open: the second run's colour.
  REQUIRE(back.runs.size() == 2);
  CHECK(back.runs[1].colour);
  back.runs[1].colour.reset();
  CHECK(back == s);
  lab.session().wait_idle();
  auto snapshot = lab.snapshot();
  CHECK((*snapshot->runs[1].trajectory)[0].x == 3);  // its own start
  CHECK((*snapshot->runs[0].trajectory)[0].x == -0.6);
  CHECK(snapshot->runs[0].config.limits.max_steps == 300);

  // A scenario the lab refuses changes nothing.
  Scenario bad = s;
  bad.runs[0].optimizer.params["lr"] = -1;
  CHECK_THROWS_WITH(lab.load(bad), "run 0: adam: lr = -1 is out of range; allowed: lr >= 0");
  Scenario typo = s;
  typo.objective = FormulaSpec{"x^2 + (y", std::nullopt};
  CHECK_THROWS_AS(lab.load(typo), std::invalid_argument);
  Scenario huge = s;  // a box so wide that no point in it could be reached
  huge.objective = FormulaSpec{"x^2 + y^2", Box{-1e308, 1e308, -1, 1}};
  huge.start.reset();
  CHECK_THROWS_WITH(lab.load(huge),
                    "formula box: the x range [-1e+308, 1e+308] must be finite with x_min < x_max");
  Scenario now = lab.scenario();
  now.runs[1].colour.reset();
  CHECK(now == s);
}

TEST_CASE("scenario: a model scenario switches once its data is read, a bad file keeps the lab",
          "[scenario][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Scenario s;
  ModelSpec model = default_model_spec("logistic");
  model.data.generator.params = {{"n", 300}, {"seed", 4}};
  s.objective = model;
  s.start = Vec2(0.5, -1);
  s.runs = {
      {.optimizer = parse_optimizer_spec("sgd:lr=0.5"), .sampling = {.batch = 16, .seed = 2}}};
  lab.load(s);
  CHECK(lab.waiting());
  CHECK(lab.objective()->info().name == "rosenbrock");  // until the data is in
  while (lab.waiting()) {
    CHECK(lab.poll().empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(lab.objective()->sample_count() == 300);
  CHECK(lab.start() == Vec2(0.5, -1));
  REQUIRE(lab.runs().size() == 1);
  CHECK(lab.runs()[0].sampling.batch == 16);

  ModelSpec missing = model;
  missing.data = {{}, "/no/such/file.csv", {}};
  s.objective = missing;
  lab.load(s);
  std::string error;
  while (lab.waiting()) {
    error += lab.poll();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  CHECK(error == "/no/such/file.csv: cannot open the file (does it exist?)");
  CHECK(lab.objective()->sample_count() == 300);
}

TEST_CASE("scenario: saving is atomic and says why it failed", "[scenario]") {
  const std::string path = test::temp_directory() + "/saved.json";
  Scenario s = Lab::default_scenario();
  save_scenario(s, path);
  CHECK(load_scenario(path) == s);
  CHECK_THROWS_WITH(save_scenario(s, "/no/such/dir/lab.json"),
                    Catch::StartsWith("/no/such/dir/lab.json: cannot create the file"));
  CHECK(load_scenario(path) == s);
}

TEST_CASE("document: a change marks it, playing does not, saving clears it", "[scenario]") {
  Scenario s = Lab::default_scenario();
  Document d;
  d.reset(s, "/home/t/ravine.json");
  CHECK(d.title(s) == "ravine.json - Descent");
  Scenario played = s;
  played.position = 500;
  CHECK_FALSE(d.modified(played));
  Scenario changed = s;
  changed.runs[0].optimizer.params["lr"] = 0.5;
  CHECK(d.modified(changed));
  CHECK(d.title(changed) == "*ravine.json - Descent");
  d.reset(changed, "/home/t/ravine.json");
  CHECK_FALSE(d.modified(changed));
  d.reset(changed, "", "Momentum on a ravine");
  CHECK(d.title(changed) == "Momentum on a ravine - Descent");
  d.reset(changed, "");
  CHECK(d.title(changed) == "untitled - Descent");
  d.reset(changed, "/x.json", "", true);  // restored with changes no file has
  CHECK(d.modified(changed));
}

TEST_CASE("autosave: written in the background at most every few seconds, read back whole",
          "[scenario]") {
  const std::string path = test::temp_directory() + "/autosave/lab.json";
  std::filesystem::remove_all(test::temp_directory() + "/autosave");
  Autosaved state{Lab::default_scenario(), "/home/t/ravine.json", "ravine.json", true};
  {
    Autosaver saver(path);
    int asked = 0;
    auto ask = [&] {
      ++asked;
      return state;
    };
    saver.tick(100, ask);
    saver.tick(101, ask);  // within the interval: not even asked
    CHECK(asked == 1);
    state.scenario.steps = 77;
    saver.tick(100 + Autosaver::kInterval, ask);
    CHECK(asked == 2);
  }  // the destructor finishes the write
  Autosaved back = load_autosave(path);
  CHECK(back == state);
  {
    Autosaver saver(path);
    state.modified = false;
    saver.flush(state);
    CHECK(load_autosave(path) == state);
    CHECK(saver.error().empty());
  }
  Autosaver failing("/proc/no-such-dir/lab.json");
  CHECK_THROWS_AS(failing.flush(state), std::runtime_error);
  std::ofstream(path) << "{\"file\": 3}";
  CHECK_THROWS_WITH(load_autosave(path), path + ": not an autosaved lab");
}

TEST_CASE("lessons: each has a title, a text and a question, and the lab opens it",
          "[scenario][lessons]") {
  REQUIRE(lesson_files().size() >= 12);
  Lab lab(2);
  for (const auto& file : lesson_files()) {
    INFO(file.path);
    Scenario s = load_lesson(file.name);
    CHECK_FALSE(s.lesson.title.empty());
    CHECK(s.lesson.text.size() > 100);
    CHECK_FALSE(s.lesson.question.empty());
    CHECK(s.runs.size() >= 2);
    const auto* model = std::get_if<ModelSpec>(&s.objective);
    CHECK((s.start || (model && models().find(model->model.name).network)));
    // Fast enough that its point shows within about ten seconds of pressing Space.
    CHECK(s.speed * 10 >= std::min<double>(s.steps, 60));
    lab.load(s);
    while (lab.waiting()) {
      CHECK(lab.poll().empty());
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    CHECK(lab.lesson() == s.lesson);
    CHECK(lab.runs().size() == s.runs.size());
    lab.session().wait_idle();
    for (const auto& run : lab.snapshot()->runs) CHECK(run.trajectory->size() > 1);
  }
  CHECK_THROWS_WITH(load_lesson("momentum-raveen"),
                    Catch::StartsWith("unknown lesson 'momentum-raveen' (did you mean "
                                      "'momentum-ravine'?)"));
}
