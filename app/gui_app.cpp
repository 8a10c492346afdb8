#include "gui_app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <stdexcept>

#include <imgui.h>

#include "autosave.hpp"
#include "exporter.hpp"
#include "lab.hpp"
#include "optimizer.hpp"
#include "png.hpp"
#include "render/field_renderer.hpp"
#include "render/surface_renderer.hpp"
#include "settings.hpp"
#include "text.hpp"
#include "ui/gui.hpp"
#include "window.hpp"

namespace descent {
namespace {

double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double resident_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) /
         (1024.0 * 1024.0);
}

ui::FieldImage images(const FieldRenderer& renderer, const SurfaceRenderer& surface) {
  auto id = [](GLuint texture) {
    return reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(texture));
  };
  return {id(renderer.image()), id(surface.image())};
}

// The images the panels show, as they now stand: the canvas's field (unless the 3D view is in
// its place) and the 3D view (when shown).
void render_images(Window& window, ui::Gui& gui, FieldRenderer& renderer, SurfaceRenderer& surface,
                   Lab& lab) {
  using Shown = ui::SurfacePanel::Shown;
  if (gui.surface().shown != Shown::alone)
    renderer.render(gui.canvas().shown_field(lab), gui.canvas().view(), gui.canvas().plot(),
                    window.framebuffer_scale(), {lab.contours().log, lab.contours().levels},
                    gui.instruments().overlay());
  if (gui.surface().shown != Shown::off)
    surface.render(gui.surface().scene(), window.framebuffer_scale());
}

// One frame: the UI, then the images for the canvas and the 3D view, then ImGui.
void frame(Window& window, ui::Gui& gui, FieldRenderer& renderer, SurfaceRenderer& surface,
           Lab& lab, double dt) {
  window.begin_frame();
  gui.draw(dt, images(renderer, surface));
  render_images(window, gui, renderer, surface, lab);
  window.render();
}

// Frames drawn by `draw_frame` (vsync off), up to the GL work done: the UI thread's CPU time
// and the wall-clock time (which includes the software renderer's own threads), mean and 95th
// percentile, in ms.
struct FrameTimes {
  double cpu_mean, cpu_p95, wall_mean, wall_p95;
};
FrameTimes time_frames(Window& window, int frames, const std::function<void(int)>& draw_frame) {
  std::vector<double> cpu, wall;
  for (int i = 0; i < frames; ++i) {
    const double before = thread_cpu_ms();
    const auto begin = std::chrono::steady_clock::now();
    draw_frame(i);
    glFinish();
    cpu.push_back(thread_cpu_ms() - before);
    wall.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
            .count());
    window.swap();
  }
  auto mean = [](const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  };
  auto p95 = [](std::vector<double>& v) {
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(0.95 * static_cast<double>(v.size() - 1))];
  };
  return {mean(cpu), p95(cpu), mean(wall), p95(wall)};
}

// The same 8 runs with the 2D canvas, the 3D view in its place and the two side by side: still
// (the images are reused), and orbiting while playback reveals steps (every frame draws the
// mesh and the paths anew).
void bench_surface(Window& window, ui::Gui& gui, FieldRenderer& renderer, SurfaceRenderer& surface,
                   Lab& lab, int frames) {
  using Shown = ui::SurfacePanel::Shown;
  auto still = [&](int) { frame(window, gui, renderer, surface, lab, 0); };
  auto moving = [&](int i) {
    gui.playback().position = 50000 + 500.0 * (i % 100);
    gui.surface().camera().orbit(4, 0);
    frame(window, gui, renderer, surface, lab, 0);
  };
  for (Shown shown : {Shown::off, Shown::alone, Shown::beside}) {
    gui.surface().shown = shown;
    gui.playback().position = 100000;
    for (int i = 0; i < 10; ++i) still(i), window.swap();  // the field arrives, the mesh is built
    lab.session().wait_idle();
    for (int i = 0; i < 3; ++i) still(i), window.swap();
    const FrameTimes still_times = time_frames(window, frames, still);
    const FrameTimes moving_times = time_frames(window, frames, moving);
    const char* name = shown == Shown::off     ? "2D canvas alone"
                       : shown == Shown::alone ? "3D view alone  "
                                               : "2D and 3D      ";
    for (const auto& [what, t] : {std::pair{"still                 ", still_times},
                                  std::pair{"orbiting while playing", moving_times}})
      std::printf("%s, %s: CPU mean %.2f ms, p95 %.2f ms; wall mean %.2f ms, p95 %.2f ms\n", name,
                  what, t.cpu_mean, t.cpu_p95, t.wall_mean, t.wall_p95);
  }
  gui.surface().shown = Shown::off;
  gui.surface().reset_camera();
  gui.playback().position = 100000;
}

