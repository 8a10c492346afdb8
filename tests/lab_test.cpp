// The visualizer's model without GL or ImGui: playback, view, ticks, paths, loss envelopes,
// run statistics, the lab's commands, settings and the colour map.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <catch2/catch.hpp>

#include "axis_ticks.hpp"
#include "lab.hpp"
#include "loss_envelope.hpp"
#include "path_cache.hpp"
#include "playback.hpp"
#include "render/colormap.hpp"
#include "run_stats.hpp"
#include "settings.hpp"
#include "support/models.hpp"
#include "support/process.hpp"
#include "surfaces.hpp"
#include "view.hpp"

using namespace descent;

namespace {

std::shared_ptr<const Trajectory> line_trajectory(std::size_t n, double spacing) {
  auto t = std::make_shared<Trajectory>(n);
  for (std::size_t i = 0; i < n; ++i)
    t->push_back({spacing * static_cast<double>(i), 0, 100.0 - static_cast<double>(i)},
                 static_cast<std::int64_t>(i));
  t->finish(RunStatus::finished, static_cast<std::int64_t>(n) - 1);
  return t;
}

}  // namespace

TEST_CASE("playback: plays at its speed, stops at the end, steps and scrubs", "[playback]") {
  Playback p;
  p.speed = 100;
  p.toggle(50);
  CHECK(p.playing);
  p.tick(0.1, 50);
  CHECK(p.position == Approx(10));
  p.tick(1, 50);
  CHECK(p.position == 50);
  CHECK_FALSE(p.playing);  // stopped at the end
  p.toggle(50);            // play again from the end: starts over
  CHECK(p.position == 0);
  CHECK(p.playing);
  p.step_forward(50);
  CHECK_FALSE(p.playing);
  CHECK(p.step() == 1);
  p.step_back();
  p.step_back();
  CHECK(p.step() == 0);
  p.scrub(33.4, 50);
  CHECK(p.position == 33);
  p.scrub(99, 50);
  CHECK(p.position == 50);
  p.restart();
  CHECK(p.position == 0);
  CHECK(p.playing);
}

TEST_CASE("view: world and screen round-trip with equal scales and y up", "[view]") {
  PixelRect rect{100, 50, 800, 600};
  View v;
  v.fit({-2, 2, -1, 3}, rect);
  CHECK(v.centre == Vec2(0, 1));
  Vec2 top_left = v.to_screen({-2, 3}, rect), bottom_right = v.to_screen({2, -1}, rect);
  CHECK(top_left.y() < bottom_right.y());         // y up in the world, down on screen
  CHECK(bottom_right.y() - top_left.y() <= 600);  // all of the box fits
  CHECK(bottom_right.x() - top_left.x() ==
        Approx(bottom_right.y() - top_left.y()));  // equal scales
  Vec2 p(0.37, -0.81);
  CHECK((v.to_world(v.to_screen(p, rect), rect) - p).norm() < 1e-12);
  Box visible = v.visible(rect);
  CHECK(visible.x_max - visible.x_min == Approx(800 * v.scale));
}

TEST_CASE("view: zoom keeps the point under the cursor, pan follows the mouse", "[view]") {
  PixelRect rect{0, 0, 800, 600};
  View v;
  v.fit({-5, 5, -5, 5}, rect);
  Vec2 cursor(612, 143);
  Vec2 under = v.to_world(cursor, rect);
  v.zoom_at(cursor, 3, rect);
  CHECK((v.to_world(cursor, rect) - under).norm() < 1e-9);
  Vec2 before = v.to_screen({1, 1}, rect);
  v.pan({25, -10});
  CHECK((v.to_screen({1, 1}, rect) - before - Vec2(25, -10)).norm() < 1e-9);
  for (int i = 0; i < 400; ++i) v.zoom_at(cursor, 10, rect);  // stays finite
  CHECK(std::isfinite(v.scale));
  CHECK(v.scale > 0);
}

