// The real panels in an ImGui context without a window or GL, driven by simulated input.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "batches.hpp"
#include "gui.hpp"
#include "loss_range.hpp"
#include "support/gui_harness.hpp"
#include "support/headless_imgui.hpp"
#include "support/models.hpp"
#include "support/process.hpp"
#include "recording.hpp"
#include "surfaces.hpp"
#include "text.hpp"
#include "widgets.hpp"

using namespace descent;
using namespace descent::test;

namespace {

using Harness = GuiHarness;

}  // namespace

TEST_CASE("ui: one frame lays out every panel inside the window", "[ui]") {
  Harness h;
  h.frame();
  for (const char* name : {"Lab", "Canvas", "Loss", "Runs", "Playback"}) {
    ImGuiWindow* window = ImGui::FindWindowByName(name);
    REQUIRE(window);
    INFO(name);
    CHECK(window->Pos.x >= 0);
    CHECK(window->Pos.y >= 0);
    CHECK(window->Pos.x + window->Size.x <= 1600.5f);
    CHECK(window->Pos.y + window->Size.y <= 1000.5f);
  }
  const PixelRect& plot = h.gui.canvas().plot();
  CHECK(plot.width > 500);
  CHECK(plot.height > 450);
}

TEST_CASE("ui: Space plays and pauses, arrows step, R restarts", "[ui]") {
  Harness h;
  h.frame();
  CHECK_FALSE(h.gui.playback().playing);
  h.press_key(HeadlessImGui::kSpace);
  CHECK(h.gui.playback().playing);
  for (int i = 0; i < 30; ++i) h.frame(0.1f);
  CHECK(h.gui.playback().position > 100);
  h.press_key(HeadlessImGui::kSpace);
  CHECK_FALSE(h.gui.playback().playing);
  auto at = h.gui.playback().step();
  h.press_key(HeadlessImGui::kRight);
  CHECK(h.gui.playback().step() == at + 1);
  h.press_key(HeadlessImGui::kLeft);
  h.press_key(HeadlessImGui::kLeft);
  CHECK(h.gui.playback().step() == at - 1);
  h.press_key('R');
  CHECK(h.gui.playback().playing);
  CHECK(h.gui.playback().position < 20);
}

TEST_CASE("ui: a click on the plot sets the start there and every run restarts from it", "[ui]") {
  Harness h;
  h.frame();
  Vec2 click = h.plot_point(0.7, 0.3);
  Vec2 world = h.gui.canvas().view().to_world(click, h.gui.canvas().plot());
  h.imgui.mouse(float(click.x()), float(click.y()));
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), true);
  h.frame();
  h.imgui.mouse(float(click.x()), float(click.y()), false);
  h.frame();
  CHECK((h.lab.start() - world).norm() < 1e-9);
  h.lab.session().wait_idle();
  for (const auto& run : h.lab.snapshot()->runs) {
    CHECK((*run.trajectory)[0].x == h.lab.start().x());
    CHECK((*run.trajectory)[0].y == h.lab.start().y());
  }
}

TEST_CASE("ui: dragging the start marker moves it, recomputing every frame", "[ui]") {
  Harness h;
  h.frame();
  const View view = h.gui.canvas().view();
  const PixelRect plot = h.gui.canvas().plot();
  Vec2 marker = view.to_screen(h.lab.start(), plot);
  marker = Vec2(std::floor(marker.x()), std::floor(marker.y()));
  h.imgui.mouse(float(marker.x()), float(marker.y()));
  h.frame();
  h.imgui.mouse(float(marker.x()), float(marker.y()), true);
  h.frame();
  for (int i = 1; i <= 5; ++i) {
    Vec2 to = marker + Vec2(12.0 * i, 7.0 * i);
    h.imgui.mouse(float(to.x()), float(to.y()), true);
    h.frame();
    Vec2 expected = view.to_world(to, plot);
    CHECK((h.lab.start() - expected).norm() < 1e-9);
    // Each frame's drag published new runs from the new start at once.
    for (const auto& run : h.lab.snapshot()->runs) CHECK(run.config.start == h.lab.start());
  }
  h.imgui.mouse(float(marker.x() + 60), float(marker.y() + 35), false);
  h.frame();
  CHECK(h.gui.canvas().view() == view);  // moving the marker is not panning
}

