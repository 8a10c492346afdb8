// What the lab and the canvas say and draw for a network, apart from ImGui: the fading of a path
// off its plane, the hover readout's words, where a network starts, its layers checked as typed,
// and the names of its edits in the undo menu.
#include <catch2/catch.hpp>

#include "checked_text.hpp"
#include "edit_name.hpp"
#include "fit_text.hpp"
#include "lab.hpp"
#include "network_text.hpp"
#include "plane_fade.hpp"
#include "readout_text.hpp"

using namespace descent;

TEST_CASE("plane fade: opaque on the plane, faint at the view's width and beyond",
          "[network][canvas]") {
  const PlaneFade fade{2.0};
  CHECK(fade.alpha(0) == 1.f);
  CHECK(fade.alpha(1) == Approx(0.65));
  CHECK(fade.alpha(2) == Approx(PlaneFade::kFarthest));
  CHECK(fade.alpha(50) == Approx(PlaneFade::kFarthest));
  CHECK(fade.alpha(std::nan("")) == 1.f);  // unknown: drawn as before
  CHECK(fade.alpha(0.5) > fade.alpha(1));
  // Levels: the top one is opaque, the bottom one the faintest, each within half a step.
  CHECK(fade.level(0) == PlaneFade::kLevels - 1);
  CHECK(fade.level(2) == 0);
  CHECK(PlaneFade::level_alpha(PlaneFade::kLevels - 1) == Approx(1));
  CHECK(PlaneFade::level_alpha(0) == Approx(PlaneFade::kFarthest));
  const float step = (1 - PlaneFade::kFarthest) / (PlaneFade::kLevels - 1);
  for (double d : {0.1, 0.37, 0.8, 1.3, 1.9})
    CHECK(std::abs(PlaneFade::level_alpha(fade.level(d)) - fade.alpha(d)) <= step / 2 + 1e-6);
}

TEST_CASE("plane fade: the view's width in parameter units follows the directions' lengths",
          "[network][canvas]") {
  VecX center = VecX::Zero(3), d1(3), d2(3);
  d1 << 2, 0, 0;
  d2 << 0, 0, 4;
  CHECK(plane_reach(Plane(center, d1, d2), 10) == Approx(30));
}

TEST_CASE("readout: the loss on a network's plane is not called the loss", "[network][canvas]") {
  FieldReading surface{"x", "y", Vec2(1.5, -0.5), 2.4375, false, 3.0, false};
  CHECK(field_readout(surface, "|g|") == "x = 1.5   y = -0.5   f = 2.4375   |g| = 3");
  FieldReading plane{"a", "b", Vec2(0.25, 1), 2.43, false, std::nullopt, true};
  CHECK(field_readout(plane, "|g|") == "a = 0.25   b = 1   f on plane = 2.43");
  plane.approximate = true;
  CHECK(field_readout(plane, "|g|") == "a = 0.25   b = 1   f on plane ≈ 2.43");
  plane.value = std::nan("");  // not sampled there yet
  CHECK(field_readout(plane, "|g|") == "a = 0.25   b = 1");

  CHECK(run_point_readout("adam lr=0.05", 120, 0.3125, 1.7) ==
        "adam lr=0.05, step 120: run loss 0.3125, 1.7 off the plane");
  CHECK(run_point_readout("sgd", 0, 0.72, 1e-9, 1e-6) ==
        "sgd, step 0: run loss 0.72, on the plane");
}

TEST_CASE("network text: where a network starts, and why layers are refused", "[network]") {
  ModelSpec spec = default_model_spec("mlp");
  CHECK(network_start_text(spec) == "init_seed 0");
  spec.model.params["init_seed"] = 7;
  CHECK(network_start_text(spec) == "init_seed 7");
  spec.network.start.assign(17, 0.1);
  CHECK(network_start_text(spec) == "given start (17 parameters)");

  CHECK(layers_problem("2-8-8-1").empty());
  CHECK_THAT(layers_problem("2-x-1"), Catch::Contains("'x' is not a width"));
  CHECK_THAT(layers_problem("3-4-1"), Catch::Contains("3"));  // two inputs, not three
}

