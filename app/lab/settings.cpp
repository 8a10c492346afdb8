#include "settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "atomic_file.hpp"

namespace descent {

std::string config_directory() {
  if (const char* dir = std::getenv("DESCENT_CONFIG_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return std::string(xdg) + "/descent";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.config/descent";
  return ".descent";
}

std::string settings_path() {
  return config_directory() + "/settings.json";
}

std::string autosave_path() {
  return config_directory() + "/autosave.json";
}

void Settings::remember(const std::string& path) {
  std::erase(recent_files, path);
  recent_files.insert(recent_files.begin(), path);
  if (recent_files.size() > kMaxRecent) recent_files.resize(kMaxRecent);
}

namespace {

// Reads `key` into `value` when present and of the right type and range.
template <class T>
void read(const nlohmann::json& json, const char* key, T& value, T lo, T hi,
          std::string& problems) {
  auto it = json.find(key);
  if (it == json.end()) return;
  try {
    T v = it->get<T>();
    if (v < lo || v > hi) throw std::out_of_range("range");
    value = v;
  } catch (const std::exception&) {
    problems += std::string(problems.empty() ? "" : ", ") + key;
  }
}

}  // namespace

Settings load_settings(const std::string& path, std::string* warning) {
  Settings s;
  std::ifstream in(path);
  if (!in) return s;
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    if (warning) *warning = path + ": not valid JSON; using default settings";
    return s;
  }
  std::string problems;
  read(json, "window_width", s.window_width, 320, 16384, problems);
  read(json, "window_height", s.window_height, 240, 16384, problems);
  read(json, "window_x", s.window_x, -1, 65535, problems);
  read(json, "window_y", s.window_y, -1, 65535, problems);
  read(json, "maximized", s.maximized, false, true, problems);
  read(json, "sidebar_width", s.sidebar_width, 200.f, 2000.f, problems);
  read(json, "side_panel_width", s.side_panel_width, 200.f, 2000.f, problems);
  read(json, "table_height", s.table_height, 60.f, 2000.f, problems);
  read(json, "data_height", s.data_height, 60.f, 2000.f, problems);
  read(json, "log_loss_axis", s.log_loss_axis, false, true, problems);
  read(json, "tolerance", s.tolerance, 1e-15, 1e15, problems);
  read(json, "font_scale", s.font_scale, kMinFontScale, kMaxFontScale, problems);
  if (auto it = json.find("theme"); it != json.end()) {
    auto theme = it->is_string() ? find_theme(it->get<std::string>()) : std::nullopt;
    if (theme)
      s.theme = *theme;
    else
      problems += std::string(problems.empty() ? "" : ", ") + "theme";
  }
  if (auto it = json.find("recent_files"); it != json.end()) {
    const bool strings = it->is_array() && std::all_of(it->begin(), it->end(),
                                                       [](const auto& f) { return f.is_string(); });
    if (!strings) {
      problems += std::string(problems.empty() ? "" : ", ") + "recent_files";
    } else {
      for (const auto& f : *it)
        if (s.recent_files.size() < Settings::kMaxRecent) s.recent_files.push_back(f);
    }
  }
  if (!problems.empty() && warning) *warning = path + ": ignored bad values for " + problems;
  return s;
}

void save_settings(const Settings& s, const std::string& path) {
  nlohmann::json json = {
      {"window_width", s.window_width},
      {"window_height", s.window_height},
      {"window_x", s.window_x},
      {"window_y", s.window_y},
      {"maximized", s.maximized},
      {"sidebar_width", s.sidebar_width},
      {"side_panel_width", s.side_panel_width},
      {"table_height", s.table_height},
      {"data_height", s.data_height},
      {"log_loss_axis", s.log_loss_axis},
      {"tolerance", s.tolerance},
      {"font_scale", s.font_scale},
      {"theme", theme_info(s.theme).name},
      {"recent_files", s.recent_files},
  };
  std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);
  }
  write_file_atomically(path, json.dump(2) + "\n");
}

}  // namespace descent