TEST_CASE("ui: dragging empty space pans, the wheel zooms around the cursor", "[ui]") {
  Harness h;
  h.frame();
  Vec2 from = h.plot_point(0.2, 0.8), start = h.lab.start();
  View before = h.gui.canvas().view();
  h.imgui.mouse(float(from.x()), float(from.y()));
  h.frame();
  h.imgui.mouse(float(from.x()), float(from.y()), true);
  h.frame();
  h.imgui.mouse(float(from.x() + 40), float(from.y() - 30), true);
  h.frame();
  h.imgui.mouse(float(from.x() + 40), float(from.y() - 30), false);
  h.frame();
  CHECK(h.lab.start() == start);  // a drag is not a click
  Vec2 moved = h.gui.canvas().view().to_screen(before.to_world(from, h.gui.canvas().plot()),
                                               h.gui.canvas().plot());
  CHECK((moved - (from + Vec2(40, -30))).norm() < 1e-6);

  Vec2 cursor = h.plot_point(0.6, 0.4);
  h.imgui.mouse(float(cursor.x()), float(cursor.y()));
  h.frame();
  Vec2 under = h.gui.canvas().view().to_world(cursor, h.gui.canvas().plot());
  double scale = h.gui.canvas().view().scale;
  h.imgui.wheel(2);
  h.frame();
  CHECK(h.gui.canvas().view().scale < scale);
  CHECK((h.gui.canvas().view().to_world(cursor, h.gui.canvas().plot()) - under).norm() < 1e-9);
  h.press_key('F');  // fit again
  CHECK(h.gui.canvas().view().scale == Approx(before.scale));
}

TEST_CASE("ui: the field is sampled for what the canvas shows", "[ui]") {
  Harness h;
  h.frame();
  h.lab.session().wait_idle();
  auto field = h.lab.session().field();
  REQUIRE(field);
  Box visible = h.gui.canvas().view().visible(h.gui.canvas().plot());
  CHECK(field->box.x_min <= visible.x_min);
  CHECK(field->box.x_max >= visible.x_max);
  CHECK(field->box.y_min <= visible.y_min);
  CHECK(field->box.y_max >= visible.y_max);
  CHECK(field->width >= h.gui.canvas().plot().width);
  // Zooming in far asks for a finer field.
  Vec2 cursor = h.plot_point(0.5, 0.5);
  h.imgui.mouse(float(cursor.x()), float(cursor.y()));
  h.imgui.wheel(10);
  h.frame();
  h.lab.session().wait_idle();
  CHECK(h.lab.session().field()->request > field->request);
  CHECK(h.lab.session().field()->box.x_max - h.lab.session().field()->box.x_min <
        (field->box.x_max - field->box.x_min) / 2);
}

TEST_CASE("ui: after a surface switch the old surface's field is not shown", "[ui]") {
  Harness h;
  h.frame();
  h.lab.session().wait_idle();
  REQUIRE(h.gui.canvas().shown_field(h.lab));
  CHECK(h.gui.canvas().shown_field(h.lab)->objective == h.lab.objective());
  h.lab.set_objective(SurfaceSpec{"beale"});
  CHECK_FALSE(h.gui.canvas().shown_field(
      h.lab));  // rosenbrock's field is still the newest, but it is not beale's
  h.frame();    // the canvas asks for beale's
  h.lab.session().wait_idle();
  REQUIRE(h.gui.canvas().shown_field(h.lab));
  CHECK(h.gui.canvas().shown_field(h.lab)->objective->info().name == "beale");
}

