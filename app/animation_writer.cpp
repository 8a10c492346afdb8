#include "animation_writer.hpp"

#include <stdexcept>

#include "gif_writer.hpp"
#include "text.hpp"
#include "video_writer.hpp"

namespace descent {

std::unique_ptr<AnimationWriter> make_animation_writer(ExportFormat format, const std::string& path,
                                                       int width, int height, int fps,
                                                       const std::vector<Rgb>& keep) {
  if (format == ExportFormat::gif)
    return std::make_unique<GifWriter>(path, width, height, fps, keep);
  if (format == ExportFormat::mp4) return std::make_unique<VideoWriter>(path, width, height, fps);
  throw std::invalid_argument(cat(path, ": a PNG is one picture, not an animation"));
}

}  // namespace descent
