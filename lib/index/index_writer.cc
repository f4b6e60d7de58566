// SPDX-License-Identifier: GPL-2.0-or-later
// IndexWriter: the public writer of a plain or sharded index, one
// PlainWriter per shard (a plain index is one shard without a stub).  Runs
// of many documents go through one PathWalk (ids once, rejections, prune
// verdicts), then into one shard's bulk build or add(), or through a
// ShardPipeline into several shards.
#include "sift/index_writer.h"

#include <algorithm>
#include <utility>

#include "index/path_walk.h"
#include "index/plain_writer.h"
#include "index/shard_layout.h"
#include "index/shard_pipeline.h"
#include "sift/error.h"
#include "sift/sharding.h"
#include "util/errors.h"

namespace sift {

namespace fs = std::filesystem;

struct IndexWriter::Impl {
  Impl(const fs::path& index_path, const IndexOptions& options, const ShardOptions& sharding)
      : where(index_path.string()),
        layout(index::settle_layout(index_path, options, sharding)),
        queue_depth(sharding.queue_depth) {
    shards.reserve(layout.shards.size());
    for (const fs::path& path : layout.shards) shards.emplace_back(path, options);
    // Last, so a stub always lists shards that exist.
    if (layout.write_stub) index::write_stub(index_path, shards.size());
  }

  index::PlainWriter& shard(std::string_view id) { return shards[shard_of(id, shards.size())]; }

  // Runs `fn` with util::guarded; any error but BadInput discards every
  // shard's uncommitted changes, as one writer's are (index_writer.h).
  template <typename Fn>
  decltype(auto) guard(std::string_view action, Fn&& fn) {
    return util::guarded(where + ": " + std::string(action), [&]() -> decltype(auto) {
      return index::discarding_on_failure(fn, [this]() noexcept { discard(); });
    });
  }

  void discard() noexcept {
    for (index::PlainWriter& w : shards) w.discard();
  }

  void commit() {
    for (index::PlainWriter& w : shards) w.commit();
  }

  // Writes the documents `feed` gives (through `walk`) and counts them in
  // `report`: into an empty plain index as a bulk build, into one shard
  // through add(), into several through a ShardPipeline.
  // @return true after a bulk build (nothing left to prune).
  bool write(index::PathWalk& walk, const index::PlainWriter::Feed& feed, IndexReport& report) {
    if (!layout.sharded) {
      index::PlainWriter& only = shards.front();
      if (only.bulk_applies() && only.bulk_add(walk, feed, report)) return true;
      feed([&](Document&& doc) { report.count(only.add(doc)); });
      return false;
    }
    index::ShardPipeline pipeline(shards, layout.threads, queue_depth);
    feed([&](Document&& doc) { pipeline.push(std::move(doc)); });
    IndexReport written;
    pipeline.finish(written);
    report.added += written.added;
    report.replaced += written.replaced;
    report.unchanged += written.unchanged;
    // A rejected document's file is kept from pruning.
    for (const Rejection& rejection : written.rejected) walk.reject(rejection);
    return false;
  }

  std::string where;
  index::Layout layout;
  std::size_t queue_depth;
  std::vector<index::PlainWriter> shards;
};

IndexWriter::IndexWriter(const fs::path& path, const IndexOptions& options,
                         const ShardOptions& sharding)
    : impl_(util::guarded(path.string(),
                          [&] { return std::make_unique<Impl>(path, options, sharding); })) {}

IndexWriter::~IndexWriter() = default;  // Each shard's writer commits.
IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

bool IndexWriter::sharded() const noexcept {
  return impl_->layout.sharded;
}

std::size_t IndexWriter::shard_count() const noexcept {
  return impl_->shards.size();
}

AddOutcome IndexWriter::add(const Document& doc) {
  return impl_->shard(doc.id).add(doc);
}

bool IndexWriter::remove(std::string_view id) {
  return impl_->shard(id).remove(id);
}

bool IndexWriter::contains(std::string_view id) const {
  return impl_->shard(id).contains(id);
}

std::vector<std::string> IndexWriter::ids() const {
  std::vector<std::string> out;
  for (const index::PlainWriter& w : impl_->shards) {
    std::vector<std::string> part = w.ids();
    out.insert(out.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  }
  std::sort(out.begin(), out.end());
  return out;
}

void IndexWriter::commit() {
  impl_->commit();
}

std::size_t IndexWriter::document_count() const {
  std::size_t n = 0;
  for (const index::PlainWriter& w : impl_->shards) n += w.document_count();
  return n;
}

void IndexWriter::load_synonyms(const fs::path& path) {
  for (index::PlainWriter& w : impl_->shards) w.load_synonyms(path);
}

IndexReport IndexWriter::index_paths(const std::vector<fs::path>& paths, bool prune,
                                     const ReadOptions& read, const ProgressFn& progress) {
  return impl_->guard("indexing files", [&] {
    IndexReport report;
    index::PathWalk walk(report);
    const index::PlainWriter::Feed feed = [&](const auto& add) {
      walk.run(paths, read, progress, add);
    };
    // Nothing to prune after a bulk build: every document comes from this run.
    if (impl_->write(walk, feed, report)) return report;
    if (prune) {
      for (index::PlainWriter& w : impl_->shards) w.prune(walk, report);
    }
    impl_->commit();
    return report;
  });
}

IndexReport IndexWriter::add_all(std::vector<Document> docs) {
  std::size_t i = 0;
  return add_all([&](Document& out) {
    if (i == docs.size()) return false;
    out = std::move(docs[i++]);
    return true;
  });
}

IndexReport IndexWriter::add_all(const std::function<bool(Document&)>& next) {
  return impl_->guard("adding documents", [&] {
    IndexReport report;
    index::PathWalk walk(report);
    const index::PlainWriter::Feed feed = [&](const std::function<void(Document &&)>& add) {
      for (Document doc; next(doc); doc = Document{}) walk.offer(std::move(doc), add);
    };
    if (!impl_->write(walk, feed, report)) impl_->commit();
    return report;
  });
}

void IndexWriter::compact() {
  for (index::PlainWriter& w : impl_->shards) w.compact();
}

}  // namespace sift