TEST_CASE("ticks: nice steps, labels that tell ticks apart", "[ticks]") {
  auto ticks = linear_ticks(-2.1, 2.1, 5);
  std::vector<std::string> labels;
  for (const auto& t : ticks) labels.push_back(t.label);
  CHECK(labels == std::vector<std::string>{"-2", "-1", "0", "1", "2"});
  auto fine = linear_ticks(0.001, 0.0042, 4);
  CHECK(fine.front().label == "0.001");
  CHECK(linear_ticks(0, 1e7, 5).back().label == "1e+07");
  CHECK(linear_ticks(1, 1, 5).empty());
  // A raw step just above 2 takes 2, not 5: three ticks, not the lone 0.
  CHECK(linear_ticks(-4.6, 4.6, 4).size() >= 3);
  auto decades = log_ticks(1e-7, 20, 4);
  REQUIRE(decades.size() >= 2);
  CHECK(decades.size() <= 5);
  CHECK(decades.back().value <= 20);
  CHECK(log_ticks(0.5, 200, 10).front().label == "1");
}

TEST_CASE("palette: each new run gets the first colour not taken", "[palette]") {
  auto palette = run_palette();
  std::vector<Rgb> used;
  for (std::size_t i = 0; i < palette.size(); ++i) {
    Rgb c = next_run_colour(used);
    CHECK(c == palette[i]);
    used.push_back(c);
  }
  CHECK(next_run_colour(used) == palette[0]);  // all taken: reuse the least used
  used.erase(used.begin() + 3);
  CHECK(next_run_colour(used) == palette[3]);
}

TEST_CASE("path cache: thins to the spacing, grows, shrinks and keeps the end", "[paths]") {
  auto t = line_trajectory(100001, 0.001);  // a million-step style path: 0.001 apart
  PathCache cache;
  auto points = cache.update(t, 100001, 0.4995);
  CHECK(points.size() == 201);  // every 500th point, the last among them
  CHECK(points.front() == Vec2(0, 0));
  CHECK(points.back().x() == Approx(100));
  auto shorter = cache.update(t, 1234, 0.4995);  // the timeline went back
  CHECK(shorter.back().x() == Approx(1.233));
  CHECK(shorter.size() == 4);
  auto longer = cache.update(t, 2001, 0.4995);
  CHECK(longer.back().x() == Approx(2.0));
  CHECK(cache.update(t, 0, 0.4995).empty());
  auto fine = cache.update(t, 101, 0.0005);  // zoomed in: rebuilt at the new spacing
  CHECK(fine.size() == 101);
}

TEST_CASE("loss envelope: each column keeps its lowest and highest loss", "[loss]") {
  auto t = std::make_shared<Trajectory>(1000);
  for (int i = 0; i < 1000; ++i) t->push_back({0, 0, i == 500 ? 1e6 : 1.0 / (i + 1)}, i);
  LossEnvelope envelope;
  auto columns = envelope.update(t, 1000, 1000, 10);
  REQUIRE(columns.size() == 10);
  CHECK(columns[0].hi == 1);
  CHECK(columns[0].lo == Approx(1.0 / 100));
  CHECK(columns[5].hi == 1e6);  // the spike survives
  auto partial = envelope.update(t, 250, 1000, 10);
  CHECK(partial[3].empty());
  CHECK_FALSE(partial[2].empty());
}

TEST_CASE("run stats: nearest minimum, tolerance reached, status as of the shown step", "[stats]") {
  const ObjectiveInfo& himmelblau = find_surface("himmelblau")->info();
  CHECK(*distance_to_nearest_minimum(himmelblau, {3, 2.5}) == Approx(0.5));
  CHECK(*best_known_value(himmelblau) == 0);
  CHECK_FALSE(distance_to_nearest_minimum(find_surface("saddle")->info(), {1, 1}));

  auto t = line_trajectory(101, 1);  // loss 100 - i
  ToleranceTracker tracker;
  const Objective& sphere = *find_surface("sphere");
  CHECK(*tracker.update(t, sphere, 0.0, 10.5) == 90);  // first loss below 10.5
  CHECK(*tracker.update(t, sphere, 50.0, 0.5) == 50);  // relative to the best known value
  CHECK_FALSE(tracker.update(t, sphere, -10.0, 0.5));  // never within 0.5 of -10
  // No minimum known: the gradient decides. On the sphere |grad| = 2|x|; x = 10 - i here.
  auto approach = std::make_shared<Trajectory>(20);
  for (int i = 0; i < 20; ++i) approach->push_back({10.0 - i, 0, 0}, i);
  CHECK(*tracker.update(approach, sphere, std::nullopt, 3) == 9);
  CHECK(status_text(*t, 20) == "running");
  CHECK(status_text(*t, 100) == "finished");
}

