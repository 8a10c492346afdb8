// Undo and redo: the history of scenarios on its own, the names of edits, and the lab taken
// back and forth through every kind of edit, with models whose data loads in the background.
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "edit_name.hpp"
#include "history.hpp"
#include "support/gui_harness.hpp"
#include "support/models.hpp"
#include "support/process.hpp"
#include "undo.hpp"

using namespace descent;

namespace {

Scenario with_steps(std::int64_t steps) {
  Scenario s = Lab::default_scenario();
  s.steps = steps;
  return s;
}

// One frame of the window, as far as undo is concerned: the lab polled, then the history told
// that nothing is being dragged. Returns the lab's load error, if any.
std::string frame(Lab& lab, Undo& undo) {
  std::string error = lab.poll();
  if (std::string e = undo.update(true); !e.empty()) error = e;
  return error;
}

// Frames until no data is loading and the last edit is recorded.
std::string settle(Lab& lab, Undo& undo) {
  std::string error = frame(lab, undo);
  while (lab.loading() || lab.waiting()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (std::string e = frame(lab, undo); !e.empty()) error = e;
  }
  if (std::string e = frame(lab, undo); !e.empty()) error = e;
  return error;
}

void undo(Lab& lab, Undo& u) {
  u.undo();
  settle(lab, u);
}

void redo(Lab& lab, Undo& u) {
  u.redo();
  settle(lab, u);
}

ModelSpec generated_model(const char* model, const char* generator, double seed) {
  ModelSpec spec = test::model_spec(model);
  spec.data.generator = {generator, {{"n", 200}, {"seed", seed}}};
  return spec;
}

std::vector<RunId> ids(const Lab& lab) {
  std::vector<RunId> ids;
  for (const auto& run : lab.runs()) ids.push_back(run.id);
  return ids;
}

}  // namespace

// [SECTION] the history alone

TEST_CASE("history: records edits, not playback or view, and steps back and forth", "[history]") {
  History h;
  h.reset(with_steps(100));
  CHECK_FALSE(h.can_undo());
  CHECK_FALSE(h.can_redo());
  CHECK(h.undo() == nullptr);
  CHECK(h.undo_name().empty());

  Scenario played = with_steps(100);
  played.position = 70;
  played.speed = 25;
  played.view = Box{-1, 1, -1, 1};
  CHECK_FALSE(h.record(played));  // playing, pacing and panning are not edits
  CHECK(h.size() == 1);

  CHECK(h.record(with_steps(200)));
  CHECK(h.record(with_steps(300)));
  CHECK(h.undo_name() == "step limit 300");
  REQUIRE(h.undo());
  CHECK(h.current().steps == 200);
  CHECK(h.redo_name() == "step limit 300");
  REQUIRE(h.undo());
  CHECK(h.current().steps == 100);
  CHECK_FALSE(h.can_undo());
  REQUIRE(h.redo());
  CHECK(h.current().steps == 200);
  CHECK(h.redo()->steps == 300);
  CHECK_FALSE(h.can_redo());
  CHECK(h.redo() == nullptr);
}

TEST_CASE("history: a state recorded twice is one edit, a new edit drops what could be redone",
          "[history]") {
  History h;
  h.reset(with_steps(100));
  CHECK(h.record(with_steps(200)));
  CHECK_FALSE(h.record(with_steps(200)));
  CHECK(h.record(with_steps(300)));
  CHECK(h.size() == 3);
  h.undo();
  h.undo();
  CHECK(h.can_redo());
  CHECK(h.record(with_steps(400)));  // an edit after undo: the undone ones are gone
  CHECK_FALSE(h.can_redo());
  CHECK(h.size() == 2);
  CHECK(h.undo()->steps == 100);
  CHECK(h.redo()->steps == 400);
}

