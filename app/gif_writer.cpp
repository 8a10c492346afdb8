#include "gif_writer.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <tuple>

#include <gif_lib.h>

#include "atomic_file.hpp"

namespace descent {
namespace {

constexpr int kBits = 6, kLevels = 1 << kBits;

int bin(const std::uint8_t* p) {
  return (p[0] >> (8 - kBits)) << (2 * kBits) | (p[1] >> (8 - kBits)) << kBits |
         (p[2] >> (8 - kBits));
}

// A box of colour bins for median cut: the bins' colours are their pixels' means.
struct Bin {
  double r = 0, g = 0, b = 0;
  double count = 0;
};

std::vector<Rgb> median_cut(std::vector<Bin> bins, std::size_t colours) {
  struct Box {
    std::size_t begin, end;  // into bins
  };
  auto channel = [](const Bin& b, int c) { return c == 0 ? b.r : c == 1 ? b.g : b.b; };
  auto spread = [&](const Box& box, int& axis) {
    double best = -1;
    for (int c = 0; c < 3; ++c) {
      double lo = 1e9, hi = -1e9;
      for (std::size_t i = box.begin; i < box.end; ++i)
        lo = std::min(lo, channel(bins[i], c)), hi = std::max(hi, channel(bins[i], c));
      if (hi - lo > best) best = hi - lo, axis = c;
    }
    return best;
  };
  std::vector<Box> boxes{{0, bins.size()}};
  while (boxes.size() < colours) {
    // Split the box whose pixels spread widest, weighted by how many there are.
    std::size_t pick = boxes.size();
    int axis = 0;
    double best = 0;
    for (std::size_t k = 0; k < boxes.size(); ++k) {
      if (boxes[k].end - boxes[k].begin < 2) continue;
      int a = 0;
      double weight = 0;
      for (std::size_t i = boxes[k].begin; i < boxes[k].end; ++i) weight += bins[i].count;
      double score = spread(boxes[k], a) * std::sqrt(weight);
      if (score > best) best = score, pick = k, axis = a;
    }
    if (pick == boxes.size()) break;
    Box box = boxes[pick];
    std::sort(bins.begin() + static_cast<long>(box.begin),
              bins.begin() + static_cast<long>(box.end),
              [&](const Bin& x, const Bin& y) { return channel(x, axis) < channel(y, axis); });
    double total = 0, half = 0;
    for (std::size_t i = box.begin; i < box.end; ++i) total += bins[i].count;
    std::size_t split = box.begin + 1;
    for (std::size_t i = box.begin; i + 1 < box.end; ++i) {
      half += bins[i].count;
      split = i + 1;
      if (half >= total / 2) break;
    }
    boxes[pick] = {box.begin, split};
    boxes.push_back({split, box.end});
  }
  std::vector<Rgb> palette;
  for (const Box& box : boxes) {
    Bin mean;
    for (std::size_t i = box.begin; i < box.end; ++i) {
      mean.r += bins[i].r * bins[i].count, mean.g += bins[i].g * bins[i].count;
      mean.b += bins[i].b * bins[i].count, mean.count += bins[i].count;
    }
    if (mean.count == 0) continue;
    palette.push_back({static_cast<std::uint8_t>(std::lround(mean.r / mean.count)),
                       static_cast<std::uint8_t>(std::lround(mean.g / mean.count)),
                       static_cast<std::uint8_t>(std::lround(mean.b / mean.count))});
  }
  return palette;
}

int append(GifFileType* gif, const GifByteType* data, int length) {
  static_cast<std::string*>(gif->UserData)
      ->append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(length));
  return length;
}

}  // namespace

struct GifWriter::State {
  GifFileType* file = nullptr;
  ~State() {
    if (file) EGifCloseFile(file, nullptr);
  }
};

GifWriter::GifWriter(std::string path, int width, int height, int fps, std::vector<Rgb> keep)
    : m_path(std::move(path)),
      m_width(width),
      m_height(height),
      m_fps(fps),
      m_keep(std::move(keep)) {
  m_keep.push_back({255, 255, 255});  // the markers' white and black
  m_keep.push_back({0, 0, 0});
  std::sort(m_keep.begin(), m_keep.end(),
            [](Rgb a, Rgb b) { return std::tie(a.r, a.g, a.b) < std::tie(b.r, b.g, b.b); });
  m_keep.erase(std::unique(m_keep.begin(), m_keep.end()), m_keep.end());
  if (m_keep.size() > 64) m_keep.resize(64);
}

