#include "animation.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "text.hpp"

namespace descent {
namespace {

bool executable(const std::string& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error) && ::access(path.c_str(), X_OK) == 0;
}

}  // namespace

ExportFormat export_format(const std::string& path, const std::string& option) {
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".png") return ExportFormat::png;
  if (ext == ".gif") return ExportFormat::gif;
  if (ext == ".mp4") return ExportFormat::mp4;
  throw std::invalid_argument(
      cat(option, ": ",
          ext.empty() ? "'" + path + "' has no extension" : "unknown extension '" + ext + "'",
          ": use .png for a picture, .gif or .mp4 for an animation"));
}

const char* extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::png:
      return ".png";
    case ExportFormat::gif:
      return ".gif";
    case ExportFormat::mp4:
      return ".mp4";
  }
  return "";
}

int AnimationTiming::frames() const {
  return std::max(1, static_cast<int>(std::lround(fps * seconds)));
}

AnimationTiming animation_timing(double fps, double seconds) {
  using T = AnimationTiming;
  if (!(fps >= T::kMinFps && fps <= T::kMaxFps) || fps != std::floor(fps))
    throw std::invalid_argument(cat("--fps: expected a whole number of frames per second from ",
                                    T::kMinFps, " to ", T::kMaxFps, " but got ",
                                    format_number(fps)));
  if (!(seconds > 0) || seconds > T::kMaxSeconds)
    throw std::invalid_argument(cat("--seconds: expected a length above 0 and at most ",
                                    T::kMaxSeconds, " seconds but got ", format_number(seconds)));
  return {static_cast<int>(fps), seconds};
}

double frame_position(int frame, int frames, double end) {
  if (frames <= 1) return end;
  return std::round(end * frame / (frames - 1));
}

// Measured at 1280x720 (README, Exporting): the field compresses to about a third of a byte per
// pixel in a GIF's first frame; later frames carry only the rectangle the paths moved in. H.264
// at CRF 20 spends little on frames where only thin paths change.
std::uint64_t estimated_bytes(ExportFormat format, int width, int height, int frames) {
  const double pixels = static_cast<double>(width) * height;
  switch (format) {
    case ExportFormat::png:
      return static_cast<std::uint64_t>(pixels * 1.1);
    case ExportFormat::gif:
      return static_cast<std::uint64_t>(pixels * 0.35 + pixels * 0.006 * (frames - 1));
    case ExportFormat::mp4:
      return static_cast<std::uint64_t>(pixels * 0.02 + pixels * 0.001 * (frames - 1));
  }
  return 0;
}

std::string format_bytes(std::uint64_t bytes) {
  char text[32];
  const double b = static_cast<double>(bytes);
  if (b >= 1e9)
    std::snprintf(text, sizeof text, "%.1f GB", b / 1e9);
  else if (b >= 1e6)
    std::snprintf(text, sizeof text, "%.1f MB", b / 1e6);
  else if (b >= 1e3)
    std::snprintf(text, sizeof text, "%.0f KB", b / 1e3);
  else
    std::snprintf(text, sizeof text, "%.0f bytes", b);
  return text;
}

std::string find_ffmpeg() {
  if (const char* given = std::getenv("DESCENT_FFMPEG"); given && *given)
    return executable(given) ? given : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && executable(dir + "/ffmpeg")) return dir + "/ffmpeg";
  return "";
}

std::string ffmpeg_missing_message() {
  const char* given = std::getenv("DESCENT_FFMPEG");
  if (given && *given)
    return cat("MP4 needs the ffmpeg program, but DESCENT_FFMPEG names '", given,
               "', which is not an executable file");
  return "MP4 needs the ffmpeg program, which is not installed (on Debian: sudo apt-get install "
         "ffmpeg); a GIF needs nothing more";
}

}  // namespace descent