TEST_CASE("history: keeps its depth, the oldest edits going first", "[history]") {
  History h(3);
  h.reset(with_steps(0));
  for (int i = 1; i <= 10; ++i) h.record(with_steps(i));
  CHECK(h.size() == 4);
  int undone = 0;
  while (h.undo()) ++undone;
  CHECK(undone == 3);
  CHECK(h.current().steps == 7);  // 0 to 6 are forgotten

  History deep;
  deep.reset(with_steps(0));
  for (int i = 1; i <= 250; ++i) deep.record(with_steps(i));
  CHECK(deep.size() == History::kDepth + 1);
}

TEST_CASE("history: moving back to where the lab is, after a restore that failed", "[history]") {
  History h;
  h.reset(with_steps(1));
  h.record(with_steps(2));
  h.record(with_steps(3));
  const std::size_t at = h.position();
  h.undo();
  h.move_to(at);
  CHECK(h.current().steps == 3);
  CHECK(h.undo_name() == "step limit 3");
  h.move_to(99);  // beyond the end: the newest
  CHECK(h.current().steps == 3);
}

TEST_CASE("history: each edit is named after what it changed", "[history]") {
  const Scenario base = Lab::default_scenario();
  Lab lab(1);
  lab.load(base);
  const Scenario before = lab.scenario();  // every run with its colour, as History sees it
  auto name = [&](auto&& edit) {
    Scenario after = before;
    edit(after);
    return edit_name(before, after);
  };
  CHECK(name([](Scenario& s) { s.runs.erase(s.runs.begin() + 2); }) == "remove run 'adam lr=0.05'");
  CHECK(name([](Scenario& s) { s.runs.push_back({.optimizer = {.name = "lion"}}); }) ==
        "add run 'lion'");
  CHECK(name([](Scenario& s) {
          RunSpec copy = s.runs[0];
          copy.colour = Rgb{1, 2, 3};
          s.runs.insert(s.runs.begin() + 1, copy);
        }) == "duplicate 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs.clear(); }) == "remove 3 runs");
  CHECK(name([](Scenario& s) { s.runs[2].optimizer.params["lr"] = 0.1; }) ==
        "change of lr in 'adam lr=0.05'");
  CHECK(name([](Scenario& s) {
          s.runs[1].optimizer.params["lr"] = 0.1;
          s.runs[1].optimizer.params["nesterov"] = 1;
        }) == "change of lr and nesterov in 'sgd lr=0.001 momentum=0.9'");
  CHECK(name([](Scenario& s) {
          s.runs[0].optimizer.schedule = {"cosine", {}};
        }) == "change of schedule to cosine in 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs[0].sampling.gradient_noise = 0.5; }) ==
        "change of noise in 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs[0].visible = false; }) == "hide 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) {
          s.runs[0].colour = Rgb{1, 2, 3};
        }) == "change of colour of 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs[0].label = "slow"; }) == "rename of 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs[0].start = Vec2(1, 1); }) == "own start for 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) { s.runs[0].label = std::string(80, 'x'); }) ==
        "rename of 'sgd lr=0.001'");
  CHECK(name([](Scenario& s) {
          s.runs[0].label = "a";
          s.runs[1].label = "b";
        }) == "change of 2 runs");
  CHECK(name([](Scenario& s) { s.start = Vec2(0, 0); }) == "move of the start");
  CHECK(name([](Scenario& s) { s.objective = SurfaceSpec{"booth"}; }) == "switch to booth");
  CHECK(name([](Scenario& s) {
          s.objective = FormulaSpec{"x^2+y^2", {}};
        }) == "switch to a formula");
  CHECK(name([](Scenario& s) { s.contours.levels = 8; }) == "change of contour levels");
  CHECK(name([](Scenario& s) { s.contours.log = false; }) == "evenly spaced contours");
  CHECK(name([](Scenario& s) { s.steps = 5000; }) == "step limit 5000");

  Scenario long_label = before;
  long_label.runs[0].label = std::string(80, 'x');
  Scenario removed = long_label;
  removed.runs.erase(removed.runs.begin());
  CHECK(edit_name(long_label, removed) == "remove run '" + std::string(40, 'x') + "...'");

  Scenario model = before, other = before;
  model.objective = generated_model("linear", "linear", 1);
  other.objective = generated_model("linear", "linear", 2);
  CHECK(edit_name(model, other) == "change of seed of the data");
  std::get<ModelSpec>(other.objective) = generated_model("linear", "linear", 1);
  std::get<ModelSpec>(other.objective).loss = {"huber", {}};
  CHECK(edit_name(model, other) == "change of loss to huber");
  std::get<ModelSpec>(other.objective) = generated_model("linear", "linear", 1);
  std::get<ModelSpec>(other.objective).data.path = "/somewhere/points.csv";
  CHECK(edit_name(model, other) == "open data 'points.csv'");
}

