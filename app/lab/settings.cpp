#include "settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "atomic_file.hpp"
#include "text.hpp"
#include "whole_number.hpp"

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

using Json = nlohmann::json;

// Every setting, once: its key, its field, and for a number its allowed range. Loading and
// saving both walk this list, so a new setting is one line here.
template <class S, class Field>
void for_each_setting(S& s, Field&& field) {
  field("window_width", s.window_width, 320, 16384);
  field("window_height", s.window_height, 240, 16384);
  field("window_x", s.window_x, -1, 65535);
  field("window_y", s.window_y, -1, 65535);
  field("maximized", s.maximized);
  field("sidebar_width", s.sidebar_width, 200, 2000);
  field("side_panel_width", s.side_panel_width, 200, 2000);
  field("table_height", s.table_height, 60, 2000);
  field("data_height", s.data_height, 60, 2000);
  field("log_loss_axis", s.log_loss_axis);
  field("tolerance", s.tolerance, 1e-15, 1e15);
  field("font_scale", s.font_scale, kMinFontScale, kMaxFontScale);
  field("theme", s.theme);
  field("recent_files", s.recent_files);
}

// The value of `j` for a field of type T, or none when it has the wrong type or is out of range.
// Numbers are read as doubles and checked before they are converted (see to_whole).
template <class T>
std::optional<T> setting_value(const Json& j, double lo = 0, double hi = 0) {
  if constexpr (std::is_same_v<T, bool>) {
    if (j.is_boolean()) return j.get<bool>();
  } else if constexpr (std::is_same_v<T, std::string>) {
    if (j.is_string()) return j.get<std::string>();
  } else if constexpr (std::is_same_v<T, Theme>) {
    if (j.is_string()) return find_theme(j.get<std::string>());
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    if (!j.is_array()) return std::nullopt;
    std::vector<std::string> out;
    for (const auto& item : j) {
      if (!item.is_string()) return std::nullopt;
      if (out.size() < Settings::kMaxRecent) out.push_back(item.get<std::string>());
    }
    return out;
  } else if (j.is_number()) {
    const double v = j.get<double>();
    if constexpr (std::is_integral_v<T>)
      return to_whole<T>(v, static_cast<T>(lo), static_cast<T>(hi));
    else if (v >= lo && v <= hi)  // false for NaN
      return static_cast<T>(v);
  }
  return std::nullopt;
}

}  // namespace

Settings load_settings(const std::string& path, std::string* warning) {
  Settings s;
  std::ifstream in(path);
  if (!in) return s;
  std::stringstream text;
  text << in.rdbuf();
  Json json = Json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) {
    if (warning) *warning = path + ": not valid JSON; using default settings";
    return s;
  }
  std::vector<std::string> problems;
  for_each_setting(s, [&]<class T>(const char* key, T& value, double lo = 0, double hi = 0) {
    auto it = json.find(key);
    if (it == json.end()) return;
    if (auto v = setting_value<T>(*it, lo, hi))
      value = std::move(*v);
    else
      problems.push_back(key);
  });
  if (!problems.empty() && warning) *warning = path + ": ignored bad values for " + join(problems);
  return s;
}

void save_settings(const Settings& s, const std::string& path) {
  Json json = Json::object();
  for_each_setting(s, [&]<class T>(const char* key, const T& value, double = 0, double = 0) {
    if constexpr (std::is_same_v<T, Theme>)
      json[key] = theme_info(value).name;
    else
      json[key] = value;
  });
  std::filesystem::path file(path);
  if (file.has_parent_path()) {
    std::error_code ignored;
    std::filesystem::create_directories(file.parent_path(), ignored);
  }
  write_file_atomically(path, json.dump(2) + "\n");
}

}  // namespace descent
