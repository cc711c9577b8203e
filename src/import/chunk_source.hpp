// The bytes of a file, decompressed when it is gzip (zlib passes plain files through),
// in chunks; read ahead on a thread of its own when the thread budget has one to spare,
// so that inflating a large export overlaps the parsing of what came before.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "analysis/thread_budget.hpp"

typedef struct gzFile_s* gzFile;

namespace ringfence::import {

class ChunkSource {
 public:
  // Opens `path`; throws InputError when it cannot.
  ChunkSource(const std::string& path, analysis::ThreadBudget& budget);
  ~ChunkSource();
  ChunkSource(const ChunkSource&) = delete;
  ChunkSource& operator=(const ChunkSource&) = delete;

  struct Chunk {
    std::vector<char> bytes;  // empty: the end (or an error)
    bool ok = true;           // false: the read failed or the gzip stream ends early
    std::string error;        // zlib's message when !ok
    bool truncated = false;   // the gzip stream ends early (as opposed to a read error)
  };
  // The next chunk, in file order; an empty one at the end.
  Chunk next();

 private:
  Chunk read_one();
  void read_ahead();

  gzFile file_ = nullptr;
  analysis::ThreadBudget& budget_;
  bool threaded_ = false;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Chunk> ready_;
  bool stop_ = false;  // the consumer is gone
  bool done_ = false;  // the reader has queued its last chunk
};

}  // namespace ringfence::import