// [SECTION] the lab taken back and forth

TEST_CASE("undo: runs added, removed and changed come back as they were, with their colour",
          "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  const Scenario original = lab.scenario();
  const std::vector<RunId> original_ids = ids(lab);

  // Remove: the run comes back in its place, colour and label, and the others keep their ids.
  const RunId adam = lab.runs()[2].id, momentum = lab.runs()[1].id;
  lab.set_label(momentum, "heavy ball");
  lab.set_colour(momentum, Rgb{10, 20, 30});
  settle(lab, u);
  const Scenario labelled = lab.scenario();
  lab.remove_run(momentum);
  settle(lab, u);
  CHECK(u.undo_name() == "remove run 'heavy ball'");
  undo(lab, u);
  CHECK(same_edits(lab.scenario(), labelled));
  REQUIRE(lab.runs().size() == 3);
  CHECK(lab.runs()[1].label == "heavy ball");
  CHECK(lab.runs()[1].colour == Rgb{10, 20, 30});
  CHECK(lab.runs()[0].id == original_ids[0]);
  CHECK(lab.runs()[2].id == adam);
  lab.session().wait_idle();
  CHECK(lab.snapshot()->runs.size() == 3);  // the Session has it again, computed
  CHECK(u.redo_name() == "remove run 'heavy ball'");
  redo(lab, u);
  CHECK(lab.runs().size() == 2);
  lab.session().wait_idle();
  CHECK(lab.snapshot()->runs.size() == 2);
  undo(lab, u);

  // Add, and a change of spec: the run keeps its id, and only it recomputes.
  const RunId added = lab.add_run({.name = "lion"});
  settle(lab, u);
  CHECK(u.undo_name() == "add run 'lion'");
  undo(lab, u);
  CHECK_FALSE(lab.find(added));
  CHECK(same_edits(lab.scenario(), labelled));
  lab.session().wait_idle();
  const auto untouched = lab.snapshot()->find(original_ids[0])->trajectory;
  OptimizerSpec faster = lab.find(adam)->spec;
  faster.params["lr"] = 0.2;
  lab.set_spec(adam, faster);
  settle(lab, u);
  CHECK(u.undo_name() == "change of lr in 'adam lr=0.05'");
  undo(lab, u);
  CHECK(lab.find(adam)->spec.params.at("lr") == 0.05);
  CHECK(lab.snapshot()->find(adam)->config.optimizer.params.at("lr") == 0.05);
  CHECK(lab.snapshot()->find(original_ids[0])->trajectory == untouched);  // not recomputed
  redo(lab, u);
  CHECK(lab.find(adam)->spec.params.at("lr") == 0.2);

  // Sampling, visibility, own start.
  lab.set_visible(adam, false);
  lab.set_run_start(adam, Vec2(0.5, 0.5));
  lab.set_sampling(adam, {.gradient_noise = 0.3, .seed = 4});
  settle(lab, u);  // three edits in one frame: one step back
  undo(lab, u);
  CHECK(lab.find(adam)->visible);
  CHECK_FALSE(lab.find(adam)->start);
  CHECK(lab.find(adam)->sampling == Sampling{});

  // All the way back: the lab as it was loaded.
  while (u.can_undo()) undo(lab, u);
  CHECK(same_edits(lab.scenario(), original));
}

