#include "playback.hpp"

#include <algorithm>
#include <cmath>

namespace descent {

void Playback::tick(double dt, double end) {
  if (!playing) return;
  position = std::min(position + speed * dt, std::max(end, 0.0));
  if (position >= end) playing = false;
}

void Playback::toggle(double end) {
  if (playing) {
    playing = false;
    return;
  }
  if (position >= end) position = 0;
  playing = true;
}

void Playback::step_forward(double end) {
  playing = false;
  position = std::min(std::floor(position) + 1, std::max(end, 0.0));
}

void Playback::step_back() {
  playing = false;
  position = std::max(std::ceil(position) - 1, 0.0);
}

void Playback::restart() {
  position = 0;
  playing = true;
}

void Playback::scrub(double to, double end) {
  playing = false;
  position = std::clamp(std::round(to), 0.0, std::max(end, 0.0));
}

}  // namespace descent
