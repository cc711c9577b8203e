// Reading ahead (see chunk_source.hpp).
#include "import/chunk_source.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstring>

#include "ringfence/diagnostics.hpp"

namespace ringfence::import {

namespace {
constexpr std::size_t kChunkBytes = 8 << 20;
constexpr std::size_t kChunksAhead = 3;  // at most this many decompressed chunks wait
}  // namespace

ChunkSource::ChunkSource(const std::string& path, analysis::ThreadBudget& budget)
    : budget_(budget) {
  file_ = gzopen(path.c_str(), "rb");
  if (!file_) throw InputError(path, 0, 0, std::string("cannot open: ") + std::strerror(errno));
  gzbuffer(file_, 1 << 20);
  threaded_ = budget_.take(1) == 1;
  if (threaded_) reader_ = std::thread([this] { read_ahead(); });
}

ChunkSource::~ChunkSource() {
  if (threaded_) {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    reader_.join();
    budget_.give(1);
  }
  gzclose(file_);
}

ChunkSource::Chunk ChunkSource::read_one() {
  Chunk c;
  c.bytes.resize(kChunkBytes);
  const int n = gzread(file_, c.bytes.data(), static_cast<unsigned>(kChunkBytes));
  int code = Z_OK;
  if (n < 0) {
    c.ok = false;
    c.error = gzerror(file_, &code);
    c.bytes.clear();
    return c;
  }
  c.bytes.resize(static_cast<std::size_t>(n));
  if (n == 0) {
    // zlib reports a gzip stream cut short only at its end.
    const char* message = gzerror(file_, &code);
    if (code != Z_OK && code != Z_STREAM_END) {
      c.ok = false;
      c.truncated = true;
      c.error = message;
    }
  }
  return c;
}

void ChunkSource::read_ahead() {
  for (;;) {
    Chunk c = read_one();
    const bool last = c.bytes.empty();
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || ready_.size() < kChunksAhead; });
    if (stop_) return;
    ready_.push_back(std::move(c));
    done_ = last;
    lock.unlock();
    changed_.notify_all();
    if (last) return;
  }
}

ChunkSource::Chunk ChunkSource::next() {
  if (!threaded_) return read_one();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return !ready_.empty() || done_; });
  if (ready_.empty()) return {};  // asked again after the end
  Chunk c = std::move(ready_.front());
  ready_.pop_front();
  lock.unlock();
  changed_.notify_all();
  return c;
}

}  // namespace ringfence::import