TEST_CASE("undo: the start, step limit and contours come back; playback and view stay",
          "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  const Vec2 start = lab.start();
  const std::uint64_t space = lab.parameter_space(), request = lab.view_request();
  lab.set_start({0.5, 0.25});
  settle(lab, u);
  lab.set_step_limit(500);
  settle(lab, u);
  lab.contours().levels = 7;
  settle(lab, u);
  lab.playback().position = 123;
  lab.set_view(Box{-1, 1, -1, 2});
  settle(lab, u);
  CHECK(u.undo_name() == "change of contour levels");

  undo(lab, u);
  CHECK(lab.contours().levels == 24);
  undo(lab, u);
  CHECK(lab.step_limit() == Lab::kDefaultStepLimit);
  lab.session().wait_idle();
  for (const auto& run : lab.snapshot()->runs)
    CHECK(run.config.limits.max_steps == Lab::kDefaultStepLimit);
  undo(lab, u);
  CHECK(lab.start() == start);
  for (const auto& run : lab.snapshot()->runs) CHECK(run.config.start == start);
  // What the user did not edit stays: where playback is, the view, the plane.
  CHECK(lab.playback().position == 123);
  CHECK(lab.view() == Box{-1, 1, -1, 2});
  CHECK(lab.parameter_space() == space);
  CHECK(lab.view_request() == request);
  redo(lab, u);
  CHECK(lab.start() == Vec2(0.5, 0.25));
}

TEST_CASE("undo: another surface or formula comes back with its start, the runs keep their ids",
          "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  lab.set_start({-1, 2});
  settle(lab, u);
  const std::vector<RunId> before = ids(lab);
  lab.set_objective(SurfaceSpec{"himmelblau"});
  settle(lab, u);
  CHECK(u.undo_name() == "switch to himmelblau");
  undo(lab, u);
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "rosenbrock");
  CHECK(lab.start() == Vec2(-1, 2));  // the start it had, not the one the surface suggests
  CHECK(ids(lab) == before);
  lab.session().wait_idle();
  for (const auto& run : lab.snapshot()->runs) {
    CHECK(run.config.objective == lab.objective());
    CHECK(run.config.start == Vec2(-1, 2));
  }
  redo(lab, u);
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "himmelblau");

  lab.set_objective(FormulaSpec{"x^2 + 3*y^2", {}});
  settle(lab, u);
  lab.set_objective(FormulaSpec{"x^2 + 5*y^2", {}});
  settle(lab, u);
  CHECK(u.undo_name() == "edit of the formula");
  undo(lab, u);
  CHECK(std::get<FormulaSpec>(lab.objective_spec()).text == "x^2 + 3*y^2");
  CHECK(lab.objective()->value(Vec2(0, 1)) == Approx(3));
  undo(lab, u);
  undo(lab, u);
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "rosenbrock");
  CHECK(lab.objective()->value(Vec2(1, 1)) == Approx(0));
}

TEST_CASE("undo: a drag is one edit once it settles", "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  const Vec2 start = lab.start();
  for (int i = 1; i <= 20; ++i) {  // a widget held: every frame changes the lab
    lab.set_start(start + Vec2(0.01 * i, 0));
    u.update(false);
  }
  CHECK_FALSE(u.can_undo());
  u.update(true);
  CHECK(u.history().size() == 2);
  // Undo asked for during a drag waits for it to end, and takes back the drag.
  lab.set_step_limit(300);
  u.undo();
  u.update(false);
  CHECK(lab.step_limit() == 300);
  u.update(true);
  CHECK(lab.step_limit() == Lab::kDefaultStepLimit);
  CHECK(lab.start() == start + Vec2(0.2, 0));
}

