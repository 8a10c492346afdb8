// The real panels in an ImGui context without a window or GL, driven by simulated input.
#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "gui.hpp"
#include "support/headless_imgui.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

struct Harness {
  HeadlessImGui imgui;
  Lab lab{2};
  Settings settings;
  ui::Gui gui{lab, settings};

  Harness() { lab.load_defaults(); }
  void frame(float dt = 1.f / 60) {
    imgui.frame([&] { gui.draw(dt, {}); }, dt);
  }
  // A whole pixel inside the plot: ImGui floors the mouse position.
  Vec2 plot_point(double fx, double fy) const {
    const PixelRect& p = gui.canvas().plot();
    return {std::floor(p.x + p.width * fx), std::floor(p.y + p.height * fy)};
  }
  void press_key(int code) {
    imgui.key(code, true);
    frame();
    imgui.key(code, false);
    frame();
  }
};

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

TEST_CASE("ui: dragging empty space pans; the wheel zooms around the cursor", "[ui]") {
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
  h.lab.set_objective(find_surface("beale"));
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
  REQUIRE(h.lab.snapshot()->runs[0].trajectory->size() == 1'000'001);
  CHECK(h.gui.frame().rows[0].shown == 1'000'001);
  CHECK(ImGui::GetDrawData()->TotalVtxCount < 300'000);
}

TEST_CASE("ui: every kind of run draws: scheduled, clipped, hidden, diverged", "[ui]") {
  Harness h;
  h.lab.clear_runs();
  h.lab.set_objective(find_surface("himmelblau"));
  for (const char* spec :
       {"adam:lr=0.1,schedule=cosine,t_max=500,clip_norm=2", "sgd:lr=0.5", "rprop", "lion:lr=0.01",
        "nadam:lr=0.05", "radam:lr=0.05", "adadelta", "adagrad:lr=0.5",
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
