// SPDX-License-Identifier: GPL-2.0-or-later
// Parallel writing of a sharded index: documents go from the calling thread
// to a bounded queue per writer thread; thread w owns the shards k with
// k % threads == w, so each shard's writer is only ever used by one thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "index/plain_writer.h"
#include "sift/index_writer.h"

namespace sift::index {

/// One parallel run.  Invariant: between construction and finish(), the
/// shard writers are used only by the worker threads.
class ShardPipeline {
 public:
  /// Starts `threads` workers (1 <= threads <= shards.size()).
  ShardPipeline(std::vector<PlainWriter>& shards, std::size_t threads, std::size_t queue_depth);
  /// Stops the workers (finish() if not called; errors swallowed).
  ~ShardPipeline();
  ShardPipeline(const ShardPipeline&) = delete;
  ShardPipeline& operator=(const ShardPipeline&) = delete;

  /// Queues `doc` for its shard; waits while that worker's queue is full.
  /// @throws the first worker error (not BadInput) as soon as it is seen.
  void push(Document&& doc);

  /// Waits for every queued document; merges the workers' counts and
  /// BadInput rejections into `report`.  @throws the first worker error.
  void finish(IndexReport& report);

 private:
  struct Worker {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Document> queue;
    bool closed = false;
    IndexReport report;  // Written by the worker thread only.
    std::thread thread;
  };

  void work(Worker& worker);
  // Records the exception being handled and closes the worker's queue.
  void fail(Worker& worker);
  void stop_all();
  void rethrow_failure();

  std::vector<PlainWriter>& shards_;
  std::size_t queue_depth_;
  std::vector<std::unique_ptr<Worker>> workers_;
  std::mutex failure_mutex_;
  std::exception_ptr failure_;
  bool finished_ = false;
};

}  // namespace sift::index