TEST_CASE("undo: models come back with their data, loaded in the background", "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  lab.set_objective(generated_model("linear", "linear", 1));
  REQUIRE(settle(lab, u).empty());
  lab.set_start({0.5, -0.5});
  settle(lab, u);
  const std::vector<RunId> before = ids(lab);
  const auto first = lab.objective();
  lab.set_objective(generated_model("linear", "linear", 2));  // other data, the same model
  REQUIRE(settle(lab, u).empty());
  CHECK(u.undo_name() == "change of seed of the data");

  u.undo();
  frame(lab, u);
  CHECK(lab.waiting());  // the data is read again in the background
  CHECK(std::get<ModelSpec>(lab.objective_spec()).data.generator.params.at("seed") == 2);
  REQUIRE(settle(lab, u).empty());
  CHECK(std::get<ModelSpec>(lab.objective_spec()).data.generator.params.at("seed") == 1);
  CHECK(lab.start() == Vec2(0.5, -0.5));
  CHECK(ids(lab) == before);
  CHECK(lab.objective()->sample_count() == first->sample_count());
  CHECK(lab.objective()->value(Vec2(0.1, 0.2)) == Approx(first->value(Vec2(0.1, 0.2))));
  CHECK(u.can_redo());  // waiting for the data recorded nothing

  // All the way back to the surface, at once, while data would still be loading.
  u.undo();
  u.undo();
  u.undo();
  REQUIRE(settle(lab, u).empty());
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "rosenbrock");
  CHECK_FALSE(u.can_undo());
  redo(lab, u);
  CHECK(std::holds_alternative<ModelSpec>(lab.objective_spec()));
  CHECK(lab.objective()->sample_count() == 200);
}

TEST_CASE("undo: asked for while a model loads, it takes back that model once it is in",
          "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  lab.set_objective(generated_model("logistic", "classes", 3));
  u.undo();
  frame(lab, u);  // loading: nothing is undone under it
  REQUIRE(settle(lab, u).empty());
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "rosenbrock");
  CHECK(u.redo_name() == "switch to the logistic model");
}

TEST_CASE(
    "undo: data that can no longer be read, or another objective chosen first, leaves the "
    "lab and the history where they were",
    "[history][lab]") {
  const std::string a = test::temp_directory() + "/undo-a.csv",
                    b = test::temp_directory() + "/undo-b.csv";
  std::ofstream(a) << "x,y\n0,1\n1,3\n2,5\n";
  std::ofstream(b) << "x,y\n0,2\n1,4\n2,7\n";
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  ModelSpec from_file = test::model_spec("linear");
  from_file.data.path = a;
  lab.set_objective(from_file);
  REQUIRE(settle(lab, u).empty());
  from_file.data.path = b;
  lab.set_objective(from_file);
  REQUIRE(settle(lab, u).empty());
  const Scenario now = lab.scenario();
  std::filesystem::remove(a);
  u.undo();
  CHECK_THAT(settle(lab, u), Catch::Contains(a));
  CHECK(same_edits(lab.scenario(), now));
  CHECK(u.undo_name() == "open data 'undo-b.csv'");  // still there to try again
  CHECK_FALSE(u.can_redo());

  // Redo to a model, and another objective chosen before its data is in: that one wins, an
  // edit from where the lab was.
  u.undo();
  u.undo();
  settle(lab, u);
  const Scenario surface = lab.scenario();
  CHECK(std::holds_alternative<SurfaceSpec>(surface.objective));
  std::ofstream(a) << "x,y\n0,1\n1,3\n2,5\n";
  u.redo();
  frame(lab, u);
  REQUIRE(lab.waiting());
  lab.set_objective(SurfaceSpec{"booth"});
  settle(lab, u);
  CHECK(std::get<SurfaceSpec>(lab.objective_spec()).name == "booth");
  CHECK(u.undo_name() == "switch to booth");
  CHECK_FALSE(u.can_redo());
  undo(lab, u);
  CHECK(same_edits(lab.scenario(), surface));
}

