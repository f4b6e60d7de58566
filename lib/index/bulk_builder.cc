// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/bulk_builder.h"

#include <algorithm>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "index/document_builder.h"
#include "index/format/stem_map.h"
#include "sift/error.h"
#include "util/errors.h"
#include "xapian.h"

namespace sift::index {
namespace {

namespace fs = std::filesystem;

std::size_t text_bytes(const Document& doc) {
  std::size_t n = doc.title.size() + doc.author.size();
  for (const std::string& paragraph : doc.paragraphs) n += paragraph.size();
  return n;
}

}  // namespace

struct BulkBuilder::Worker {
  explicit Worker(const AnalyzerOptions& options) : analyzer(options) {}
  analysis::Analyzer analyzer;
  std::size_t number = 0;                        // Its index in workers_, for part names.
  std::optional<Xapian::WritableDatabase> part;  // The part being written.
  std::size_t pending_text = 0;                  // Text bytes added since the last flush.
  std::size_t part_text = 0;                     // Text bytes in `part`.
  std::vector<fs::path> parts;                   // Finished parts.
  // Stem-map pairs of the pending documents (format/stem_map.h).
  format::StemMapBatch stems;
  std::deque<Document> queue;  // Guarded by BulkBuilder::mutex_.
  IndexReport report;          // Written by the worker thread only.
  std::thread thread;

  void open_part(const fs::path& folder) {
    const fs::path path =
        folder / ("part-" + std::to_string(number) + "-" + std::to_string(parts.size()));
    part.emplace(path.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_SYNC);
    parts.push_back(path);
    pending_text = 0;
    part_text = 0;
  }

  // Writes the pending documents out; starts a new part once this one
  // holds `part_limit` bytes of text.
  void flush(std::size_t part_limit) {
    stems.write_to(*part);
    part_text += pending_text;
    pending_text = 0;
    if (part_text >= part_limit) {
      close_part();
    } else {
      part->commit();  // Not durable (DB_NO_SYNC): the part is scratch.
    }
  }

  void close_part() {
    if (!part) return;
    // Each part keeps the stem map of its documents, as IndexWriter does at
    // each commit; the compactor unites the parts' lists.
    stems.write_to(*part);
    part->commit();
    part->close();
    part.reset();
  }
};

BulkBuilder::BulkBuilder(const fs::path& folder, std::string where, const AnalyzerOptions& analyzer,
                         std::size_t threads, std::size_t memory_bytes, std::size_t part_text_bytes,
                         std::span<const format::FieldSpec> fields)
    : folder_(folder),
      where_(std::move(where)),
      flush_text_(std::clamp<std::size_t>(
          memory_bytes / std::max<std::size_t>(1, threads) / kBufferBytesPerTextByte, 1,
          kFlushTextBytes)),
      part_text_(part_text_bytes),
      fields_(fields) {
  std::error_code ec;
  if (!fs::create_directories(folder_, ec) || ec) {
    throw Error(ErrorCode::IO, where_ + ": cannot create the work folder " + folder_.string() +
                                   (ec ? ": " + ec.message() : std::string(" (it exists)")));
  }
  for (std::size_t w = 0; w < std::max<std::size_t>(1, threads); ++w) {
    workers_.push_back(std::make_unique<Worker>(analyzer));
    workers_.back()->number = w;
  }
  for (auto& worker : workers_) {
    Worker* self = worker.get();
    worker->thread = std::thread([this, self] { work(*self); });
  }
}

BulkBuilder::~BulkBuilder() {
  stop_all();
}

void BulkBuilder::stop_all() noexcept {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  for (auto& worker : workers_) {
    if (worker->thread.joinable()) worker->thread.join();
  }
}

void BulkBuilder::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void BulkBuilder::push(Document&& doc) {
  Worker& worker = *workers_[pushed_ / kChunk % workers_.size()];
  ++pushed_;
  {
    std::unique_lock lock(mutex_);
    changed_.wait(lock,
                  [&] { return worker.queue.size() < kQueuedPerWorker || failure_ || closed_; });
    if (failure_) std::rethrow_exception(failure_);
    worker.queue.push_back(std::move(doc));
  }
  changed_.notify_all();
}

void BulkBuilder::fail() {
  {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
    for (auto& worker : workers_) worker->queue.clear();
  }
  changed_.notify_all();
}

void BulkBuilder::work(Worker& worker) {
  try {
    for (;;) {
      Document doc;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !worker.queue.empty() || closed_ || failure_; });
        if (failure_ || worker.queue.empty()) break;  // Failed, or closed and drained.
        doc = std::move(worker.queue.front());
        worker.queue.pop_front();
      }
      changed_.notify_all();
      const std::string input = doc.path.empty() ? doc.id : doc.path;
      // As IndexWriter::add: a document that cannot be indexed is rejected
      // before anything is written.
      if (std::string problem = validate(doc, fields_); !problem.empty()) {
        worker.report.rejected.push_back(Rejection{input, problem});
        continue;
      }
      std::optional<Xapian::Document> xdoc;
      try {
        util::guarded(where_ + ": adding document '" + doc.id + "'", [&] {
          xdoc = build_document(doc, content_hash(doc, worker.analyzer.options(), fields_),
                                worker.analyzer, worker.stems, fields_);
        });
      } catch (const Error& e) {
        if (e.code() != ErrorCode::BadInput) throw;
        worker.report.rejected.push_back(Rejection{input, e.what()});
        continue;
      }
      // An error here is not the document's: Xapian drops every
      // uncommitted change of the part when add_document fails, so the run
      // stops rather than lose documents silently.
      util::guarded(where_ + ": writing a bulk part", [&] {
        if (!worker.part) worker.open_part(folder_);
        worker.part->add_document(*xdoc);
        worker.pending_text += text_bytes(doc);
        if (worker.pending_text >= flush_text_) worker.flush(part_text_);
      });
      ++worker.report.added;
    }
    bool failed = false;
    {
      std::lock_guard lock(mutex_);
      failed = failure_ != nullptr;
    }
    if (!failed) util::guarded(where_ + ": writing a bulk part", [&] { worker.close_part(); });
  } catch (...) {
    fail();
  }
}

std::vector<fs::path> BulkBuilder::finish(IndexReport& report) {
  stop_all();
  rethrow_failure();
  std::vector<fs::path> parts;
  for (auto& worker : workers_) {
    report.added += worker->report.added;
    for (Rejection& rejection : worker->report.rejected) {
      report.rejected.push_back(std::move(rejection));
    }
    worker->report.rejected.clear();
    parts.insert(parts.end(), worker->parts.begin(), worker->parts.end());
  }
  return parts;
}

}  // namespace sift::index
