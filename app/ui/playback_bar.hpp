#pragma once
// Play, pause, step and scrub through the computed steps; playback speed.
#include "frame.hpp"

namespace descent::ui {

class PlaybackBar {
 public:
  void draw(Frame& frame);
};

}  // namespace descent::ui
