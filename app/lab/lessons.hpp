#pragma once
// The lessons Descent ships: scenario files with a title, a text and a question, in
// assets/lessons/NN-name.json (NN orders them).
#include <string>
#include <string_view>
#include <vector>

#include "scenario.hpp"

namespace descent {

struct LessonFile {
  std::string name;  // the file name without its order prefix and extension: "momentum-ravine"
  std::string path;
};

// $DESCENT_ASSET_DIR, else assets/ beside the program, else the source tree's.
std::string asset_directory();
// In their order.
const std::vector<LessonFile>& lesson_files();
// Throws std::invalid_argument naming the lessons there are when `name` is not one.
const LessonFile& find_lesson(std::string_view name);
Scenario load_lesson(std::string_view name);

}  // namespace descent
