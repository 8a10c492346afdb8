#pragma once
// Play, pause, step and scrub through the computed steps; playback speed.
#include "frame.hpp"

namespace descent::ui {

class PlaybackBar {
 public:
  void draw(Frame& frame);

 private:
  double m_field_busy_since = -1;  // ImGui's clock when the field last started sampling; -1: idle
};

}  // namespace descent::ui
