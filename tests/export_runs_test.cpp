// File > Export of the runs: the lab's runs as CSV and JSON, byte for byte what `descent run`
// writes for the same scenario; a cancelled export leaves the file as it was; the dialog.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <imgui_internal.h>
#include <catch2/catch.hpp>

#include "gui.hpp"
#include "lab.hpp"
#include "lessons.hpp"
#include "runs_export.hpp"
#include "support/headless_imgui.hpp"
#include "support/process.hpp"

using namespace descent;
using namespace descent::test;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The lab as the window holds it once its data is in.
void load(Lab& lab, const Scenario& scenario) {
  lab.load(scenario);
  for (int i = 0; i < 2000 && lab.waiting(); ++i) {
    REQUIRE(lab.poll().empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE_FALSE(lab.waiting());
}

}  // namespace

TEST_CASE("export: the runs as CSV and JSON are what descent run writes, byte for byte",
          "[ui][export]") {
  // A surface with a run of its own start; a model over data on mini-batches, whose JSON has
  // each step's batch loss.
  for (const char* lesson : {"momentum-ravine", "batches"}) {
    Lab lab(2);
    load(lab, load_lesson(lesson));
    // The lab as the user left it, saved, is the scenario `descent run` is given.
    if (lab.runs().size() > 1) lab.set_run_start(lab.runs()[1].id, Vec2(0.25, 0.5));
    const std::string scenario = temp_directory() + "/scenario-" + lesson + ".json";
    save_scenario(lab.scenario(), scenario);
    for (auto [format, name] : {std::pair{RunFormat::csv, "csv"}, {RunFormat::json, "json"}}) {
      INFO(lesson << " as " << name);
      const std::string path = temp_directory() + "/export-" + lesson + "." + name;
      std::atomic<double> progress{0};
      export_runs(lab.scenario(), lab.objective(), path, format, nullptr, &progress);
      CHECK(progress.load() == 1);
      auto run = run_descent({"run", "--scenario", scenario, "--format", name});
      INFO(run.err);
      REQUIRE(run.exit_code == 0);
      REQUIRE(run.out.size() > 1000);
      CHECK(read(path) == run.out);
    }
  }
}

TEST_CASE("export: a cancelled export of the runs leaves the file as it was", "[ui][export]") {
  Lab lab(2);
  load(lab, load_lesson("momentum-ravine"));
  const std::string path = temp_directory() + "/export-cancelled.csv";
  { std::ofstream(path) << "what was there\n"; }
  std::atomic<bool> cancel{true};
  CHECK_THROWS_WITH(export_runs(lab.scenario(), lab.objective(), path, RunFormat::csv, &cancel),
                    "cancelled: " + path + " was not written");
  CHECK(read(path) == "what was there\n");
  for (const auto& entry : std::filesystem::directory_iterator(temp_directory()))
    CHECK(entry.path().filename().string().find("export-cancelled.csv.tmp") == std::string::npos);

  // A write that fails is said, naming the file.
  RunsExport failing(lab.scenario(), lab.objective(), "/nonexistent-dir/runs.csv", RunFormat::csv);
  for (int i = 0; i < 2000 && !failing.done(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(failing.done());
  CHECK_THAT(failing.error(), Catch::StartsWith("/nonexistent-dir/runs.csv: cannot"));
}

TEST_CASE("export: Ctrl+E and File > Export open the export dialog, Escape closes it",
          "[ui][export]") {
  HeadlessImGui imgui;
  Lab lab(2);
  lab.load_defaults();
  Settings settings;
  ui::Gui gui(lab, settings);
  auto frame = [&] { imgui.frame([&] { gui.draw(1.f / 60, {}); }); };
  frame();
  imgui.ctrl(true);
  imgui.key('E', true);
  frame();
  imgui.key('E', false);
  imgui.ctrl(false);
  frame();
  const ImGuiWindow* dialog = ImGui::FindWindowByName("Export");
  REQUIRE(dialog);
  CHECK(dialog->Active);
  CHECK(gui.export_panel().showing());
  // Nothing is asked of the GL side before a file is chosen.
  CHECK_FALSE(gui.export_panel().take_request());
  imgui.key(HeadlessImGui::kEscape, true);
  frame();
  imgui.key(HeadlessImGui::kEscape, false);
  frame();
  CHECK_FALSE(gui.export_panel().showing());
  CHECK_FALSE(ImGui::FindWindowByName("Export")->Active);
}