TEST_CASE("ui: a million-step path draws, thinned to the screen", "[ui]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_step_limit(1'000'000);
  h.lab.add_run(parse_optimizer_spec("sgd:lr=2e-4,momentum=0.9"));
  h.lab.session().wait_idle();
  h.gui.playback().position = 1'000'000;
  h.frame();
  h.frame();
  // Every step up to kDenseSteps, then thinned: the window's bounded recording.
  const std::size_t points = bounded_recording(1'000'000).points_through(1'000'000);
  REQUIRE(points < 1'000'001);
  REQUIRE(h.lab.snapshot()->runs[0].trajectory->size() == points);
  CHECK(h.gui.frame().rows[0].shown == points);
  CHECK(ImGui::GetDrawData()->TotalVtxCount < 300'000);
}

// The most vertices any 16-bit-indexed stretch of a draw list holds: a command's indices reach
// only 65,536 vertices past its VtxOffset, so a primitive that needs more wraps back to earlier
// vertices (lines drawn back to the start, and the overlays after it lost).
std::size_t longest_vertex_stretch(const ImDrawData& data) {
  std::size_t longest = 0;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImDrawList& list = *data.CmdLists[l];
    std::size_t begin = 0;
    for (const ImDrawCmd& cmd : list.CmdBuffer) {
      if (cmd.VtxOffset != begin) {
        longest = std::max(longest, static_cast<std::size_t>(cmd.VtxOffset) - begin);
        begin = cmd.VtxOffset;
      }
    }
    longest = std::max(longest, static_cast<std::size_t>(list.VtxBuffer.Size) - begin);
  }
  return longest;
}

