#pragma once
// The visualizer's main loop, and its test and benchmark modes.
#include <functional>
#include <optional>
#include <string>

#include "scenario.hpp"

namespace descent {

struct GuiOptions {
  // The lab the command line describes over `base`, or nothing when no flag describes one (then
  // the window restores the last session). Throws std::invalid_argument for bad input: then no
  // window opens.
  std::function<std::optional<Scenario>(const Scenario& base)> scenario;
  std::string file;    // the scenario file given (--scenario), the window's document
  bool changed_file = false;  // other flags changed what the file says
  bool fresh = false;  // start from the newcomer's lab, not the last session
  std::string screenshot;  // after `frames` frames, save the window here and quit
  int frames = 0;          // without a screenshot: run this many frames and quit (0: until closed)
  int bench_frames = 0;    // measure CPU time per frame with 8 runs of 100,000 steps, and quit
};

int run_gui(const GuiOptions& options);

}  // namespace descent
