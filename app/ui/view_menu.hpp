#pragma once
// The View menu and its keys: text size, theme, full screen and presentation mode.
#include <functional>

#include "settings.hpp"

namespace descent::ui {

class ViewMenu {
 public:
  // GLFW key codes (ImGui 1.86's GLFW backend indexes keys by them).
  static constexpr int kKeyEqual = 61, kKeyMinus = 45, kKey0 = 48, kKeyPad0 = 320,
                       kKeyPadMinus = 333, kKeyPadPlus = 334, kKeyF5 = 294, kKeyF11 = 300;

  // The menu in the main menu bar; `more` adds its items at the end (the 3D view's).
  void menu(Settings& settings, const std::function<void()>& more = {});
  // Ctrl+= / Ctrl+- / Ctrl+0 and Ctrl+wheel (text size), F11, F5, and Escape (leaves
  // presentation mode). Call once a frame, when no text field or dialog takes the keys.
  void shortcuts(Settings& settings);

  // Only the canvas, the loss plot, the lesson and the playback bar: the Lab panel and the
  // runs table are hidden.
  bool presenting = false;
  // The window covers the monitor (the window follows this; Esc does not leave it).
  bool fullscreen = false;
};

}  // namespace descent::ui
