// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/shard_pipeline.h"

#include <memory>
#include <utility>

#include "sift/error.h"
#include "sift/sharding.h"

namespace sift::index {

ShardPipeline::ShardPipeline(std::vector<PlainWriter>& shards, std::size_t threads,
                             std::size_t queue_depth)
    : shards_(shards), queue_depth_(queue_depth == 0 ? 1 : queue_depth) {
  for (std::size_t w = 0; w < threads; ++w) workers_.push_back(std::make_unique<Worker>());
  for (auto& worker : workers_) {
    Worker* self = worker.get();
    worker->thread = std::thread([this, self] { work(*self); });
  }
}

ShardPipeline::~ShardPipeline() {
  if (finished_) return;
  stop_all();
}

void ShardPipeline::stop_all() {
  for (auto& worker : workers_) {
    {
      std::lock_guard lock(worker->mutex);
      worker->closed = true;
    }
    worker->changed.notify_all();
  }
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  finished_ = true;
}

void ShardPipeline::rethrow_failure() {
  std::lock_guard lock(failure_mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void ShardPipeline::push(Document&& doc) {
  rethrow_failure();
  const std::size_t shard = shard_of(doc.id, shards_.size());
  Worker& worker = *workers_[shard % workers_.size()];
  {
    std::unique_lock lock(worker.mutex);
    worker.changed.wait(lock, [&] { return worker.queue.size() < queue_depth_ || worker.closed; });
    if (worker.closed) {
      lock.unlock();
      rethrow_failure();
      return;
    }
    worker.queue.push_back(std::move(doc));
  }
  worker.changed.notify_all();
}

void ShardPipeline::work(Worker& worker) {
  for (;;) {
    Document doc;
    {
      std::unique_lock lock(worker.mutex);
      worker.changed.wait(lock, [&] { return !worker.queue.empty() || worker.closed; });
      if (worker.queue.empty()) return;  // Closed and drained.
      doc = std::move(worker.queue.front());
      worker.queue.pop_front();
    }
    worker.changed.notify_all();
    try {
      switch (shards_[shard_of(doc.id, shards_.size())].add(doc)) {
        case AddOutcome::Added:
          ++worker.report.added;
          break;
        case AddOutcome::Replaced:
          ++worker.report.replaced;
          break;
        case AddOutcome::Unchanged:
          ++worker.report.unchanged;
          break;
      }
    } catch (const Error& e) {
      if (e.code() == ErrorCode::BadInput) {
        worker.report.rejected.push_back(Rejection{doc.path.empty() ? doc.id : doc.path, e.what()});
        continue;
      }
      fail(worker);
      return;
    } catch (...) {
      fail(worker);
      return;
    }
  }
}

void ShardPipeline::fail(Worker& worker) {
  {
    std::lock_guard lock(failure_mutex_);
    if (!failure_) failure_ = std::current_exception();
  }
  // Stop taking work; the reader sees the failure on its next push.
  {
    std::lock_guard lock(worker.mutex);
    worker.closed = true;
    worker.queue.clear();
  }
  worker.changed.notify_all();
}

void ShardPipeline::finish(IndexReport& report) {
  stop_all();
  rethrow_failure();
  for (auto& worker : workers_) {
    report.added += worker->report.added;
    report.replaced += worker->report.replaced;
    report.unchanged += worker->report.unchanged;
    for (auto& rejection : worker->report.rejected) report.rejected.push_back(std::move(rejection));
  }
}

}  // namespace sift::index
