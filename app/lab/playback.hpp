#pragma once
// The playback position over the computed runs: recompute, then reveal (design.md, section 3).
#include <cstdint>

namespace descent {

struct Playback {
  double position = 0;  // steps revealed; fractional between frames
  bool playing = false;
  double speed = 150;  // steps per second

  std::int64_t step() const { return static_cast<std::int64_t>(position); }

  // Advances by speed·dt while playing; stops at `end`, the last step there is to show.
  void tick(double dt, double end);
  // Space: pause, or play; at the end it starts over.
  void toggle(double end);
  void step_forward(double end);
  void step_back();
  void restart();
  // The timeline: jumps to a step and pauses.
  void scrub(double to, double end);
};

}  // namespace descent
