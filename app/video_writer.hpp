#pragma once
// MP4 (H.264) through the `ffmpeg` program: raw RGBA frames piped to it, its file then moved
// into place atomically. Descent links no video library; without ffmpeg there is no MP4.
#include <string>

#include "animation_writer.hpp"

namespace descent {

class VideoWriter final : public AnimationWriter {
 public:
  // Starts ffmpeg; throws std::invalid_argument when it is not installed, std::runtime_error
  // when it cannot be started.
  VideoWriter(std::string path, int width, int height, int fps);
  ~VideoWriter() override;
  VideoWriter(const VideoWriter&) = delete;
  VideoWriter& operator=(const VideoWriter&) = delete;

  void add(const std::vector<std::uint8_t>& rgba) override;
  void finish() override;

 private:
  // Why ffmpeg failed: the last line it wrote.
  std::string ffmpeg_error() const;
  void stop();

  std::string m_path, m_temp, m_log;
  int m_width, m_height;
  int m_pipe = -1;
  int m_pid = -1;
};

}  // namespace descent