// 8 runs of 100,000 steps on screen; then the learning-rate drag; then 8 runs of 1,000,000.
void bench(Window& window, ui::Gui& gui, FieldRenderer& renderer, SurfaceRenderer& surface,
           Lab& lab, int frames) {
  const char* specs[] = {"sgd:lr=2e-4",
                         "sgd:lr=2e-4,momentum=0.9",
                         "sgd:lr=2e-4,momentum=0.9,nesterov=1",
                         "adam:lr=0.01",
                         "rmsprop:lr=1e-3",
                         "adagrad:lr=0.1",
                         "nadam:lr=0.01",
                         "lion:lr=1e-3"};
  std::printf("resident memory at start: %.0f MB\n", resident_mb());
  lab.clear_runs();
  lab.set_step_limit(100000);
  for (const char* spec : specs) lab.add_run(parse_optimizer_spec(spec));
  lab.session().wait_idle();
  gui.playback().position = 100000;
  for (int i = 0; i < 10; ++i)
    frame(window, gui, renderer, surface, lab, 0), window.swap();  // warm up
  std::vector<double> cpu;
  double ui_ms = 0;
  long vertices = 0;
  for (int i = 0; i < frames; ++i) {
    double before = thread_cpu_ms();
    window.begin_frame();
    gui.draw(1.0 / 60, images(renderer, surface));
    ImGui::Render();
    ui_ms += thread_cpu_ms() - before;
    vertices += ImGui::GetDrawData()->TotalVtxCount;
    render_images(window, gui, renderer, surface, lab);
    window.render_draw_data();
    glFinish();
    cpu.push_back(thread_cpu_ms() - before);
    window.swap();
  }
  std::printf("of which building the UI (panels, paths, ImGui): %.2f ms; vertices per frame: %ld\n",
              ui_ms / frames, vertices / frames);
  std::sort(cpu.begin(), cpu.end());
  double mean = std::accumulate(cpu.begin(), cpu.end(), 0.0) / static_cast<double>(cpu.size());
  std::printf("frames: %d with 8 runs of 100,000 steps on screen\n", frames);
  std::printf("CPU time per frame (UI thread, vsync off): mean %.2f ms, p95 %.2f ms, max %.2f ms\n",
              mean, cpu[static_cast<std::size_t>(0.95 * static_cast<double>(cpu.size() - 1))],
              cpu.back());
  bench_surface(window, gui, renderer, surface, lab, frames);

  // A learning-rate slider dragged over 8 runs of 10,000 steps: time until every path is
  // recomputed.
  lab.set_step_limit(10000);
  lab.session().wait_idle();
  std::vector<double> recompute;
  for (int i = 0; i < 60; ++i) {
    auto begin = std::chrono::steady_clock::now();
    for (const auto& run : std::vector<LabRun>(lab.runs())) {
      OptimizerSpec spec = run.spec;
      spec.params["lr"] = Optimizer(spec).params().at("lr") * (i % 2 ? 1.01 : 1 / 1.01);
      lab.set_spec(run.id, spec);
    }
    lab.session().wait_idle();
    recompute.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
            .count());
  }
  std::sort(recompute.begin(), recompute.end());
  std::printf(
      "recompute after a learning-rate change, 8 runs of 10,000 steps, %u threads: median %.2f ms, "
      "max %.2f ms\n",
      lab.session().threads(), recompute[recompute.size() / 2], recompute.back());

  lab.set_step_limit(1000000);
  lab.session().wait_idle();
  gui.playback().position = 1000000;
  frame(window, gui, renderer, surface, lab, 0);
  window.swap();
  std::size_t points = 0;
  for (const auto& run : lab.snapshot()->runs) points += run.trajectory->size();
  std::printf(
      "resident memory with 8 runs of 1,000,000 steps: %.0f MB, of which the runs' points %.0f "
      "MB\n",
      resident_mb(), static_cast<double>(points * sizeof(TrajectoryPoint)) / (1024.0 * 1024.0));

  // Frames while a basin map of 256 starts across computes (Adam, 5,000 steps a start): the UI
  // thread only asks for it and, once the coarse and once the full map, colours it.
  lab.clear_runs();
  lab.set_step_limit(5000);
  lab.add_run(parse_optimizer_spec("adam:lr=0.01"));
  lab.session().wait_idle();
  for (int i = 0; i < 10; ++i)
    frame(window, gui, renderer, surface, lab, 0), window.swap();  // settle
  gui.instruments().basin_shown = true;
  std::vector<double> mapping;
  const auto map_begin = std::chrono::steady_clock::now();
  double map_seconds = 0;
  for (int i = 0; i < 2000; ++i) {
    double before = thread_cpu_ms();
    frame(window, gui, renderer, surface, lab, 1.0 / 60);
    glFinish();
    mapping.push_back(thread_cpu_ms() - before);
    window.swap();
    const auto map = gui.instruments().basin_map();
    if (map && map->final && map_seconds == 0)
      map_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - map_begin).count();
    else if (map_seconds > 0)
      break;  // after the frame that coloured the full map
  }
  gui.instruments().basin_shown = false;
  std::sort(mapping.begin(), mapping.end());
  std::printf(
      "while a %s basin map computes (Adam, 5,000 steps a start): %zu frames, UI thread CPU per "
      "frame mean %.2f ms, p95 %.2f ms, max %.2f ms; the map took %.2f s\n",
      gui.instruments().basin_map() ? "256-wide" : "(none)", mapping.size(),
      std::accumulate(mapping.begin(), mapping.end(), 0.0) / static_cast<double>(mapping.size()),
      mapping[static_cast<std::size_t>(0.95 * static_cast<double>(mapping.size() - 1))],
      mapping.back(), map_seconds);

  // One run of 100,000,000 steps (recorded thinned, see recording.hpp): the time to compute it,
  // then frames scrubbed across it, within 16-bit indices per draw command.
  lab.clear_runs();
  lab.set_step_limit(100'000'000);
  auto begin = std::chrono::steady_clock::now();
  lab.add_run(parse_optimizer_spec("sgd:lr=2e-4,momentum=0.9"));
  lab.session().wait_idle();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  double worst_ms = 0;
  for (double position : {2e6, 5e7, 1e8, 1.5e6, 1e8}) {
    gui.playback().position = position;
    double before = thread_cpu_ms();
    frame(window, gui, renderer, surface, lab, 0);
    glFinish();
    worst_ms = std::max(worst_ms, thread_cpu_ms() - before);
    window.swap();
  }
  const Trajectory& t = *lab.snapshot()->runs[0].trajectory;
  std::printf(
      "one run of 100,000,000 steps: computed in %.1f s, %zu points recorded (%s), resident "
      "memory %.0f MB, slowest frame scrubbing across it %.1f ms\n",
      seconds, t.size(), describe(t.recording(), 100'000'000).c_str(), resident_mb(), worst_ms);
}

