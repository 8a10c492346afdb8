#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include <unistd.h>

namespace descent {

void write_file_atomically(const std::string& path, std::string_view content) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  auto fail = [&](const char* what) {
    std::string reason = std::strerror(errno);
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot " + what + " (" + reason + ")");
  };
  FILE* file = std::fopen(temp.c_str(), "wb");
  if (!file) fail("create the file");
  bool ok = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  ok = std::fflush(file) == 0 && ok;
  ok = ::fsync(::fileno(file)) == 0 && ok;
  ok = std::fclose(file) == 0 && ok;
  if (!ok) fail("write the file");
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail("replace the file");
}

}  // namespace descent