TEST_CASE("ui: a zig-zag of 100,000 steps draws within 16-bit indices", "[ui]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(SurfaceSpec{"ill_conditioned"});
  h.lab.set_step_limit(100'000);
  // Just under 2/L: y flips sign every step and barely shrinks, so no point is thinned away.
  h.lab.add_run(parse_optimizer_spec("sgd:lr=0.0799999"));
  h.lab.session().wait_idle();
  h.gui.playback().position = 100'000;
  h.frame();
  h.frame();
  REQUIRE(h.gui.frame().rows[0].shown == 100'001);
  CHECK(longest_vertex_stretch(*ImGui::GetDrawData()) <= 65'536);
}

TEST_CASE("ui: every kind of run draws: scheduled, clipped, hidden, diverged", "[ui]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(SurfaceSpec{"himmelblau"});
  for (const char* spec :
       {"adam:lr=0.1,schedule=cosine,t_max=500,clip=norm,max_norm=2", "sgd:lr=0.5", "rprop",
        "lion:lr=0.01", "nadam:lr=0.05", "radam:lr=0.05", "adadelta", "adagrad:lr=0.5",
        "rmsprop:lr=0.01,centered=1,momentum=0.5", "adamw:lr=0.05", "adamax:lr=0.05"})
    h.lab.add_run(parse_optimizer_spec(spec));
  h.lab.set_visible(h.lab.runs()[2].id, false);
  h.lab.session().wait_idle();
  h.gui.playback().position = 2000;
  for (int i = 0; i < 3; ++i) h.frame();
  const Trajectory& diverged = *h.lab.snapshot()->runs[1].trajectory;
  CHECK(diverged.status() == RunStatus::diverged);
  CHECK(h.gui.frame().rows.size() == 11);
  CHECK(h.lab.runs()[0].schedule.lr(0.1, 250) == Approx(0.05));
}

TEST_CASE("ui: a diverged run does not blind the loss plot: it is cut and its exit marked",
          "[ui][loss]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(SurfaceSpec{"rosenbrock"});
  h.lab.add_run(parse_optimizer_spec("adam:lr=0.05"));
  const RunId diverging = h.lab.add_run(parse_optimizer_spec("sgd:lr=0.01"));
  h.lab.session().wait_idle();
  h.gui.playback().position = 1e9;
  for (int i = 0; i < 3; ++i) h.frame();
  const Trajectory& sgd = *h.lab.snapshot()->find(diverging)->trajectory;
  REQUIRE(sgd.status() == RunStatus::diverged);
  ui::LossPlot& plot = h.gui.loss_plot();
  for (bool log : {true, false}) {
    INFO((log ? "log axis" : "linear axis"));
    h.settings.log_loss_axis = log;
    for (int i = 0; i < 2; ++i) h.frame();
    // The axis spans what Adam does: its top stays within a few decades of the start, far
    // below the diverged run's last losses.
    const double start = (*h.lab.snapshot()->runs[0].trajectory)[0].loss;
    const AxisRange range = plot.y_range();
    if (log) {
      CHECK(range.hi < std::log10(start) + kLogHeadroom + 1);
      CHECK(range.lo < std::log10(start) - 3);
    } else {
      CHECK(range.hi < start * 4);
    }
    REQUIRE(plot.exits().size() == 1);
    CHECK(plot.exits()[0].run == diverging);
    CHECK(plot.exits()[0].step >= 1);
    CHECK(plot.exits()[0].step <= sgd.status_step());
  }
  // A range typed by the user holds; a wrong one is refused with a reason; auto fits again.
  std::string error;
  h.settings.log_loss_axis = true;
  h.frame();
  CHECK_FALSE(plot.fix_y_range(5, 1, error));
  CHECK(error.find("below max") != std::string::npos);
  CHECK_FALSE(plot.fix_y_range(-1, 10, error));
  CHECK(error.find("log axis") != std::string::npos);
  CHECK_FALSE(plot.y_range_fixed());
  REQUIRE(plot.fix_y_range(1e-3, 1e40, error));
  h.frame();
  CHECK(plot.y_range().hi == Approx(40));
  CHECK(plot.exits().empty());  // its 4e35 is inside now
  plot.auto_y_range();
  h.frame();
  CHECK(plot.y_range().hi < 10);
  CHECK(plot.exits().size() == 1);
}

TEST_CASE("ui: the wheel on the loss plot's y axis fixes its range, a double-click fits again",
          "[ui][loss]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(SurfaceSpec{"rosenbrock"});
  h.lab.add_run(parse_optimizer_spec("adam:lr=0.05"));
  h.lab.session().wait_idle();
  h.gui.playback().position = 1e9;
  for (int i = 0; i < 3; ++i) h.frame();
  ui::LossPlot& plot = h.gui.loss_plot();
  const AxisRange fitted = plot.y_range();
  const ui::Plot& p = plot.plot();
  const float x = p.lo.x - ImGui::GetFontSize() * 0.5f, y = (p.lo.y + p.hi.y) / 2;
  h.imgui.mouse(x, y);
  h.frame();
  h.imgui.wheel(2);
  h.frame();
  h.imgui.wheel(0);
  h.frame();
  CHECK(plot.y_range_fixed());
  CHECK(plot.y_range().hi - plot.y_range().lo < (fitted.hi - fitted.lo) * 0.8);
  for (int i = 0; i < 2; ++i) {  // a double-click
    h.imgui.mouse(x, y, true);
    h.frame();
    h.imgui.mouse(x, y, false);
    h.frame();
  }
  h.frame();
  CHECK_FALSE(plot.y_range_fixed());
  CHECK(plot.y_range().lo == Approx(fitted.lo));
  CHECK(plot.y_range().hi == Approx(fitted.hi));
}

TEST_CASE("ui: \"diverged at step N\" tags cover neither the legend, nor the start, nor each other",
          "[ui]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(SurfaceSpec{"rosenbrock"});
  for (const char* spec : {"sgd:lr=0.01", "sgd:lr=0.02", "sgd:lr=0.03", "sgd:lr=0.04",
                           "sgd:lr=0.0099", "adam:lr=0.05"})
    h.lab.add_run(parse_optimizer_spec(spec));
  h.lab.session().wait_idle();
  h.gui.playback().position = 1e9;
  for (int i = 0; i < 3; ++i) h.frame();
  const ui::CanvasPanel& canvas = h.gui.canvas();
  auto overlap = [](const ui::CanvasPanel::ScreenBox& a, const ui::CanvasPanel::ScreenBox& b) {
    return a.first.x < b.second.x && b.first.x < a.second.x && a.first.y < b.second.y &&
           b.first.y < a.second.y;
  };
  const auto& tags = canvas.tag_boxes();
  CHECK(tags.size() >= 4);
  const Vec2 start = h.lab.start();
  const Vec2 s = canvas.view().to_screen(start, canvas.plot());
  const float r = ImGui::GetFontSize() * 0.5f;
  const ui::CanvasPanel::ScreenBox start_box{
      {static_cast<float>(s.x()) - r, static_cast<float>(s.y()) - r},
      {static_cast<float>(s.x()) + r, static_cast<float>(s.y()) + r}};
  for (std::size_t i = 0; i < tags.size(); ++i) {
    INFO("tag " << i);
    CHECK_FALSE(overlap(tags[i], canvas.legend_box()));
    CHECK_FALSE(overlap(tags[i], start_box));
    for (std::size_t j = 0; j < i; ++j) CHECK_FALSE(overlap(tags[i], tags[j]));
  }
}

TEST_CASE("ui: splitters resize the columns and the settings remember it", "[ui]") {
  Harness h;
  h.frame();
  float side = h.settings.sidebar_width;
  ImGuiWindow* lab = ImGui::FindWindowByName("Lab");
  float x = lab->Pos.x + lab->Size.x + 3, y = 400;
  h.imgui.mouse(x, y);
  h.frame();
  h.imgui.mouse(x, y, true);
  h.frame();
  h.imgui.mouse(x + 50, y, true);
  h.frame();
  h.imgui.mouse(x + 50, y, false);
  h.frame();
  CHECK(h.settings.sidebar_width == Approx(side + 50));
  CHECK(ImGui::FindWindowByName("Lab")->Size.x == Approx(lab->Size.x));
}

namespace {

// Frames until the model the lab was asked for is in (or has failed) and every run is done.
void settle(Harness& h) {
  for (int i = 0; i < 5000 && h.lab.loading(); ++i) {
    h.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  REQUIRE_FALSE(h.lab.loading());
  h.lab.session().wait_idle();
  h.frame();
}

// Whether `window` drew anything in exactly this colour this frame.
bool drew_colour(const char* window, ImU32 colour) {
  const ImGuiWindow* w = ImGui::FindWindowByName(window);
  if (!w || !w->Active) return false;
  for (const ImDrawVert& v : w->DrawList->VtxBuffer)
    if (v.col == colour) return true;
  return false;
}

ModelSpec generated_linear(double seed) {
  ModelSpec spec = test::model_spec("linear");
  spec.data.generator.params = {{"n", 150}, {"seed", seed}};
  return spec;
}

// The lab's model, when its objective is one.
const ModelSpec* model_of(const Lab& lab) {
  return std::get_if<ModelSpec>(&lab.objective_spec());
}

}  // namespace

TEST_CASE("ui: a model over data shows its data, with each run's fit in the run's colour",
          "[ui][models]") {
  Harness h;
  h.frame();
  CHECK_FALSE(ImGui::FindWindowByName("Data"));  // a surface has no data panel
  h.lab.set_objective(generated_linear(1));
  std::shared_ptr<const Objective> installed;
  while (!installed) {
    h.frame();
    if (model_of(h.lab)) installed = h.lab.objective();
  }
  settle(h);
  CHECK(h.lab.objective() == installed);  // the panel shows what is loaded, not load it again
  // Colours nothing else in the panel uses (the palette's white is also the text's).
  const Rgb unique[] = {{201, 13, 77}, {13, 201, 77}, {77, 13, 201}};
  for (std::size_t i = 0; i < 3; ++i) h.lab.set_colour(h.lab.runs()[i].id, unique[i]);
  h.gui.playback().position = 200;
  h.frame();
  const ImGuiWindow* data = ImGui::FindWindowByName("Data");
  const ImGuiWindow* loss = ImGui::FindWindowByName("Loss");
  REQUIRE(data);
  CHECK(data->Active);
  CHECK(data->Pos.x == Approx(loss->Pos.x));
  CHECK(data->Pos.y > loss->Pos.y + loss->Size.y);  // under the loss plot
  CHECK(data->Pos.y + data->Size.y <= ImGui::FindWindowByName("Runs")->Pos.y);
  CHECK(data->Size.y > 200);
  for (const LabRun& run : h.lab.runs()) {
    INFO(run_label(run));
    CHECK(drew_colour("Data", ui::colour(run.colour)));
  }
  // A hidden run's fit is not drawn.
  h.lab.set_visible(h.lab.runs()[1].id, false);
  h.frame();
  CHECK_FALSE(drew_colour("Data", ui::colour(h.lab.runs()[1].colour)));

  // Back to a surface: no data panel, the loss plot takes the column again.
  h.lab.set_objective(SurfaceSpec{"booth"});
  h.frame();
  CHECK_FALSE(ImGui::FindWindowByName("Data")->Active);
  CHECK(ImGui::FindWindowByName("Loss")->Size.y > data->Pos.y + data->Size.y - loss->Pos.y - 10);
}

TEST_CASE("ui: other data for the same model keeps the view, another model fits it",
          "[ui][models]") {
  Harness h;
  h.lab.set_objective(generated_linear(1));
  settle(h);
  const Vec2 centre = h.plot_point(0.5, 0.5);
  h.imgui.mouse(float(centre.x()), float(centre.y()));
  h.imgui.wheel(3);
  h.frame();
  const double zoomed = h.gui.canvas().view().scale;
  h.lab.set_objective(generated_linear(2));
  const auto old_objective = h.lab.objective();
  // Until the new data's field is sampled, the old one stays up: never a blank frame.
  while (h.lab.objective() == old_objective) {
    h.frame();
    CHECK(h.gui.canvas().shown_field(h.lab));
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  settle(h);
  CHECK(h.gui.canvas().view().scale == zoomed);
  ModelSpec logistic = test::model_spec("logistic");
  h.lab.set_objective(logistic);
  settle(h);
  CHECK(h.gui.canvas().view().scale != zoomed);
}

TEST_CASE("ui: Ctrl+Shift+O opens a CSV file, a bad one is reported and the data stays",
          "[ui][models]") {
  Harness h;
  h.frame();
  auto open = [&](const std::string& path) {
    h.imgui.ctrl(true);
    h.imgui.shift(true);
    h.press_key('O');
    h.imgui.ctrl(false);
    h.imgui.shift(false);
    const ImGuiWindow* dialog = ImGui::FindWindowByName("Open data");
    REQUIRE(dialog);
    REQUIRE(dialog->Active);
    h.imgui.type(path.c_str());
    h.frame();
    h.press_key(HeadlessImGui::kEnter);
    settle(h);
    CHECK_FALSE(ImGui::FindWindowByName("Open data")->Active);
  };
  const std::string good = DESCENT_SOURCE_DIR "/tests/golden/linear.csv";
  open(good);
  REQUIRE(model_of(h.lab));
  CHECK(model_of(h.lab)->data.path == good);
  CHECK(h.lab.objective()->sample_count() == 10);
  CHECK(h.gui.scenario().error().empty());
  CHECK(ImGui::FindWindowByName("Data")->Active);

  const std::string bad = test::temp_directory() + "/ragged.csv";
  std::ofstream(bad) << "x,y\n1,2\n3,4,5\n";
  const auto objective = h.lab.objective();
  open(bad);
  CHECK(h.gui.scenario().error() ==
        bad + ":3: the row has 3 cells, expected 2 (as in the first row)");
  CHECK(h.lab.objective() == objective);
  CHECK(model_of(h.lab)->data.path == good);
}

TEST_CASE("ui: a run's mini-batch surface: the canvas samples the loss of its current batch",
          "[ui][models]") {
  Harness h;
  h.lab.set_objective(generated_linear(1));
  settle(h);
  const RunId id = h.lab.runs()[0].id;
  h.lab.set_sampling(id, {.batch = 10, .seed = 4});
  h.gui.frame().batch_surface = id;
  h.gui.playback().position = 30;
  h.frame();
  h.lab.session().wait_idle();
  h.frame();
  auto field = h.gui.canvas().shown_field(h.lab);
  REQUIRE(field);
  CHECK(field->objective != h.lab.objective());
  CHECK(field->objective->sample_count() == 10);
  // The batch that step 30 uses: the same samples as the run's own schedule says.
  BatchSchedule schedule(150, 10, 4);
  auto expected = h.lab.objective()->restricted(schedule.batch(30));
  CHECK(field->objective->value({0.3, -0.7}) == expected->value({0.3, -0.7}));
  // Off again: the full loss.
  h.gui.frame().batch_surface.reset();
  h.frame();
  h.lab.session().wait_idle();
  h.frame();
  REQUIRE(h.gui.canvas().shown_field(h.lab));
  CHECK(h.gui.canvas().shown_field(h.lab)->objective == h.lab.objective());
}

// [SECTION] scenarios, lessons and the document
TEST_CASE("ui: Ctrl+S asks where, saves, and the title follows the file and its changes",
          "[ui][scenario]") {
  Harness h;
  h.gui.adopt("");
  h.frame();
  CHECK(h.gui.title() == "untitled - Descent");
  h.lab.set_start({0.5, 0.5});
  CHECK(h.gui.title() == "*untitled - Descent");
  const std::string path = test::temp_directory() + "/ui-saved.json";
  std::filesystem::remove(path);
  h.imgui.ctrl(true);
  h.press_key('S');
  h.imgui.ctrl(false);
  const ImGuiWindow* dialog = ImGui::FindWindowByName("Save scenario as");
  REQUIRE(dialog);
  CHECK(dialog->Active);
  h.imgui.key(HeadlessImGui::kEnter, false);
  // The name field has the focus, with "untitled.json" selected: typing replaces it.
  h.imgui.type(path.c_str());
  h.frame();
  h.press_key(HeadlessImGui::kEnter);
  h.frame();
  REQUIRE(std::filesystem::exists(path));
  CHECK(load_scenario(path) == h.lab.scenario());
  CHECK(h.gui.title() == "ui-saved.json - Descent");
  CHECK(h.settings.recent_files.front() == path);
  // Playing is no change; a new start is.
  h.gui.playback().position = 300;
  CHECK(h.gui.title() == "ui-saved.json - Descent");
  h.lab.set_start({0.25, 0.5});
  CHECK(h.gui.title() == "*ui-saved.json - Descent");
  // Ctrl+S again writes the same file without asking.
  h.imgui.ctrl(true);
  h.press_key('S');
  h.imgui.ctrl(false);
  CHECK_FALSE(ImGui::FindWindowByName("Save scenario as")->Active);
  CHECK(load_scenario(path).start == Vec2(0.25, 0.5));
  CHECK(h.gui.title() == "ui-saved.json - Descent");
}

TEST_CASE("ui: New asks before it discards changes, Escape keeps the lab", "[ui][scenario]") {
  Harness h;
  h.gui.adopt("");
  h.frame();
  h.lab.set_objective(SurfaceSpec{"booth"});
  h.imgui.ctrl(true);
  h.press_key('N');
  h.imgui.ctrl(false);
  const ImGuiWindow* ask = ImGui::FindWindowByName("Unsaved changes");
  REQUIRE(ask);
  CHECK(ask->Active);
  h.press_key(HeadlessImGui::kEscape);
  CHECK_FALSE(ImGui::FindWindowByName("Unsaved changes")->Active);
  CHECK(std::get<SurfaceSpec>(h.lab.objective_spec()).name == "booth");
  // Unchanged since it was opened: no question.
  h.gui.adopt("");
  h.frame();
  h.imgui.ctrl(true);
  h.press_key('N');
  h.imgui.ctrl(false);
  CHECK_FALSE(ImGui::FindWindowByName("Unsaved changes")->Active);
  CHECK(std::get<SurfaceSpec>(h.lab.objective_spec()).name == "rosenbrock");
}

TEST_CASE("ui: a lesson shows its text beside the canvas, closed, the plots take the room",
          "[ui][lessons]") {
  Harness h;
  h.frame();
  CHECK_FALSE(ImGui::FindWindowByName("Lesson"));
  h.gui.open_lesson("momentum-ravine");
  h.frame();
  h.frame();
  CHECK(h.gui.title() == "Momentum on a ravine - Descent");
  const ImGuiWindow* lesson = ImGui::FindWindowByName("Lesson");
  const ImGuiWindow* loss = ImGui::FindWindowByName("Loss");
  REQUIRE(lesson);
  CHECK(lesson->Active);
  CHECK(lesson->Pos.x == Approx(loss->Pos.x));
  CHECK(lesson->Pos.y + lesson->Size.y < loss->Pos.y);  // above the loss plot
  CHECK(loss->Size.y > 200);                            // which keeps room to be read
  CHECK(h.lab.playback().speed == 25);                  // the lesson's own pace
  h.gui.open_lesson("no-such-lesson");
  h.frame();
  CHECK(ImGui::FindWindowByName("Descent")->Active);         // the alert
  CHECK(h.gui.title() == "Momentum on a ravine - Descent");  // the lab stays
}

TEST_CASE(
    "ui: a scenario still loading is what the autosave keeps, and an abandoned one is not "
    "adopted",
    "[ui][scenario]") {
  Harness h;
  h.gui.adopt("");
  h.frame();
  const std::string path = test::temp_directory() + "/loading.json";
  std::ofstream(path) << R"({"version": 1, "objective": {"model": "logistic",
    "data": {"generator": "classes", "params": {"n": 5000, "seed": 3}}},
    "runs": [{"optimizer": "adam", "params": {"lr": 0.1}}]})";
  h.gui.open_scenario(path);
  REQUIRE(h.lab.waiting());  // installed by a frame's poll, not before
  Autosaved kept = h.gui.autosaved();
  CHECK(kept.file == path);
  CHECK(std::holds_alternative<ModelSpec>(kept.scenario.objective));
  // Another objective chosen before the data arrives: the file is not the document.
  h.lab.set_objective(SurfaceSpec{"booth"});
  for (int i = 0; i < 20; ++i) h.frame();
  CHECK(h.gui.document().path().empty());
  CHECK(std::get<SurfaceSpec>(h.lab.objective_spec()).name == "booth");
  // Opened and left alone, it becomes the document once its data is in.
  h.gui.open_scenario(path);
  while (h.lab.waiting()) {
    h.frame();
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  h.frame();
  CHECK(h.gui.document().path() == path);
  CHECK(h.gui.title() == "loading.json - Descent");
}

TEST_CASE("ui: the model widgets follow a model loaded from a lesson or a file", "[ui][scenario]") {
  Harness h;
  auto open = [&](const char* lesson) {
    h.gui.open_lesson(lesson);
    while (h.lab.waiting() || h.lab.loading()) {
      h.frame();
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    h.frame();
    h.frame();
  };
  open("batches");
  CHECK(h.gui.scenario().model_draft().model.name == "linear");
  open("logistic");
  CHECK(h.gui.scenario().model_draft().model.name == "logistic");
  CHECK(h.gui.scenario().model_draft() == std::get<ModelSpec>(h.lab.objective_spec()));
}
