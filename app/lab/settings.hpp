#pragma once
// What the visualizer remembers between launches: window geometry, panel layout, view options,
// recent files. (What the lab holds is the autosaved scenario's.)
#include <string>
#include <vector>

#include "appearance.hpp"

namespace descent {

struct Settings {
  int window_width = 1600, window_height = 1000;  // in screen coordinates
  int window_x = -1, window_y = -1;               // -1: let the system place it
  bool maximized = false;
  float sidebar_width = 390;     // left column: scenario and optimizers (unscaled pixels)
  float side_panel_width = 470;  // right column: the loss plot
  float table_height = 200;      // the runs table under the canvas and the loss plot
  float data_height = 360;       // the data panel under the loss plot (models over data)
  bool log_loss_axis = true;
  float font_scale = 1;  // text size as a share of the default, kMinFontScale..kMaxFontScale
  Theme theme = Theme::dark;
  double tolerance = 1e-3;                // for "steps to tolerance" in the runs table
  std::vector<std::string> recent_files;  // scenarios opened or saved, newest first

  static constexpr std::size_t kMaxRecent = 10;
  // Puts `path` first among the recent files.
  void remember(const std::string& path);

  bool operator==(const Settings&) const = default;
};

// $DESCENT_CONFIG_DIR, else $XDG_CONFIG_HOME/descent, else ~/.config/descent.
std::string config_directory();
std::string settings_path();
// Where the lab is kept between launches and through a crash.
std::string autosave_path();

// Missing file: defaults. A malformed file or value: defaults for what is wrong, and `warning`
// says what was ignored (the file is rewritten on the next save).
Settings load_settings(const std::string& path, std::string* warning = nullptr);
// Atomic write; creates the directory. Throws std::runtime_error naming the path on failure.
void save_settings(const Settings& settings, const std::string& path);

}  // namespace descent