constexpr int kSettleFrames = 3;   // frames drawn after the last input or change
constexpr double kIdleWait = 0.5;  // seconds an idle window sleeps at most

// Whether the user did anything in the frame just drawn: the mouse moved, a button or key is
// held, text was typed.
bool user_input() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0 || ImGui::IsAnyMouseDown()) return true;
  for (bool down : io.KeysDown)
    if (down) return true;
  return false;
}

// The last session's lab, unless it cannot be read: then it is kept aside, and `warning` says so.
std::optional<Autosaved> last_session(std::string& warning) {
  namespace fs = std::filesystem;
  const std::string path = autosave_path();
  std::error_code error;
  if (!fs::exists(path, error)) return std::nullopt;
  try {
    return load_autosave(path);
  } catch (const std::invalid_argument& e) {
    const std::string aside = config_directory() + "/autosave-unreadable.json";
    fs::rename(path, aside, error);
    warning = cat("The last session could not be restored: ", e.what(), "\nIt was kept as ", aside,
                  ". Descent starts with a new lab.");
    return std::nullopt;
  }
}

// The lab the command line opens replaces the last session's: keep a copy of that one.
void keep_last_session() {
  std::error_code error;
  std::filesystem::copy_file(autosave_path(), config_directory() + "/autosave-previous.json",
                             std::filesystem::copy_options::overwrite_existing, error);
}

}  // namespace

