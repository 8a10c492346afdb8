#include "objects.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace descent::gl {

void delete_texture(GLuint id) {
  glDeleteTextures(1, &id);
}
void delete_framebuffer(GLuint id) {
  glDeleteFramebuffers(1, &id);
}
void delete_vertex_array(GLuint id) {
  glDeleteVertexArrays(1, &id);
}
void delete_program(GLuint id) {
  glDeleteProgram(id);
}

Texture make_texture() {
  GLuint id = 0;
  glGenTextures(1, &id);
  return Texture(id);
}

VertexArray make_vertex_array() {
  GLuint id = 0;
  glGenVertexArrays(1, &id);
  return VertexArray(id);
}

namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open the shader (set DESCENT_SHADER_DIR?)");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

GLuint compile(GLenum kind, const std::string& path) {
  std::string source = read_text(path);
  const char* text = source.c_str();
  GLuint shader = glCreateShader(kind);
  glShaderSource(shader, 1, &text, nullptr);
  glCompileShader(shader);
  GLint ok = 0;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048] = "";
    glGetShaderInfoLog(shader, sizeof log, nullptr, log);
    glDeleteShader(shader);
    throw std::runtime_error(path + ": shader does not compile: " + log);
  }
  return shader;
}

}  // namespace

Program load_program(const std::string& vertex_path, const std::string& fragment_path) {
  GLuint vertex = compile(GL_VERTEX_SHADER, vertex_path);
  GLuint fragment = 0;
  try {
    fragment = compile(GL_FRAGMENT_SHADER, fragment_path);
  } catch (...) {
    glDeleteShader(vertex);
    throw;
  }
  Program program(glCreateProgram());
  glAttachShader(program.id(), vertex);
  glAttachShader(program.id(), fragment);
  glLinkProgram(program.id());
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint ok = 0;
  glGetProgramiv(program.id(), GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048] = "";
    glGetProgramInfoLog(program.id(), sizeof log, nullptr, log);
    throw std::runtime_error(fragment_path + ": shaders do not link: " + log);
  }
  return program;
}

std::string shader_directory() {
  if (const char* dir = std::getenv("DESCENT_SHADER_DIR"); dir && *dir) return dir;
  std::error_code error;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", error);
  if (!error) {
    auto beside = exe.parent_path() / "shaders";
    if (std::filesystem::exists(beside / "field.frag")) return beside.string();
  }
  return DESCENT_SOURCE_SHADER_DIR;
}

}  // namespace descent::gl
