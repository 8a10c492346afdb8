#pragma once
// Encodes an animation on a thread of its own while the caller renders the next frames: the
// window stays live, and the command line renders and encodes on two cores at once.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "animation_writer.hpp"

namespace descent {

class FrameEncoder {
 public:
  // Frames wait in a queue of at most `capacity`.
  explicit FrameEncoder(std::unique_ptr<AnimationWriter> writer, std::size_t capacity = 4);
  // Cancels: the frames waiting are dropped and no file is written.
  ~FrameEncoder();
  FrameEncoder(const FrameEncoder&) = delete;
  FrameEncoder& operator=(const FrameEncoder&) = delete;

  // Queues a frame; false (and the frame kept by the caller) when the queue is full.
  bool try_push(std::vector<std::uint8_t>& rgba);
  // Queues a frame, waiting for room.
  void push(std::vector<std::uint8_t> rgba);
  // No more frames: the file is written once the queue is encoded.
  void close();
  // Encoded and written (or failed).
  bool done() const { return m_done.load(); }
  // Waits until done(); throws what the writer threw.
  void wait();
  int encoded() const { return m_encoded.load(); }
  // Why encoding or writing failed; "" while it has not.
  std::string error() const;

 private:
  void work();

  std::unique_ptr<AnimationWriter> m_writer;
  std::size_t m_capacity;
  mutable std::mutex m_mutex;
  std::condition_variable m_changed;
  std::deque<std::vector<std::uint8_t>> m_queue;
  bool m_closed = false, m_cancelled = false;
  std::string m_error;
  std::atomic<int> m_encoded{0};
  std::atomic<bool> m_done{false};
  std::thread m_thread;  // last: started once the rest exists
};

}  // namespace descent
