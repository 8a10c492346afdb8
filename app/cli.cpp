#include "cli.hpp"

#include <cerrno>
#include <iostream>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <CLI/CLI.hpp>

#include "checked_stdout.hpp"
#include "commands.hpp"
#include "gui_app.hpp"
#include "window.hpp"

namespace descent {
namespace {

// A closed stdin, stdout or stderr gets /dev/null, read-only, in its place before any file is
// opened: a file opened later must not land on descriptor 1 and receive the output. Writing to
// the stand-in fails, and is reported like any failed write.
void reserve_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd)
    if (::fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
      const int opened = ::open("/dev/null", O_RDONLY);  // the lowest free descriptor: fd
      if (opened >= 0 && opened != fd) ::close(opened);
    }
}

}  // namespace

bool Command::chosen() const {
  return m_command && m_command->parsed();
}

int run_cli(int argc, char** argv) {
  reserve_standard_descriptors();
  CLI::App app{
      "Descent: watch gradient-descent optimizers race across loss surfaces.\n"
      "Without a command: the visualizer. With one: the same engine, headless."};
  app.name("descent");
  app.require_subcommand(0, 1);
  app.get_formatter()->column_width(32);
  // A repeated single-valued option takes its last value, as in most Unix tools.
  app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);

  RunCommand run;
  RenderCommand render;
  DataCommand data;
  ListCommand list;
  MapCommand map;
  SweepCommand sweep;
  const std::vector<Command*> commands{&run, &render, &map, &sweep, &data, &list};
  for (Command* command : commands) command->attach(app);

  GuiOptions gui;
  ScenarioArguments opening;  // what the visualizer opens on: the same flags as `descent run`
  opening.attach(app, false);
  gui.scenario = [&opening](const Scenario& base) -> std::optional<Scenario> {
    if (!opening.given()) return std::nullopt;
    return opening.scenario(base);
  };
  app.add_flag("--fresh", gui.fresh,
               "Open a new lab instead of the last session's (which is kept as "
               "autosave-previous.json in the config directory)");
  app.add_option("--screenshot", gui.screenshot,
                 "Run the visualizer for --frames frames, save the window to this PNG, quit")
      ->type_name("FILE.png")
      ->check(file_name());
  app.add_option("--frames", gui.frames,
                 "Frames to run before --screenshot (default 60), or before quitting")
      ->type_name("N")
      ->check(whole_number(1, 1000000));
  app.add_option(
         "--bench-frames", gui.bench_frames,
         "Print CPU time per frame over N frames with 8 runs of 100,000 steps on screen, quit")
      ->type_name("N")
      ->check(whole_number(1, 1000000));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "descent: error: " << e.what() << " (see descent --help)\n";
    return 2;
  }

  try {
    if (render.chosen() || !gui.screenshot.empty() || gui.bench_frames > 0 || gui.frames > 0)
      run_under_xvfb_if_headless(argc, argv);
    for (Command* command : commands)
      if (command->chosen()) {
        // Output that could not be written all (a full disk, /dev/full, a closed stdout) is an
        // error, not a truncated result and exit code 0.
        CheckedStdout out;
        const int code = command->execute();
        if (auto problem = out.finish(); !problem.empty()) {
          std::cerr << "descent: error: cannot write the output to stdout (" << problem << ")\n";
          return 1;
        }
        return code;
      }
    if (!gui.screenshot.empty() && gui.frames == 0) gui.frames = 60;
    gui.file = opening.scenario_file();
    gui.changed_file = opening.changes_base();
    return run_gui(gui);
  } catch (const std::invalid_argument& e) {
    std::cerr << "descent: error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "descent: error: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace descent