TEST_CASE("undo: a scenario opened anew starts a history of its own", "[history][lab]") {
  Lab lab(2);
  lab.load_defaults();
  Undo u(lab);
  lab.set_step_limit(300);
  settle(lab, u);
  CHECK(u.can_undo());
  Scenario other = Lab::default_scenario();
  other.objective = SurfaceSpec{"booth"};
  lab.load(other);
  settle(lab, u);
  CHECK_FALSE(u.can_undo());
  CHECK_FALSE(u.can_redo());
  // One still loading its data: once it is in.
  Scenario model = Lab::default_scenario();
  model.objective = generated_model("linear", "linear", 1);
  model.start.reset();
  lab.set_step_limit(400);
  settle(lab, u);
  lab.load(model);
  REQUIRE(settle(lab, u).empty());
  CHECK(std::holds_alternative<ModelSpec>(lab.objective_spec()));
  CHECK_FALSE(u.can_undo());
}

// [SECTION] the keys, in the real panels
namespace {
using Harness = test::GuiHarness;
}  // namespace

TEST_CASE("ui: Ctrl+Z takes back a removed run, Ctrl+Shift+Z and Ctrl+Y do it again",
          "[ui][undo]") {
  Harness h;
  h.frame();
  CHECK_FALSE(h.gui.undo().can_undo());  // the lab as loaded
  const LabRun adam = h.lab.runs()[2];
  h.lab.playback().position = 40;
  h.lab.remove_run(adam.id);
  h.frame();
  CHECK(h.gui.undo().undo_name() == "remove run 'adam lr=0.05'");
  auto keys = [&](bool shift, int key) {
    h.imgui.ctrl(true);
    h.imgui.shift(shift);
    h.press_key(key);
    h.imgui.ctrl(false);
    h.imgui.shift(false);
  };
  keys(false, 'Z');
  REQUIRE(h.lab.runs().size() == 3);
  CHECK(h.lab.runs()[2].spec == adam.spec);
  CHECK(h.lab.runs()[2].colour == adam.colour);
  CHECK(h.lab.playback().position == 40);  // playback is not an edit
  CHECK(h.gui.undo().redo_name() == "remove run 'adam lr=0.05'");
  keys(true, 'Z');
  CHECK(h.lab.runs().size() == 2);
  keys(false, 'Z');
  CHECK(h.lab.runs().size() == 3);
  keys(false, 'Y');
  CHECK(h.lab.runs().size() == 2);
  CHECK_FALSE(h.gui.undo().can_redo());
}

TEST_CASE("ui: dragging the start marker is one edit, undone at once", "[ui][undo]") {
  Harness h;
  h.frame();
  const Vec2 start = h.lab.start();
  const View view = h.gui.canvas().view();
  const PixelRect plot = h.gui.canvas().plot();
  Vec2 marker = view.to_screen(start, plot);
  marker = Vec2(std::floor(marker.x()), std::floor(marker.y()));
  h.imgui.mouse(float(marker.x()), float(marker.y()));
  h.frame();
  h.imgui.mouse(float(marker.x()), float(marker.y()), true);
  h.frame();
  for (int i = 1; i <= 5; ++i) {
    h.imgui.mouse(float(marker.x() + 10 * i), float(marker.y() + 6 * i), true);
    h.frame();
  }
  CHECK_FALSE(h.gui.undo().can_undo());  // still held
  h.imgui.mouse(float(marker.x() + 50), float(marker.y() + 30), false);
  h.frame();
  h.frame();
  CHECK(h.gui.undo().history().size() == 2);
  CHECK(h.gui.undo().undo_name() == "move of the start");
  h.imgui.ctrl(true);
  h.press_key('Z');
  h.imgui.ctrl(false);
  CHECK(h.lab.start() == start);
  CHECK(h.gui.canvas().view() == view);
  h.lab.session().wait_idle();
  for (const auto& run : h.lab.snapshot()->runs) CHECK(run.config.start == start);
}
