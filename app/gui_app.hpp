#pragma once
// The visualizer's main loop, and its test and benchmark modes.
#include <functional>
#include <string>

namespace descent {

class Lab;

struct GuiOptions {
  // What to open on, applied over the defaults before the window opens; throws
  // std::invalid_argument for bad input (then no window opens).
  std::function<void(Lab&)> setup;
  std::string screenshot;  // after `frames` frames, save the window here and quit
  int frames = 0;          // without a screenshot: run this many frames and quit (0: until closed)
  int bench_frames = 0;    // measure CPU time per frame with 8 runs of 100,000 steps, and quit
};

int run_gui(const GuiOptions& options);

}  // namespace descent