TEST_CASE("checked text: a refused text keeps the last valid value and says why", "[network][ui]") {
  CheckedText layers{layers_problem};
  layers.follow("2-4-1", false);
  CHECK(layers.text() == "2-4-1");
  layers.text() = "2-8-";  // on the way to 2-8-1
  CHECK_FALSE(layers.typed());
  CHECK(layers.value() == "2-4-1");
  CHECK_FALSE(layers.error().empty());
  layers.follow("2-2-1", true);  // the model changed while typing: the text is the user's
  CHECK(layers.text() == "2-8-");
  layers.text() = "2-8-1";
  CHECK(layers.typed());
  CHECK(layers.value() == "2-8-1");
  CHECK(layers.error().empty());
  CHECK_FALSE(layers.typed());  // the same value again is no change

  layers.text() = "2-x-1";
  CHECK_FALSE(layers.typed());
  layers.left();  // the field is left: its text goes back, the reason stays
  CHECK(layers.text() == "2-8-1");
  CHECK_THAT(layers.error(), Catch::Contains("'x'"));
  layers.follow("2-16-1", false);  // an undo: the text follows and the reason goes
  CHECK(layers.text() == "2-16-1");
  CHECK(layers.error().empty());
}

TEST_CASE("history: a network's edits are named after what changed", "[network][history]") {
  Scenario before;
  before.objective = default_model_spec("mlp");
  auto name = [&](auto&& edit) {
    Scenario after = before;
    edit(std::get<ModelSpec>(after.objective));
    return edit_name(before, after);
  };
  CHECK(name([](ModelSpec& m) { m.network.layers = "2-8-8-1"; }) == "change of layers to 2-8-8-1");
  CHECK(name([](ModelSpec& m) {
          m.network.activation = {"relu", {}};
        }) == "change of activation to relu");
  CHECK(name([](ModelSpec& m) { m.network.plane = "random"; }) == "switch to a random plane");
  CHECK(name([](ModelSpec& m) { m.network.start.assign(17, 0.0); }) ==
        "change of the network's start");
  CHECK(name([](ModelSpec& m) { m.model.params["plane_seed"] = 3; }) ==
        "change of plane_seed of the model");
}

TEST_CASE("network lab: another plane, layers or activation is another parameter space",
          "[network][lab]") {
  Lab lab(2);
  Scenario s;
  ModelSpec model = default_model_spec("mlp");
  model.network.plane = "random";
  s.objective = model;
  s.runs.push_back({.optimizer = parse_optimizer_spec("adam:lr=0.05")});
  lab.load(s, build_objective(s.objective));
  auto change = [&](auto&& edit) {
    const std::uint64_t before = lab.parameter_space();
    ModelSpec next = std::get<ModelSpec>(lab.objective_spec());
    edit(next);
    lab.set_objective(next, build_objective(next));
    return lab.parameter_space() != before;
  };
  // The view and the field of the old plane would show the new one's coordinates wrongly.
  CHECK(change([](ModelSpec& m) { m.network.plane = "pca"; }));
  CHECK(change([](ModelSpec& m) { m.network.layers = "2-8-1"; }));
  CHECK(change([](ModelSpec& m) { m.network.activation = {"relu", {}}; }));
  CHECK(change([](ModelSpec& m) { m.model.params["plane_seed"] = 4; }));
  CHECK_FALSE(change([](ModelSpec& m) { m.data.generator.params["seed"] = 2; }));
}

TEST_CASE("fit text: an axis name cut at a word to fit a small plot", "[network][canvas]") {
  const auto chars = [](std::string_view s) {
    float n = 0;  // "…" counts as one
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  const std::string name = "a: principal direction 1 (79% of the paths' spread)";
  CHECK(fit_text(name, 100, chars) == name);
  CHECK(fit_text(name, 40, chars) == "a: principal direction 1 (79% of the…)");
  CHECK(fit_text(name, 31, chars) == "a: principal direction 1 (79%…)");
  CHECK(fit_text(name, 26, chars) == "a: principal direction 1…");
  CHECK(fit_text(name, 2, chars) == "a:…");  // the first word at least
}