int run_gui(const GuiOptions& options) {
  std::string warning;
  const std::string path = settings_path();
  Settings settings = load_settings(path, &warning);
  if (!warning.empty()) std::cerr << "descent: " << warning << "\n";
  // Pictures and measurements start from the newcomer's lab and leave the last session alone.
  const bool headless = !options.screenshot.empty() || options.bench_frames > 0;
  Lab lab;
  const std::optional<Scenario> given =
      options.scenario ? options.scenario(Lab::default_scenario()) : std::nullopt;
  std::optional<Autosaved> restore;
  std::string restore_warning;
  if (given) {
    lab.load(*given, build_objective(given->objective));  // bad input: no window opens
  } else {
    lab.load_defaults();
    if (!options.fresh && !headless) restore = last_session(restore_warning);
  }
  if (!headless) keep_last_session();  // before anything can write over it
  Window window({.width = settings.window_width,
                 .height = settings.window_height,
                 .x = settings.window_x,
                 .y = settings.window_y,
                 .maximized = settings.maximized && !headless,
                 .vsync = options.bench_frames == 0,
                 .font_scale = headless ? 1.f : settings.font_scale,
                 .text_for_room = !headless,
                 .theme = headless ? Theme::dark : settings.theme});
  ui::Gui gui(lab, settings);
  FieldRenderer renderer;
  SurfaceRenderer surface;
  if (given)
    gui.adopt(options.file, options.file.empty() ? given->lesson.title : "", options.changed_file);
  if (restore) {
    try {
      lab.load(restore->scenario);
      gui.adopt(restore->file, restore->name, restore->modified);
    } catch (const std::invalid_argument& e) {
      restore_warning = cat("The last session could not be restored: ", e.what());
    }
  }
  if (!restore_warning.empty()) gui.alert(restore_warning);

  if (options.bench_frames > 0) {
    bench(window, gui, renderer, surface, lab, options.bench_frames);
    return 0;
  }
  if (!options.screenshot.empty()) {
    // A fixed clock, and the engine given time to finish, so the picture is reproducible.
    gui.playback().playing = true;
    for (int i = 0; i < options.frames; ++i) {
      frame(window, gui, renderer, surface, lab, 1.0 / 60);
      window.swap();
    }
    lab.session().wait_idle();
    for (int i = 0; i < 2; ++i) {  // one to pick up the finished field, one to draw it
      frame(window, gui, renderer, surface, lab, 0);
      if (i == 0) window.swap();
    }
    int width = 0, height = 0;
    window.framebuffer_size(width, height);
    write_png(options.screenshot, width, height, read_pixels(width, height));
    return 0;
  }

  // Interactive; or, with --frames, a scripted run of that many frames on a fixed clock.
  Autosaver autosaver(autosave_path());
  auto keep = [&] {
    try {
      autosaver.flush(gui.autosaved());
    } catch (const std::exception& e) {
      std::cerr << "descent: the lab could not be kept for the next start: " << e.what() << "\n";
    }
  };
  Exporter exporter;
  const auto begin = std::chrono::steady_clock::now();
  auto last = begin;
  std::string title, reported;
  double titled = -1;
  int quiet = 0;  // frames in a row with nothing moving and no input
  try {
    for (int n = 0; !window.should_close() && !gui.quit_requested() &&
                    (options.frames == 0 || n < options.frames);
         ++n) {
      // Idle, the window sleeps until an event, or half a second for the autosave and a text
      // cursor's blink (nothing else is drawn then). An event ends the sleep early; the frames
      // after it let ImGui settle.
      bool draw = true;
      if (quiet >= kSettleFrames && options.frames == 0) {
        const auto before = std::chrono::steady_clock::now();
        window.wait_events(kIdleWait);
        if (std::chrono::steady_clock::now() - before <
            std::chrono::duration<double>(kIdleWait * 0.9))
          quiet = 0;
        else
          draw = ImGui::GetIO().WantTextInput;
      }
      auto now = std::chrono::steady_clock::now();
      if (draw) {
        window.set_appearance(settings.font_scale, settings.theme);
        window.set_fullscreen(gui.view_menu().fullscreen);
        double dt = options.frames
                        ? 1.0 / 60
                        : std::min(std::chrono::duration<double>(now - last).count(), 0.1);
        frame(window, gui, renderer, surface, lab, dt);
        exporter.tick(gui, lab, renderer);
        window.swap();
        quiet = gui.busy() || user_input() ? 0 : quiet + 1;
      }
      last = now;
      const double clock = std::chrono::duration<double>(now - begin).count();
      autosaver.tick(clock, [&] { return gui.autosaved(); });
      if (clock - titled >= 0.25) {  // the title compares the lab with its file
        titled = clock;
        if (std::string t = gui.title(); t != title) window.set_title(title = t);
        // A failed autosave is said once, in the window, and tried again until it works.
        if (std::string error = autosaver.error(); error != reported && !error.empty()) {
          gui.alert(cat("The lab could not be kept for the next start:\n", error,
                        "\nSave it to a file of your own (File > Save as)."));
          quiet = 0;
        }
        reported = autosaver.error();
      }
    }
  } catch (const std::exception&) {
    keep();  // whatever went wrong, the lab is kept
    throw;
  }
  keep();
  WindowGeometry g = window.geometry();
  settings.maximized = g.maximized;
  if (!g.maximized) {
    settings.window_width = g.width, settings.window_height = g.height;
    settings.window_x = g.x, settings.window_y = g.y;
  }
  try {
    save_settings(settings, path);
  } catch (const std::exception& e) {
    std::cerr << "descent: settings not saved: " << e.what() << "\n";
  }
  return 0;
}

}  // namespace descent
