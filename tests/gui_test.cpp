// The real program under Xvfb: what `descent render` and `--screenshot` write, checked pixel
// by pixel against where the same canvas code, run headless, says things are.
#include <filesystem>
#include <fstream>
#include <set>

#include <stb_image.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "gui.hpp"
#include "settings.hpp"
#include "support/headless_imgui.hpp"
#include "support/process.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

// DISPLAY unset: the program runs itself under xvfb-run, as it would on a server.
const std::vector<std::string> kHeadless{"-DISPLAY", "-WAYLAND_DISPLAY", "-DESCENT_UNDER_XVFB"};

struct Image {
  int width = 0, height = 0;
  std::vector<std::uint8_t> rgba;

  explicit Image(const std::string& path) {
    int channels = 0;
    std::uint8_t* data = stbi_load(path.c_str(), &width, &height, &channels, 4);
    REQUIRE(data);
    rgba.assign(data, data + static_cast<std::size_t>(width) * height * 4);
    stbi_image_free(data);
  }
  Rgb at(int x, int y) const {
    const std::uint8_t* p = &rgba[(static_cast<std::size_t>(y) * width + x) * 4];
    return {p[0], p[1], p[2]};
  }
  bool near(int x, int y, Rgb want, int radius, int tolerance) const {
    for (int dy = -radius; dy <= radius; ++dy)
      for (int dx = -radius; dx <= radius; ++dx) {
        int px = x + dx, py = y + dy;
        if (px < 0 || py < 0 || px >= width || py >= height) continue;
        Rgb c = at(px, py);
        if (std::abs(c.r - want.r) <= tolerance && std::abs(c.g - want.g) <= tolerance &&
            std::abs(c.b - want.b) <= tolerance)
          return true;
      }
    return false;
  }
  std::size_t distinct_colours(const PixelRect& r) const {
    std::set<std::uint32_t> colours;
    for (int y = static_cast<int>(r.y); y < static_cast<int>(r.y + r.height); ++y)
      for (int x = static_cast<int>(r.x); x < static_cast<int>(r.x + r.width); ++x) {
        Rgb c = at(x, y);
        colours.insert(static_cast<std::uint32_t>(c.r) << 16 | c.g << 8 | c.b);
      }
    return colours.size();
  }
};

double distance_to_segment(const Vec2& p, const Vec2& a, const Vec2& b) {
  Vec2 ab = b - a;
  double t = ab.squaredNorm() > 0 ? std::clamp((p - a).dot(ab) / ab.squaredNorm(), 0.0, 1.0) : 0.0;
  return (a + t * ab - p).norm();
}

// Whether a path drawn later (so on top) passes within `radius` pixels of p.
bool covered(const Vec2& p, const std::vector<std::vector<Vec2>>& later, double radius) {
  for (const auto& path : later)
    for (std::size_t i = 1; i < path.size(); ++i)
      if (distance_to_segment(p, path[i - 1], path[i]) < radius) return true;
  return false;
}

struct Scene {
  std::string surface = "himmelblau";
  Vec2 start{-0.6, -0.6};  // from here the three runs settle in different minima
  std::vector<std::string> specs{"adam:lr=0.1", "sgd:lr=0.01", "sgd:lr=0.005,momentum=0.5"};
  int steps = 300, width = 800, height = 600;
};

}  // namespace

