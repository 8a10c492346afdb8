#pragma once
// Animated GIF (giflib): one palette for the whole animation, made by median cut from the first
// frame with the colours that must stay exact (the runs') kept; each later frame stores only the
// rectangle that changed. Readable paths matter more here than smooth gradients: no dithering.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "animation_writer.hpp"

namespace descent {

class GifWriter final : public AnimationWriter {
 public:
  GifWriter(std::string path, int width, int height, int fps, std::vector<Rgb> keep);
  void add(const std::vector<std::uint8_t>& rgba) override;
  void finish() override;

 private:
  void make_palette(const std::vector<std::uint8_t>& rgba);
  std::uint8_t index_of(const std::uint8_t* pixel) const;

  std::string m_path;
  int m_width, m_height, m_fps;
  std::vector<Rgb> m_keep;
  std::vector<Rgb> m_palette;
  std::vector<std::uint8_t> m_lookup;  // palette index per colour at 6 bits a channel
  std::vector<std::uint8_t> m_previous, m_indices;
  std::string m_bytes;  // the file, written at finish()
  int m_frames = 0;
  struct State;  // giflib's, while the file is open
  std::shared_ptr<State> m_gif;
};

}  // namespace descent
