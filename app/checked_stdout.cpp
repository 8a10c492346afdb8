#include "checked_stdout.hpp"

#include <cerrno>
#include <cstring>
#include <iostream>

#include <unistd.h>

namespace descent {

CheckedStdout::CheckedStdout() : m_previous(std::cout.rdbuf(&m_buffer)) {}

CheckedStdout::~CheckedStdout() {
  std::cout.flush();
  std::cout.rdbuf(m_previous);
  std::cout.clear();
}

std::string CheckedStdout::finish() {
  std::cout.flush();
  if (m_buffer.error() == 0 && std::cout.good()) return "";
  return std::strerror(m_buffer.error() ? m_buffer.error() : EIO);
}

CheckedStdout::Buffer::int_type CheckedStdout::Buffer::overflow(int_type c) {
  if (!drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

bool CheckedStdout::Buffer::drain() {
  for (const char* p = pbase(); p < pptr();) {
    const ssize_t n = ::write(STDOUT_FILENO, p, static_cast<std::size_t>(pptr() - p));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (m_error == 0) m_error = n < 0 ? errno : EIO;
      break;
    }
    p += n;
  }
  reset();  // after a failure the rest is dropped: the stream is bad from then on
  return m_error == 0;
}

}  // namespace descent