TEST_CASE("gui: descent render draws the field, every path in its colour, the start where it is",
          "[gui]") {
  Scene scene;
  std::string png = temp_directory() + "/render.png";
  std::vector<std::string> args{"render",  "--surface", scene.surface, "--start=-0.6,-0.6",
                                "--steps", "300",       "--size",      "800x600",
                                "--out",   png};
  for (const auto& s : scene.specs) args.insert(args.end(), {"--opt", s});
  auto result = run_descent(args, kHeadless);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Image image(png);
  REQUIRE(image.width == scene.width);
  REQUIRE(image.height == scene.height);

  // Where things should be: the same canvas code, run without a window.
  HeadlessImGui imgui(static_cast<float>(scene.width), static_cast<float>(scene.height));
  Lab lab(2);
  lab.set_objective(SurfaceSpec{scene.surface});
  lab.set_start(scene.start);
  lab.set_step_limit(scene.steps);
  for (const auto& s : scene.specs) lab.add_run(parse_optimizer_spec(s));
  lab.session().wait_idle();
  Settings settings;
  ui::Gui gui(lab, settings);
  gui.playback().position = scene.steps;
  imgui.frame([&] { gui.draw_canvas_only({}); });
  const PixelRect plot = gui.canvas().plot();
  const View view = gui.canvas().view();

  SECTION("the field is coloured, with many distinct colours") {
    CHECK(image.distinct_colours(plot) > 2000);
  }
  SECTION("the start marker is at the start: a dark centre in a white disc") {
    Vec2 s = view.to_screen(scene.start, plot);
    int x = static_cast<int>(s.x()), y = static_cast<int>(s.y());
    CHECK(image.near(x, y, {0, 0, 0}, 1, 40));
    CHECK(image.near(x + 5, y, {255, 255, 255}, 0, 30));
    CHECK(image.near(x - 5, y, {255, 255, 255}, 0, 30));
  }
  SECTION("each run's colour lies along its own path, where no later path covers it") {
    auto snapshot = lab.snapshot();
    std::vector<std::vector<Vec2>> paths;
    for (const auto& run : snapshot->runs) {
      const Trajectory& t = *run.trajectory;
      paths.emplace_back();
      for (std::size_t i = 0; i < t.size(); ++i)
        paths.back().push_back(view.to_screen({t[i].x, t[i].y}, plot));
    }
    const Vec2 start = view.to_screen(scene.start, plot);
    for (std::size_t r = 0; r < paths.size(); ++r) {
      std::vector<std::vector<Vec2>> later(paths.begin() + static_cast<long>(r) + 1, paths.end());
      Rgb colour = run_palette()[r];
      int sampled = 0, hits = 0;
      Vec2 last(-1e9, -1e9);
      for (const Vec2& p : paths[r]) {
        if ((p - last).norm() < 8 || (p - start).norm() < 14 || covered(p, later, 7)) continue;
        last = p;
        ++sampled;
        hits += image.near(static_cast<int>(p.x()), static_cast<int>(p.y()), colour, 2, 40);
      }
      INFO("run " << r << ": " << hits << " of " << sampled << " sampled points show its colour");
      CHECK(sampled >= 8);
      CHECK(hits >= sampled * 8 / 10);
    }
  }
}

TEST_CASE("gui: the real program's window: field, default runs, panels", "[gui]") {
  std::string config = temp_directory() + "/fresh-config",
              png = temp_directory() + "/screenshot.png";
  auto env = kHeadless;
  env.push_back("DESCENT_CONFIG_DIR=" + config);
  auto result = run_descent({"--screenshot", png, "--frames", "30"}, env);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Image image(png);
  CHECK(image.width == Settings{}.window_width);
  CHECK(image.height == Settings{}.window_height);
  CHECK(image.distinct_colours({500, 100, 500, 500}) > 1000);  // the canvas's field
  for (std::size_t r = 0; r < 3; ++r) {
    Rgb c = run_palette()[r];
    bool found = false;
    for (int y = 0; y < image.height && !found; y += 2)
      for (int x = 400; x < 1150 && !found; x += 2) found = image.near(x, y, c, 0, 12);
    INFO("default run " << r);
    CHECK(found);
  }
  CHECK_FALSE(
      std::filesystem::exists(config + "/settings.json"));  // screenshots leave settings alone
}

TEST_CASE("gui: window size and layout persist between launches", "[gui]") {
  std::string config = temp_directory() + "/persist-config";
  Settings s;
  s.window_width = 1100;
  s.window_height = 700;
  s.sidebar_width = 300;
  save_settings(s, config + "/settings.json");
  auto env = kHeadless;
  env.push_back("DESCENT_CONFIG_DIR=" + config);
  std::string png = temp_directory() + "/sized.png";
  auto shot = run_descent({"--screenshot", png, "--frames", "5"}, env);
  REQUIRE(shot.exit_code == 0);
  Image image(png);
  CHECK(image.width == 1100);
  CHECK(image.height == 700);
  // A scripted session quits like a user closing the window: it saves what it has.
  std::filesystem::remove(config + "/settings.json");
  save_settings(s, config + "/settings.json");
  auto run = run_descent({"--frames", "5"}, env);
  REQUIRE(run.exit_code == 0);
  Settings saved = load_settings(config + "/settings.json");
  CHECK(saved.window_width == 1100);
  CHECK(saved.window_height == 700);
  CHECK(saved.sidebar_width == Approx(300));
}

