#include "frame_encoder.hpp"

#include <stdexcept>

namespace descent {

FrameEncoder::FrameEncoder(std::unique_ptr<AnimationWriter> writer, std::size_t capacity)
    : m_writer(std::move(writer)), m_capacity(capacity), m_thread([this] { work(); }) {}

FrameEncoder::~FrameEncoder() {
  {
    std::lock_guard lock(m_mutex);
    m_cancelled = true;
  }
  m_changed.notify_all();
  m_thread.join();
}

bool FrameEncoder::try_push(std::vector<std::uint8_t>& rgba) {
  {
    std::lock_guard lock(m_mutex);
    if (m_queue.size() >= m_capacity || !m_error.empty()) return false;
    m_queue.push_back(std::move(rgba));
  }
  m_changed.notify_all();
  return true;
}

void FrameEncoder::push(std::vector<std::uint8_t> rgba) {
  {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_queue.size() < m_capacity || !m_error.empty(); });
    if (!m_error.empty()) return;  // wait() reports it
    m_queue.push_back(std::move(rgba));
  }
  m_changed.notify_all();
}

void FrameEncoder::close() {
  {
    std::lock_guard lock(m_mutex);
    m_closed = true;
  }
  m_changed.notify_all();
}

void FrameEncoder::wait() {
  close();
  std::unique_lock lock(m_mutex);
  m_changed.wait(lock, [&] { return m_done.load(); });
  if (!m_error.empty()) throw std::runtime_error(m_error);
}

std::string FrameEncoder::error() const {
  std::lock_guard lock(m_mutex);
  return m_error;
}

void FrameEncoder::work() {
  auto fail = [&](const std::string& why) {
    std::lock_guard lock(m_mutex);
    m_error = why;
    m_queue.clear();
  };
  for (;;) {
    std::vector<std::uint8_t> frame;
    {
      std::unique_lock lock(m_mutex);
      m_changed.wait(lock, [&] { return m_cancelled || m_closed || !m_queue.empty(); });
      if (m_cancelled) break;
      if (m_queue.empty()) {  // closed, and every frame encoded: write the file
        lock.unlock();
        try {
          m_writer->finish();
        } catch (const std::exception& e) {
          fail(e.what());
        } catch (...) {  // nothing may leave a thread: it would end the process
          fail("the file could not be written");
        }
        break;
      }
      frame = std::move(m_queue.front());
      m_queue.pop_front();
    }
    m_changed.notify_all();  // room for the next frame
    try {
      m_writer->add(frame);
      ++m_encoded;
    } catch (const std::exception& e) {
      fail(e.what());
      break;
    } catch (...) {
      fail("a frame could not be encoded");
      break;
    }
  }
  m_writer.reset();  // an unfinished video's ffmpeg stops here, on this thread
  {
    std::lock_guard lock(m_mutex);
    m_done = true;
  }
  m_changed.notify_all();
}

}  // namespace descent
