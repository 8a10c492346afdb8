#include "atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

namespace descent {

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  auto fail = [&](const char* what) {
    std::string reason = errno ? std::strerror(errno) : "write error";
    std::remove(temp.c_str());
    throw std::runtime_error(path + ": cannot " + what + " (" + reason + ")");
  };
  errno = 0;
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail("create the file");
    write(out);
    out.flush();
    if (!out) fail("write the file");
  }
  int fd = ::open(temp.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    fail("write the file");
  }
  ::close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail("replace the file");
}

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, [content](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

}  // namespace descent
