#include "lessons.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "text.hpp"

namespace descent {
namespace {

namespace fs = std::filesystem;

// "03-momentum-ravine" -> "momentum-ravine"
std::string lesson_name(const std::string& stem) {
  std::size_t digits = 0;
  while (digits < stem.size() && std::isdigit(static_cast<unsigned char>(stem[digits]))) ++digits;
  if (digits > 0 && digits < stem.size() && stem[digits] == '-') return stem.substr(digits + 1);
  return stem;
}

std::vector<LessonFile> scan() {
  std::vector<LessonFile> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(asset_directory() + "/lessons", error))
    if (entry.path().extension() == ".json")
      files.push_back({lesson_name(entry.path().stem().string()), entry.path().string()});
  std::sort(files.begin(), files.end(),
            [](const LessonFile& a, const LessonFile& b) { return a.path < b.path; });
  return files;
}

}  // namespace

std::string asset_directory() {
  if (const char* dir = std::getenv("DESCENT_ASSET_DIR"); dir && *dir) return dir;
  std::error_code error;
  auto exe = fs::read_symlink("/proc/self/exe", error);
  if (!error && fs::is_directory(exe.parent_path() / "assets", error))
    return (exe.parent_path() / "assets").string();
  return DESCENT_SOURCE_ASSET_DIR;
}

const std::vector<LessonFile>& lesson_files() {
  static const std::vector<LessonFile> files = scan();  // the program's own: they do not change
  return files;
}

const LessonFile& find_lesson(std::string_view name) {
  const std::vector<LessonFile>& files = lesson_files();
  for (const auto& f : files)
    if (f.name == name) return f;
  std::vector<std::string> names;
  for (const auto& f : files) names.push_back(f.name);
  throw std::invalid_argument(unknown_name_message("lesson", name, names));
}

Scenario load_lesson(std::string_view name) {
  return load_scenario(find_lesson(name).path);
}

}  // namespace descent
