#include "video_writer.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.hpp"
#include "text.hpp"

extern char** environ;

namespace descent {
namespace {

// Writes to a pipe whose reader may be gone: EPIPE, not a SIGPIPE that ends the program.
bool write_all(int fd, const std::uint8_t* data, std::size_t size) {
  sigset_t pipe_signal, old;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, &old);
  bool ok = true;
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    data += n, size -= static_cast<std::size_t>(n);
  }
  if (!ok) {  // take the pending SIGPIPE before the mask goes
    timespec zero{0, 0};
    sigtimedwait(&pipe_signal, nullptr, &zero);
  }
  pthread_sigmask(SIG_SETMASK, &old, nullptr);
  return ok;
}

std::string temp_name(const char* suffix) {
  static std::atomic<int> counter{0};
  return (std::filesystem::temp_directory_path() /
          cat("descent-video-", ::getpid(), "-", counter++, suffix))
      .string();
}

}  // namespace

VideoWriter::VideoWriter(std::string path, int width, int height, int fps)
    : m_path(std::move(path)), m_width(width), m_height(height) {
  const std::string ffmpeg = find_ffmpeg();
  if (ffmpeg.empty()) throw std::invalid_argument(ffmpeg_missing_message());
  m_temp = temp_name(".mp4");
  m_log = temp_name(".log");
  const std::string size = cat(width, "x", height), rate = std::to_string(fps);
  // H.264 in yuv420p plays everywhere (slides, browsers), and needs even sides: pad by a pixel.
  std::vector<std::string> args{ffmpeg,
                                "-hide_banner",
                                "-loglevel",
                                "error",
                                "-y",
                                "-f",
                                "rawvideo",
                                "-pix_fmt",
                                "rgba",
                                "-s",
                                size,
                                "-r",
                                rate,
                                "-i",
                                "-",
                                "-vf",
                                "pad=ceil(iw/2)*2:ceil(ih/2)*2",
                                "-c:v",
                                "libx264",
                                "-pix_fmt",
                                "yuv420p",
                                "-crf",
                                "20",
                                "-movflags",
                                "+faststart",
                                m_temp};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(cat(m_path, ": cannot start ffmpeg (", std::strerror(errno), ")"));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[0], 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  int status = posix_spawn(&pid, ffmpeg.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[0]);
  if (status != 0) {
    ::close(fds[1]);
    std::filesystem::remove(m_log);
    throw std::runtime_error(
        cat(m_path, ": cannot start ", ffmpeg, " (", std::strerror(status), ")"));
  }
  m_pid = pid;
  m_pipe = fds[1];
}

VideoWriter::~VideoWriter() {
  if (m_pid > 0) ::kill(m_pid, SIGTERM);
  stop();
  std::error_code error;
  std::filesystem::remove(m_temp, error);
  std::filesystem::remove(m_log, error);
}

void VideoWriter::stop() {
  if (m_pipe >= 0) ::close(m_pipe), m_pipe = -1;
  if (m_pid > 0) {
    int status = 0;
    while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
    }
    m_pid = -1;
  }
}

std::string VideoWriter::ffmpeg_error() const {
  std::ifstream log(m_log);
  std::string line, last;
  while (std::getline(log, line))
    if (!line.empty()) last = line;
  return last.empty() ? "it stopped without saying why" : last;
}

void VideoWriter::add(const std::vector<std::uint8_t>& rgba) {
  if (rgba.size() != static_cast<std::size_t>(m_width) * m_height * 4)
    throw std::logic_error("VideoWriter: a frame of the wrong size");
  if (m_pipe < 0 || !write_all(m_pipe, rgba.data(), rgba.size())) {
    stop();
    throw std::runtime_error(cat(m_path, ": ffmpeg failed: ", ffmpeg_error()));
  }
}

void VideoWriter::finish() {
  ::close(m_pipe);
  m_pipe = -1;
  int status = 0;
  while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
  }
  m_pid = -1;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error(cat(m_path, ": ffmpeg failed: ", ffmpeg_error()));
  std::ifstream in(m_temp, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) throw std::runtime_error(cat(m_path, ": cannot read ffmpeg's output"));
  write_file_atomically(m_path, bytes);
}

}  // namespace descent