void GifWriter::make_palette(const std::vector<std::uint8_t>& rgba) {
  std::vector<Bin> bins(kLevels * kLevels * kLevels);
  for (std::size_t i = 0; i < rgba.size(); i += 4) {
    Bin& b = bins[static_cast<std::size_t>(bin(&rgba[i]))];
    b.r += rgba[i], b.g += rgba[i + 1], b.b += rgba[i + 2], b.count += 1;
  }
  std::vector<Bin> used;
  for (Bin& b : bins)
    if (b.count > 0) used.push_back({b.r / b.count, b.g / b.count, b.b / b.count, b.count});
  m_palette = m_keep;
  for (Rgb c : median_cut(std::move(used), 256 - m_keep.size())) m_palette.push_back(c);
  while (m_palette.size() < 256) m_palette.push_back({0, 0, 0});

  // Every bin's nearest palette colour, from its centre.
  m_lookup.resize(bins.size());
  for (int i = 0; i < kLevels * kLevels * kLevels; ++i) {
    const int step = 256 / kLevels;
    const int r = (i >> (2 * kBits)) * step + step / 2,
              g = ((i >> kBits) & (kLevels - 1)) * step + step / 2,
              b = (i & (kLevels - 1)) * step + step / 2;
    int best = 0, best_distance = 1 << 30;
    for (int k = 0; k < 256; ++k) {
      const int dr = r - m_palette[static_cast<std::size_t>(k)].r,
                dg = g - m_palette[static_cast<std::size_t>(k)].g,
                db = b - m_palette[static_cast<std::size_t>(k)].b;
      const int d = 2 * dr * dr + 4 * dg * dg + db * db;  // the eye weighs green most
      if (d < best_distance) best_distance = d, best = k;
    }
    m_lookup[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(best);
  }
}

std::uint8_t GifWriter::index_of(const std::uint8_t* p) const {
  // A colour kept exact maps to itself, not to what happens to be nearest its bin's centre.
  for (std::size_t k = 0; k < m_keep.size(); ++k)
    if (m_keep[k].r == p[0] && m_keep[k].g == p[1] && m_keep[k].b == p[2])
      return static_cast<std::uint8_t>(k);
  return m_lookup[static_cast<std::size_t>(bin(p))];
}

void GifWriter::add(const std::vector<std::uint8_t>& rgba) {
  const std::size_t pixels = static_cast<std::size_t>(m_width) * m_height;
  if (rgba.size() != pixels * 4) throw std::logic_error("GifWriter: a frame of the wrong size");
  auto fail = [&](int error) {
    throw std::runtime_error(m_path + ": cannot encode the GIF (" + GifErrorString(error) + ")");
  };
  if (!m_gif) {
    make_palette(rgba);
    m_gif = std::make_shared<State>();
    int error = 0;
    m_gif->file = EGifOpen(&m_bytes, append, &error);
    if (!m_gif->file) fail(error);
    std::vector<GifColorType> colours;
    for (Rgb c : m_palette) colours.push_back({c.r, c.g, c.b});
    ColorMapObject* map = GifMakeMapObject(256, colours.data());
    EGifSetGifVersion(m_gif->file, true);
    int status = EGifPutScreenDesc(m_gif->file, m_width, m_height, 8, 0, map);
    GifFreeMapObject(map);
    if (status != GIF_OK) fail(m_gif->file->Error);
    // Loop forever (the Netscape extension every viewer knows).
    const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif->file, APPLICATION_EXT_FUNC_CODE) != GIF_OK ||
        EGifPutExtensionBlock(m_gif->file, 11, "NETSCAPE2.0") != GIF_OK ||
        EGifPutExtensionBlock(m_gif->file, 3, loop) != GIF_OK ||
        EGifPutExtensionTrailer(m_gif->file) != GIF_OK)
      fail(m_gif->file->Error);
  }
  m_indices.resize(pixels);
  for (std::size_t i = 0; i < pixels; ++i) m_indices[i] = index_of(&rgba[i * 4]);

  // Only the rectangle that changed; a frame where nothing did is one unchanged pixel.
  int left = 0, top = 0, right = m_width, bottom = m_height;
  if (!m_previous.empty()) {
    left = m_width, top = m_height, right = 0, bottom = 0;
    for (int y = 0; y < m_height; ++y)
      for (int x = 0; x < m_width; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * m_width + x;
        if (m_indices[i] == m_previous[i]) continue;
        left = std::min(left, x), right = std::max(right, x + 1);
        top = std::min(top, y), bottom = std::max(bottom, y + 1);
      }
    if (right == 0) left = 0, top = 0, right = 1, bottom = 1;
  }
  // Delays in hundredths of a second, rounded so that they add up to the frame rate's time.
  const int delay = static_cast<int>(std::lround(100.0 * (m_frames + 1) / m_fps) -
                                     std::lround(100.0 * m_frames / m_fps));
  GraphicsControlBlock control{DISPOSE_DO_NOT, false, delay, NO_TRANSPARENT_COLOR};
  GifByteType extension[4];
  EGifGCBToExtension(&control, extension);
  GifFileType* gif = m_gif->file;
  if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, extension) != GIF_OK ||
      EGifPutImageDesc(gif, left, top, right - left, bottom - top, false, nullptr) != GIF_OK)
    fail(gif->Error);
  for (int y = top; y < bottom; ++y)
    if (EGifPutLine(gif, &m_indices[static_cast<std::size_t>(y) * m_width + left], right - left) !=
        GIF_OK)
      fail(gif->Error);
  m_previous.swap(m_indices);
  ++m_frames;
}

void GifWriter::finish() {
  if (!m_gif) throw std::runtime_error(m_path + ": no frames to write");
  int error = 0;
  GifFileType* file = m_gif->file;
  m_gif->file = nullptr;
  if (EGifCloseFile(file, &error) != GIF_OK)
    throw std::runtime_error(m_path + ": cannot encode the GIF (" + GifErrorString(error) + ")");
  write_file_atomically(m_path, m_bytes);
}

}  // namespace descent