TEST_CASE("gui: bad render input exits 2 naming the culprit", "[gui]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"render", "--surface", "sphere", "--start=1,1", "--opt", "adam", "--steps", "5", "--size",
        "800by600", "--out", "x.png"},
       "--size: expected WxH with whole numbers from 64 to 8192 (e.g. 1200x900) but got "
       "'800by600'"},
      {{"render", "--surface", "sphere", "--start=1,1", "--opt", "adam", "--steps", "5"},
       "--out is required"},
      {{"render", "--surface", "spere", "--start=1,1", "--opt", "adam", "--steps", "5", "--out",
        "x.png"},
       "--surface: unknown surface 'spere' (did you mean 'sphere'?)"},
      {{"render", "--formula", "sin(x", "--out", "x.png"}, "--formula: column 6: expected ')'"},
  };
  for (const auto& [args, message] : cases) {
    auto result = run_descent(args, kHeadless);
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::StartsWith("descent: error: " + message));
  }
}

TEST_CASE("gui: without a display the visualizer says why and how to work headless", "[gui]") {
  auto result = run_descent({}, {"-DISPLAY", "-WAYLAND_DISPLAY", "DESCENT_UNDER_XVFB=1"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("cannot open a window"));
  CHECK_THAT(result.err, Catch::Contains("`descent run` and `descent render` work headless"));
}

TEST_CASE("gui: opened on a model over data: the field, the data and each run's fit", "[gui]") {
  std::string config = temp_directory() + "/model-config",
              png = temp_directory() + "/model-screenshot.png";
  auto env = kHeadless;
  env.push_back("DESCENT_CONFIG_DIR=" + config);
  auto result = run_descent(
      {"--model", "logistic", "--data", DESCENT_SOURCE_DIR "/tests/golden/logistic.csv", "--opt",
       "sgd:lr=0.5", "--opt", "adam:lr=0.05", "--opt", "sgd:lr=0.5,momentum=0.9", "--steps", "200",
       "--batch", "4", "--screenshot", png, "--frames", "30"},
      env);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Image image(png);
  CHECK(image.distinct_colours({500, 100, 500, 500}) > 1000);  // the loss over (w, b)
  // The data panel: under the loss plot in the right column.
  const int x0 = image.width * 3 / 4, x1 = image.width - 10;
  const int y0 = image.height * 45 / 100, y1 = image.height * 68 / 100;
  auto in_data_panel = [&](Rgb c) {
    for (int y = y0; y < y1; y += 1)
      for (int x = x0; x < x1; x += 1)
        if (image.near(x, y, c, 0, 10)) return true;
    return false;
  };
  CHECK(in_data_panel({235, 235, 240}));  // the samples
  for (std::size_t r : {0, 2}) {  // run 1's white is also the samples' and the text's colour
    INFO("run " << r);
    CHECK(in_data_panel(run_palette()[r]));
  }
}

TEST_CASE("gui: bad input on the window's command line exits 2 before a window opens", "[gui]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"--model", "linear", "--data", "/no/such/data.csv"},
       "/no/such/data.csv: cannot open the file (does it exist?)"},
      {{"--surface", "rosenbrok"},
       "--surface: unknown surface 'rosenbrok' (did you mean 'rosenbrock'?)"},
      {{"--scenario", "/no/such/lab.json"}, "/no/such/lab.json: cannot open the file"},
      {{"--lesson", "nope"}, "unknown lesson 'nope'"},
      {{"--opt", "adam:lr=-1"}, "--opt adam:lr=-1: adam: lr = -1 is out of range"},
      {{"--surface", "booth", "--start=1,nan"}, "--start: 1,nan is not a finite point"},
  };
  for (const auto& [args, message] : cases) {
    // No display at all and no xvfb: a window would fail with another message.
    auto result = run_descent(args, {"-DISPLAY", "-WAYLAND_DISPLAY", "DESCENT_UNDER_XVFB=1"});
    INFO(result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::StartsWith("descent: error: " + message));
  }
}

