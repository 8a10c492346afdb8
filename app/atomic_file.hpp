#pragma once
// Writing files so that a reader never sees half of one: a temp file, then a rename.
#include <string>
#include <string_view>

namespace descent {

// Writes `content` to a temporary file beside `path`, then renames it over `path`.
// Throws std::runtime_error naming the path and the system's reason on failure.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace descent
