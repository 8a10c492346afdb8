#pragma once
// std::cout for a subcommand's output, through a buffer that writes to descriptor 1 itself and
// remembers why a write failed: the standard buffer sets a flag and loses the reason, and an
// output cut short (a full disk, /dev/full, a closed stdout) must be an error that says why.
#include <array>
#include <streambuf>
#include <string>

namespace descent {

class CheckedStdout {
 public:
  CheckedStdout();   // std::cout writes through this from now on
  ~CheckedStdout();  // flushes, and gives std::cout its own buffer back
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;

  // Flushes: "" when everything written reached descriptor 1, else the system's reason for the
  // first write that failed (what came after it was dropped).
  std::string finish();

 private:
  class Buffer final : public std::streambuf {
   public:
    Buffer() { reset(); }
    int error() const { return m_error; }

   protected:
    int_type overflow(int_type c) override;
    int sync() override { return drain() ? 0 : -1; }

   private:
    bool drain();
    void reset() { setp(m_data.data(), m_data.data() + m_data.size()); }
    std::array<char, 1 << 16> m_data;
    int m_error = 0;  // errno of the first failed write
  };

  Buffer m_buffer;
  std::streambuf* m_previous;
};

}  // namespace descent
