#pragma once
// Writing files so that a reader never sees half of one: a temp file, then a rename.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace descent {

// Streams `write` into a temporary file beside `path`, syncs it, then renames it over `path`.
// Throws std::runtime_error naming the path and the system's reason on failure; `path` is then
// untouched.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace descent
