#pragma once
// A fixed-capacity array written once per slot, in order, by one thread and read by others:
// storage comes in chunks allocated on first write that never move or change once written.
// Publishing what is written (an atomic size with release/acquire) is the owner's job.
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <memory>
#include <new>

#include <sys/mman.h>

namespace descent {

template <class T>
class ChunkedArray {
 public:
  // `mapped`: chunks are mapped pages, returned to the system when freed (for large arrays);
  // otherwise they come from the allocator (cheaper for small, short-lived ones).
  ChunkedArray(std::size_t capacity, bool mapped)
      : m_capacity(capacity), m_mapped(mapped), m_chunks(new std::atomic<T*>[chunk_count()]) {
    for (std::size_t i = 0; i < chunk_count(); ++i)
      m_chunks[i].store(nullptr, std::memory_order_relaxed);
  }
  ~ChunkedArray() {
    for (std::size_t i = 0; i < chunk_count(); ++i)
      if (T* chunk = m_chunks[i].load(std::memory_order_relaxed)) {
        if (m_mapped)
          munmap(chunk, chunk_length(i) * sizeof(T));
        else
          delete[] chunk;
      }
  }
  ChunkedArray(const ChunkedArray&) = delete;
  ChunkedArray& operator=(const ChunkedArray&) = delete;

  std::size_t capacity() const { return m_capacity; }
  const T& operator[](std::size_t i) const {
    return m_chunks[i >> kBits].load(std::memory_order_relaxed)[i & kMask];
  }
  void set(std::size_t i, const T& value) {
    std::size_t chunk = i >> kBits;
    T* storage = m_chunks[chunk].load(std::memory_order_relaxed);
    if (!storage) {
      if (m_mapped) {
        void* pages = mmap(nullptr, chunk_length(chunk) * sizeof(T), PROT_READ | PROT_WRITE,
                           MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (pages == MAP_FAILED) throw std::bad_alloc();
        storage = static_cast<T*>(pages);
      } else {
        storage = new T[chunk_length(chunk)];
      }
      m_chunks[chunk].store(storage, std::memory_order_relaxed);
    }
    storage[i & kMask] = value;
  }

 private:
  static constexpr std::size_t kBits = 12, kChunk = std::size_t{1} << kBits, kMask = kChunk - 1;
  std::size_t chunk_count() const { return (m_capacity + kChunk - 1) / kChunk; }
  std::size_t chunk_length(std::size_t chunk) const {
    return std::min(kChunk, m_capacity - chunk * kChunk);
  }

  std::size_t m_capacity;
  bool m_mapped;
  std::unique_ptr<std::atomic<T*>[]> m_chunks;
};

}  // namespace descent
