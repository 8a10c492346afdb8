#pragma once
// The encoders of an exported animation, behind one interface.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "animation.hpp"
#include "palette.hpp"

namespace descent {

// Encodes frames of RGBA pixels (top row first) into a file, written atomically by finish().
class AnimationWriter {
 public:
  virtual ~AnimationWriter() = default;
  virtual void add(const std::vector<std::uint8_t>& rgba) = 0;
  // Throws std::runtime_error naming the path on failure; the file is then untouched.
  virtual void finish() = 0;
};

// A GIF or MP4 writer for `path`; `keep`: colours a GIF's palette must hold exactly (the runs').
// Throws std::invalid_argument when MP4 is asked for and there is no ffmpeg.
std::unique_ptr<AnimationWriter> make_animation_writer(ExportFormat format, const std::string& path,
                                                       int width, int height, int fps,
                                                       const std::vector<Rgb>& keep = {});

}  // namespace descent
