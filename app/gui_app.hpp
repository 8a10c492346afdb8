#pragma once
// The visualizer's main loop, and its test and benchmark modes.
#include <string>

namespace descent {

struct GuiOptions {
  std::string screenshot;  // after `frames` frames, save the window here and quit
  int frames = 0;          // without a screenshot: run this many frames and quit (0: until closed)
  int bench_frames = 0;    // measure CPU time per frame with 8 runs of 100,000 steps, and quit
};

int run_gui(const GuiOptions& options);

}  // namespace descent
