#pragma once
// What an exported picture or animation of the race is: its format (from the file's extension),
// its frame rate and length, which step each frame shows, and the writers that encode frames.
// Shared by `descent render` and the window's File > Export, so both check the same bounds.
// GL-free: the export dialog shows estimates and what is missing before anything is drawn.
#include <cstdint>
#include <string>
#include <vector>

namespace descent {

enum class ExportFormat { png, gif, mp4 };

// From the extension of `path` (.png, .gif, .mp4, any case); throws std::invalid_argument naming
// `option` and the extensions allowed.
ExportFormat export_format(const std::string& path, const std::string& option = "--out");
const char* extension(ExportFormat format);

struct AnimationTiming {
  static constexpr int kMinFps = 1, kMaxFps = 60;
  static constexpr double kMaxSeconds = 600;
  int fps = 15;
  double seconds = 5;

  // fps·seconds rounded, at least 1.
  int frames() const;
};

// Checks what a user typed: fps a whole number within bounds, seconds above 0 and bounded.
// Throws std::invalid_argument naming --fps or --seconds and what is allowed.
AnimationTiming animation_timing(double fps, double seconds);

// The playback position frame `frame` of `frames` shows: from step 0 to `end`, evenly, the
// last frame at `end`, as the playback bar reveals the race at a steady speed.
double frame_position(int frame, int frames, double end);

// Rough sizes of a file before it is written, for the export dialog.
std::uint64_t estimated_bytes(ExportFormat format, int width, int height, int frames);
// "12.4 MB", "830 KB".
std::string format_bytes(std::uint64_t bytes);

// The ffmpeg to run for MP4: $DESCENT_FFMPEG when set, else `ffmpeg` found on PATH; "" when
// there is none.
std::string find_ffmpeg();
// What to tell a user who asked for MP4 without ffmpeg.
std::string ffmpeg_missing_message();

}  // namespace descent
