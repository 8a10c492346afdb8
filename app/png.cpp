#include "png.hpp"

#include <stdexcept>

#include <stb_image_write.h>

#include "atomic_file.hpp"

namespace descent {

void write_png(const std::string& path, int width, int height,
               const std::vector<std::uint8_t>& rgba) {
  std::string bytes;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data),
                                               static_cast<std::size_t>(size));
  };
  if (!stbi_write_png_to_func(append, &bytes, width, height, 4, rgba.data(), width * 4))
    throw std::runtime_error(path + ": cannot encode the PNG image");
  write_file_atomically(path, bytes);
}

}  // namespace descent