TEST_CASE("lab: commands reach the session, bad input changes nothing", "[lab]") {
  Lab lab(2);
  lab.load_defaults();
  REQUIRE(lab.runs().size() == 3);
  CHECK(lab.objective()->info().name == "rosenbrock");
  CHECK(lab.runs()[0].colour == run_palette()[0]);
  lab.session().wait_idle();
  auto snapshot = lab.snapshot();
  CHECK(lab.last_step(*snapshot) == Lab::kDefaultStepLimit);

  RunId adam = lab.runs()[2].id;
  OptimizerSpec bad = lab.runs()[2].spec;
  bad.params["beta1"] = 1.5;
  CHECK_THROWS_WITH(lab.set_spec(adam, bad),
                    "adam: beta1 = 1.5 is out of range; allowed: 0 <= beta1 < 1");
  CHECK(lab.snapshot() == snapshot);  // nothing recomputed
  CHECK_THROWS_AS(lab.set_start({std::nan(""), 0}), std::invalid_argument);
  CHECK_THROWS_AS(lab.set_step_limit(-3), std::invalid_argument);

  RunId copy = lab.duplicate_run(adam);
  CHECK(lab.runs().back().id == copy);
  CHECK(lab.runs()[3].spec == lab.runs()[2].spec);
  CHECK(lab.runs()[3].colour != lab.runs()[2].colour);
  lab.set_start({0.5, 2.5});
  lab.session().wait_idle();
  for (const auto& run : lab.snapshot()->runs) CHECK((*run.trajectory)[0].x == 0.5);
  lab.remove_run(copy);
  CHECK(lab.snapshot()->runs.size() == 3);
  lab.set_objective(SurfaceSpec{"himmelblau"});
  CHECK(lab.start() == find_surface("himmelblau")->info().start);
  CHECK(run_label(parse_optimizer_spec("adam:lr=0.05,amsgrad=1")) == "adam lr=0.05 amsgrad=1");
}

TEST_CASE("settings: round-trip, defaults for what is missing or bad", "[settings]") {
  std::string path = test::temp_directory() + "/config/settings.json";
  Settings s;
  s.window_width = 1234;
  s.sidebar_width = 333;
  s.log_loss_axis = false;
  s.remember("/a.json");
  s.remember("/b.json");
  s.remember("/a.json");
  CHECK(s.recent_files == std::vector<std::string>{"/a.json", "/b.json"});
  save_settings(s, path);
  CHECK(load_settings(path) == s);
  std::ofstream(path) << R"({"window_width": "wide", "table_height": 1e9, "sidebar_width": 300,
                             "recent_files": [1, 2]})";
  std::string warning;
  Settings loaded = load_settings(path, &warning);
  CHECK(loaded.window_width == Settings{}.window_width);
  CHECK(loaded.table_height == Settings{}.table_height);
  CHECK(loaded.sidebar_width == 300);
  CHECK(loaded.recent_files.empty());
  CHECK(warning == path + ": ignored bad values for window_width, table_height, recent_files");
  // Numbers out of an int's or a float's range are checked as doubles, before any conversion
  // (which would be undefined behaviour); fractions are not truncated.
  std::ofstream(path) << R"({"window_width": 1e30, "window_height": 1000.5, "window_x": -1e300,
                             "window_y": 18446744073709551615, "sidebar_width": 1e300,
                             "data_height": -1e39, "tolerance": 1e308, "maximized": 1})";
  loaded = load_settings(path, &warning);
  CHECK(loaded == Settings{});
  CHECK(warning == path +
                       ": ignored bad values for window_width, window_height, window_x, "
                       "window_y, maximized, sidebar_width, data_height, tolerance");
  std::ofstream(path) << R"({"window_width": 1280.0, "window_x": 0, "table_height": 61.5})";
  loaded = load_settings(path, &warning);
  CHECK(loaded.window_width == 1280);
  CHECK(loaded.window_x == 0);
  CHECK(loaded.table_height == 61.5f);
  std::ofstream(path) << "{ not json";
  CHECK(load_settings(path, &warning) == Settings{});
  CHECK(warning == path + ": not valid JSON; using default settings");
  CHECK(load_settings(path + ".missing") == Settings{});
}