TEST_CASE("gui: the lab is kept between launches, --fresh starts anew and keeps the old aside",
          "[gui][scenario]") {
  const std::string config = temp_directory() + "/autosave-config";
  std::filesystem::remove_all(config);
  auto env = kHeadless;
  env.push_back("DESCENT_CONFIG_DIR=" + config);
  const std::string file = temp_directory() + "/kept.json";
  std::ofstream(file) << R"({"version": 1, "objective": {"formula": "x^2 + 3*y^2"},
    "start": [2, 1], "runs": [{"optimizer": "adam", "params": {"lr": 0.2}}]})";
  auto objective_of = [](const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in).at("scenario").at("objective").dump();
  };
  // Opened on a file: the file is the document, kept on quitting.
  auto first = run_descent({"--scenario", file, "--frames", "5"}, env);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  const std::string autosave = config + "/autosave.json";
  REQUIRE(std::filesystem::exists(autosave));
  {
    std::ifstream in(autosave);
    auto json = nlohmann::json::parse(in);
    CHECK(json.at("file") == file);
    CHECK(json.at("modified") == false);
  }
  CHECK(objective_of(autosave) == R"({"formula":"x^2 + 3*y^2"})");
  // No arguments: the last session comes back (and is kept again, unchanged).
  REQUIRE(run_descent({"--frames", "5"}, env).exit_code == 0);
  CHECK(objective_of(autosave) == R"({"formula":"x^2 + 3*y^2"})");
  // --fresh: the newcomer's lab, the last session kept aside.
  REQUIRE(run_descent({"--fresh", "--frames", "5"}, env).exit_code == 0);
  CHECK(objective_of(autosave) == R"({"surface":"rosenbrock"})");
  CHECK(objective_of(config + "/autosave-previous.json") == R"({"formula":"x^2 + 3*y^2"})");
  // An autosave that cannot be read is kept aside too, and the window starts anew.
  std::ofstream(autosave) << "{ broken";
  REQUIRE(run_descent({"--frames", "5"}, env).exit_code == 0);
  CHECK(std::filesystem::exists(config + "/autosave-unreadable.json"));
  CHECK(objective_of(autosave) == R"({"surface":"rosenbrock"})");
}

TEST_CASE("gui: a lesson renders, and a formula with it", "[gui][lessons]") {
  const std::string png = temp_directory() + "/lesson-render.png";
  auto result = run_descent({"render", "--lesson", "momentum-ravine", "--steps", "100", "--size",
                             "640x480", "--out", png},
                            kHeadless);
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Image image(png);
  CHECK(image.width == 640);
  CHECK(image.distinct_colours({100, 100, 400, 300}) > 200);
}

TEST_CASE("gui: on a 1280x720 projector the window fits the screen, every panel on it", "[gui]") {
  const std::string config = temp_directory() + "/projector-config";
  std::filesystem::remove_all(config);
  auto env = kHeadless;
  env.push_back("DESCENT_CONFIG_DIR=" + config);
  env.push_back("DESCENT_XVFB_SCREEN=1280x720");
  const std::string png = temp_directory() + "/projector.png";
  auto result = run_descent({"--screenshot", png, "--frames", "5"}, env);  // 1600x1000 asked for
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  Image image(png);
  CHECK(image.width == 1280);
  CHECK(image.height == 720);
  // Text and widgets (many colours) where the playback bar, the runs table and the loss plot
  // are: along the bottom and down the right edge.
  CHECK(image.distinct_colours({0, 680, 1280, 40}) > 40);
  CHECK(image.distinct_colours({500, 560, 780, 100}) > 40);
  CHECK(image.distinct_colours({1000, 60, 280, 400}) > 40);
}
