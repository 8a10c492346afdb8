#pragma once
// RAII owners of OpenGL objects. Move-only; a moved-from owner holds 0 and deletes nothing.
#include <string>
#include <utility>

#include "gl.hpp"

namespace descent::gl {

template <void (*Delete)(GLuint)>
class Handle {
 public:
  Handle() = default;
  explicit Handle(GLuint id) : m_id(id) {}
  ~Handle() {
    if (m_id) Delete(m_id);
  }
  Handle(Handle&& other) noexcept : m_id(std::exchange(other.m_id, 0)) {}
  Handle& operator=(Handle&& other) noexcept {
    std::swap(m_id, other.m_id);
    return *this;
  }
  GLuint id() const { return m_id; }

 private:
  GLuint m_id = 0;
};

void delete_texture(GLuint id);
void delete_framebuffer(GLuint id);
void delete_vertex_array(GLuint id);
void delete_program(GLuint id);

using Texture = Handle<delete_texture>;
using Framebuffer = Handle<delete_framebuffer>;
using VertexArray = Handle<delete_vertex_array>;
using Program = Handle<delete_program>;

Texture make_texture();
VertexArray make_vertex_array();

// Compiles and links the two shader files; throws std::runtime_error naming the file and
// quoting the driver's log.
Program load_program(const std::string& vertex_path, const std::string& fragment_path);

// Where the GLSL files are: $DESCENT_SHADER_DIR, else shaders/ beside the executable, else the
// source tree's.
std::string shader_directory();

}  // namespace descent::gl
