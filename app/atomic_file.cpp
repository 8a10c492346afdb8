#include "atomic_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <stdexcept>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text.hpp"
#include "whole_number.hpp"

namespace descent {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kTempMark = ".descent-tmp-";

// What a path that is not a regular file is, for the message.
const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// ".out.csv.descent-tmp-PID-N" beside out.csv: hidden, and naming the process that writes it,
// so that a later write can tell a temp file of a killed process from one being written.
std::string temp_path(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  fs::path name = cat(".", target.filename().string(), kTempMark, ::getpid(), "-", counter++);
  return (target.parent_path() / name).string();
}

// Removes the temp files of `target` that processes no longer running left behind (killed
// while writing). Best effort: a write does not fail because a stale file stays.
void remove_stale_temps(const fs::path& target) {
  const std::string prefix = cat(".", target.filename().string(), kTempMark);
  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  for (fs::directory_iterator it(directory, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with(prefix)) continue;
    const std::string rest = name.substr(prefix.size());
    const auto dash = rest.find('-');
    double number = 0;
    std::optional<pid_t> pid;
    if (dash != std::string::npos && parse_number(rest.substr(0, dash), number))
      pid = to_whole<pid_t>(number, 1, std::numeric_limits<pid_t>::max());
    if (pid && ::kill(*pid, 0) != 0 && errno == ESRCH) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
}

}  // namespace

void write_file_atomically(const std::string& path,
                           const std::function<void(std::ostream&)>& write) {
  auto fail_with = [&](const std::string& what, const std::string& temp) {
    std::string reason = errno ? std::strerror(errno) : "write error";
    if (!temp.empty()) std::remove(temp.c_str());
    throw std::runtime_error(cat(path, ": cannot ", what, " (", reason, ")"));
  };
  // Only a regular file is replaced: renaming over a device, a link or a pipe would put a
  // regular file in its place. A link is refused rather than followed: which file it should
  // change, the link's target or the link, is for the user to say.
  if (path.empty() || fs::path(path).filename().empty())
    throw std::runtime_error(cat("'", path, "': expected the name of a file"));
  struct stat existing {};
  const bool exists = ::lstat(path.c_str(), &existing) == 0;
  if (exists && !S_ISREG(existing.st_mode))
    throw std::runtime_error(cat(path, ": is ", kind_of(existing.st_mode),
                                 ", not a regular file; Descent writes only regular files"));

  remove_stale_temps(path);
  const std::string temp = temp_path(path);
  errno = 0;
  // O_EXCL: never through a link or into a file someone else made under the temp name.
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) fail_with("create the file", "");
  // The file replaced keeps its permissions (a private 600 file stays private).
  if (exists && ::fchmod(fd, existing.st_mode & 07777) != 0) {
    ::close(fd);
    fail_with("keep the file's permissions", temp);
  }
  ::close(fd);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) fail_with("create the file", temp);
    write(out);
    out.flush();
    if (!out) fail_with("write the file", temp);
    out.close();
    if (!out) fail_with("write the file", temp);
  }
  fd = ::open(temp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 || ::fsync(fd) != 0) {
    if (fd >= 0) ::close(fd);
    fail_with("write the file", temp);
  }
  ::close(fd);
  if (std::rename(temp.c_str(), path.c_str()) != 0) fail_with("replace the file", temp);
}

void write_file_atomically(const std::string& path, std::string_view content) {
  write_file_atomically(path, [content](std::ostream& out) {
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  });
}

}  // namespace descent