TEST_CASE("colour map: lightness rises steadily from end to end", "[colormap]") {
  const auto& map = viridis();
  CHECK(map.front() == Rgb{0x44, 0x01, 0x54});
  CHECK(map.back() == Rgb{0xfd, 0xe7, 0x25});
  for (std::size_t i = 1; i < map.size(); ++i)
    CHECK(oklab_lightness(map[i]) > oklab_lightness(map[i - 1]) - 1e-3);
  double step_min = 1, step_max = 0;
  for (std::size_t i = 8; i < map.size(); i += 8) {
    double step = oklab_lightness(map[i]) - oklab_lightness(map[i - 8]);
    step_min = std::min(step_min, step), step_max = std::max(step_max, step);
  }
  CHECK(step_max < 2.5 * step_min);  // no flat stretch, no jump
}

namespace {

// Polls the lab, as the window does every frame, until the model it was asked for is in or
// has failed; returns the error, if any.
std::string settle(Lab& lab) {
  std::string error;
  while (lab.loading()) {
    if (std::string e = lab.poll(); !e.empty()) error = e;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return error;
}

ModelSpec generated_model(const char* model, const char* generator, double seed) {
  ModelSpec spec = test::model_spec(model);
  spec.data.generator = {generator, {{"n", 120}, {"seed", seed}}};
  return spec;
}

// The lab's model, when its objective is one.
const ModelSpec* model_of(const Lab& lab) {
  return std::get_if<ModelSpec>(&lab.objective_spec());
}

}  // namespace

TEST_CASE("lab: models load in the background, other data for the same model keeps the start",
          "[lab][models]") {
  Lab lab(2);
  lab.load_defaults();
  const std::uint64_t surface_space = lab.parameter_space();
  lab.set_objective(generated_model("linear", "linear", 1));
  CHECK(lab.objective()->info().name == "rosenbrock");  // until it is ready
  CHECK(settle(lab).empty());
  REQUIRE(model_of(lab));
  CHECK(lab.objective()->sample_count() == 120);
  CHECK(lab.start() == lab.objective()->info().start);
  CHECK(lab.parameter_space() != surface_space);
  lab.session().wait_idle();
  CHECK(lab.snapshot()->runs.size() == 3);
  for (const auto& run : lab.snapshot()->runs) CHECK(run.config.objective == lab.objective());

  // Other data for the same model: the parameters mean the same, so the start and view stay.
  lab.set_start({0.5, -0.25});
  const std::uint64_t linear_space = lab.parameter_space();
  auto before = lab.objective();
  lab.set_objective(generated_model("linear", "linear", 2));
  CHECK(settle(lab).empty());
  CHECK(lab.objective() != before);
  CHECK(lab.start() == Vec2(0.5, -0.25));
  CHECK(lab.parameter_space() == linear_space);

  // Standardising changes what w and b mean: a new space, the suggested start.
  ModelSpec standardised = generated_model("linear", "linear", 2);
  standardised.model.params["standardize"] = 1;
  lab.set_objective(standardised);
  CHECK(settle(lab).empty());
  CHECK(lab.parameter_space() != linear_space);
  CHECK(lab.start() == lab.objective()->info().start);
  CHECK(lab.objective()->info().x_label.find("std") != std::string::npos);
}

TEST_CASE("lab: a model that cannot be built says why and keeps the current one", "[lab][models]") {
  Lab lab(2);
  lab.load_defaults();
  lab.set_objective(generated_model("logistic", "classes", 1));
  REQUIRE(settle(lab).empty());
  const auto objective = lab.objective();
  const ModelSpec model = *model_of(lab);
  const Vec2 start = lab.start();

  const std::string bad = test::temp_directory() + "/bad-cell.csv";
  std::ofstream(bad) << "x,y\n1,0\n2,abc\n";
  ModelSpec from_file = test::model_spec("logistic");
  from_file.data.path = bad;
  lab.set_objective(from_file);
  CHECK(settle(lab) == bad + ":3:2: column 'y': 'abc' is not a number");
  CHECK(lab.objective() == objective);
  CHECK(*model_of(lab) == model);
  CHECK(lab.start() == start);

  from_file.data.path = test::temp_directory() + "/no-such-file.csv";
  lab.set_objective(from_file);
  CHECK(settle(lab) == from_file.data.path + ": cannot open the file (does it exist?)");
  const std::string not_labels = test::temp_directory() + "/not-labels.csv";
  std::ofstream(not_labels) << "x,y\n1,0\n2,3\n";
  from_file.data.path = not_labels;
  lab.set_objective(from_file);
  CHECK_THAT(settle(lab), Catch::Contains(not_labels) && Catch::Contains("0 or 1"));
  CHECK(lab.objective() == objective);

  // Only the newest request counts: an older one finishing later is never installed.
  lab.set_objective(generated_model("logistic", "classes", 7));
  lab.set_objective(generated_model("logistic", "classes", 8));
  CHECK(settle(lab).empty());
  CHECK(model_of(lab)->data.generator.params.at("seed") == 8);
}

TEST_CASE("lab: runs on mini-batches go full-batch on a surface, and back to batches on data",
          "[lab][models]") {
  Lab lab(2);
  lab.load_defaults();
  lab.set_objective(generated_model("linear", "linear", 1));
  REQUIRE(settle(lab).empty());
  const RunId id = lab.runs()[0].id;
  lab.set_sampling(id, {.batch = 8, .gradient_noise = 0.5, .seed = 3});
  lab.session().wait_idle();
  CHECK(lab.snapshot()->find(id)->trajectory->has_batch_losses());
  const RunId copy = lab.duplicate_run(id);
  CHECK(lab.find(copy)->sampling == lab.find(id)->sampling);
  lab.set_objective(SurfaceSpec{"himmelblau"});
  lab.session().wait_idle();
  const RunView& on_surface = *lab.snapshot()->find(id);
  CHECK(on_surface.config.sampling == Sampling{.batch = 0, .gradient_noise = 0.5, .seed = 3});
  CHECK_FALSE(on_surface.trajectory->has_batch_losses());
  // The choice is the run's: over data again, it steps on mini-batches again.
  lab.set_objective(generated_model("linear", "linear", 1));
  REQUIRE(settle(lab).empty());
  lab.session().wait_idle();
  CHECK(lab.snapshot()->find(id)->config.sampling.batch == 8);
  CHECK(lab.snapshot()->find(id)->trajectory->has_batch_losses());
}

TEST_CASE("lab: destroyed while models are still being built", "[lab][models]") {
  // The jobs on the workers outlive the lab's loader: they must touch nothing of it.
  for (int i = 0; i < 20; ++i) {
    Lab lab(2);
    lab.load_defaults();
    ModelSpec big = generated_model("logistic", "classes", i);
    big.data.generator.params["n"] = 20000;
    lab.set_objective(big);
    lab.set_objective(generated_model("linear", "linear", i));
    CHECK(lab.loading());  // the lab goes with its requests still queued or being built
  }
}

TEST_CASE("lab: a surface chosen while a model loads stays chosen", "[lab][models]") {
  Lab lab(2);
  lab.load_defaults();
  ModelSpec big = generated_model("logistic", "classes", 1);
  big.data.generator.params["n"] = 50000;
  lab.set_objective(big);
  lab.set_objective(SurfaceSpec{"booth"});
  CHECK_FALSE(lab.loading());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // time for the build to finish
  CHECK(lab.poll().empty());
  CHECK(lab.objective()->info().name == "booth");
  CHECK_FALSE(model_of(lab));
}

TEST_CASE("lab: another loss or penalty reuses the data, a file changed on disk is read again",
          "[lab][models]") {
  const std::string path = test::temp_directory() + "/reused.csv";
  std::ofstream(path) << "x,y\n0,1\n1,3\n2,5.5\n3,7\n";
  Lab lab(2);
  lab.load_defaults();
  ModelSpec scenario = test::model_spec("linear");
  scenario.data.path = path;
  lab.set_objective(scenario);
  REQUIRE(settle(lab).empty());
  auto data_of = [&] { return &lab.objective()->fitted_model()->data(); };
  const Dataset* first = data_of();
  scenario.loss = {"huber", {}};
  lab.set_objective(scenario);
  REQUIRE(settle(lab).empty());
  CHECK(data_of() == first);
  CHECK(lab.objective()->info().name == "linear_huber");

  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a later modification time
  std::ofstream(path) << "x,y\n0,1\n1,3\n2,5.5\n3,7\n4,9\n";
  lab.set_objective(scenario);
  REQUIRE(settle(lab).empty());
  CHECK(lab.objective()->sample_count() == 5);
}
