#pragma once
// Writing PNG images (stb_image_write), atomically.
#include <cstdint>
#include <string>
#include <vector>

namespace descent {

// RGBA pixels, top row first. Throws std::runtime_error naming the path on failure.
void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba);

}  // namespace descent
