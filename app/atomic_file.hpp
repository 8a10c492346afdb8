#pragma once
// Writing files so that a reader never sees half of one: a temp file, then a rename.
#include <functional>
#include <ostream>
#include <string>
#include <string_view>

namespace descent {

// Streams `write` into a temporary file beside `path`, syncs it, then renames it over `path`.
// A file replaced keeps its permissions. Only a regular file is replaced: a directory, a
// device, a pipe or a symbolic link at `path` is refused (a link is not followed). The temp file
// (".NAME.descent-tmp-PID-N") is removed on failure, and by a later write to `path` when the
// process that made it is gone (killed while writing). Throws std::runtime_error naming the
// path and the system's reason on failure; `path` is then untouched.
void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write);
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace descent
