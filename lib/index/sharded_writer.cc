// SPDX-License-Identifier: GPL-2.0-or-later
// ShardedIndexWriter: N IndexWriters (one per shard) behind one interface,
// with index_paths()/add_all() written by a ShardPipeline.
#include <algorithm>
#include <exception>
#include <set>
#include <system_error>
#include <thread>

#include "index/format/files.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "index/path_walk.h"
#include "index/shard_layout.h"
#include "index/shard_pipeline.h"
#include "sift/error.h"
#include "sift/sharding.h"
#include "util/errors.h"
#include "xapian.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

// True if every entry of `dir` is a shard folder: a creation that stopped
// before the stub was written, which may be finished.
bool only_shard_folders(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.path().filename().string().starts_with(format::kShardPrefix)) return false;
  }
  return !ec;
}

// The shard paths of the index at `dir`, creating the layout if needed.
std::vector<fs::path> settle_layout(const fs::path& dir, const IndexOptions& options,
                                    const ShardOptions& sharding, bool& create_stub) {
  const std::string where = dir.string();
  std::error_code ec;
  if (is_sharded_index(dir)) {
    std::vector<fs::path> paths = index::read_stub(dir);
    if (sharding.shards != 0 && sharding.shards != paths.size()) {
      throw Error(ErrorCode::BadInput, "index " + where + " has " + std::to_string(paths.size()) +
                                           " shards; cannot open it with " +
                                           std::to_string(sharding.shards) + " shards");
    }
    return paths;
  }
  if (fs::exists(dir / format::kVersionFile, ec)) {
    throw Error(ErrorCode::BadInput,
                "index " + where +
                    " is a single (unsharded) index; index it without --shards, or compact and "
                    "re-index into a new folder");
  }
  const bool exists = fs::exists(dir, ec);
  if (!options.create_if_missing) {
    throw Error(ErrorCode::NotFound, where + ": no sharded index here");
  }
  if (exists && !fs::is_directory(dir, ec)) {
    throw Error(ErrorCode::Corrupt, where + ": not an index (it is a file, not a folder)");
  }
  if (exists && !only_shard_folders(dir)) {
    throw Error(ErrorCode::Corrupt,
                where + ": not a sharded index (the folder holds other files and no " +
                    std::string(format::kStubName) + " shard list)");
  }
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::IO, where + ": cannot create the index folder: " + ec.message());
  const std::size_t n = sharding.shards == 0 ? 1 : sharding.shards;
  std::vector<fs::path> paths;
  for (std::size_t k = 0; k < n; ++k) paths.push_back(dir / format::shard_name(k));
  create_stub = true;
  return paths;
}

struct StoredKey {
  std::string id;
  std::string path;
};

// Every document's id and source path in the committed shard at `path`.
// @throws sift::Error(Corrupt) for a damaged summary: pruning never decides
// from a record it cannot read.
std::vector<StoredKey> stored_keys(const fs::path& path) {
  std::vector<StoredKey> out;
  Xapian::Database db(path.string());
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto summary = format::decode_summary(format::summary_bytes(db.get_document(*it)));
    if (!summary) {
      throw Error(ErrorCode::Corrupt,
                  path.string() + ": the stored record of document #" + std::to_string(*it) +
                      " is damaged; rebuild the index: " + format::rebuild_command(path.string()));
    }
    out.push_back({summary->id, summary->path});
  }
  return out;
}

}  // namespace

struct ShardedIndexWriter::Impl {
  fs::path dir;
  std::vector<fs::path> paths;
  std::vector<IndexWriter> shards;
  std::size_t threads = 1;
  std::size_t queue_depth = 256;

  Impl(const fs::path& d, const IndexOptions& options, const ShardOptions& sharding) : dir(d) {
    bool create_stub = false;
    paths = settle_layout(dir, options, sharding, create_stub);
    for (const fs::path& path : paths) shards.emplace_back(path, options);
    if (create_stub) index::write_stub(dir, paths.size());
    const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
    threads = sharding.threads != 0 ? sharding.threads : cores;
    threads = std::clamp<std::size_t>(threads, 1, shards.size());
    queue_depth = sharding.queue_depth;
  }

  IndexWriter& shard(std::string_view id) { return shards[shard_of(id, shards.size())]; }

  void commit() {
    for (IndexWriter& w : shards) w.commit();
  }
};

ShardedIndexWriter::ShardedIndexWriter(const fs::path& dir, const IndexOptions& options,
                                       const ShardOptions& sharding)
    : impl_(util::guarded(dir.string(),
                          [&] { return std::make_unique<Impl>(dir, options, sharding); })) {}

ShardedIndexWriter::~ShardedIndexWriter() = default;  // Each IndexWriter commits.
ShardedIndexWriter::ShardedIndexWriter(ShardedIndexWriter&&) noexcept = default;
ShardedIndexWriter& ShardedIndexWriter::operator=(ShardedIndexWriter&&) noexcept = default;

std::size_t ShardedIndexWriter::shard_count() const noexcept {
  return impl_->shards.size();
}

AddOutcome ShardedIndexWriter::add(const Document& doc) {
  return impl_->shard(doc.id).add(doc);
}

bool ShardedIndexWriter::remove(std::string_view id) {
  return impl_->shard(id).remove(id);
}

bool ShardedIndexWriter::contains(std::string_view id) const {
  return impl_->shard(id).contains(id);
}

std::vector<std::string> ShardedIndexWriter::ids() const {
  std::vector<std::string> out;
  for (const IndexWriter& w : impl_->shards) {
    std::vector<std::string> part = w.ids();
    out.insert(out.end(), part.begin(), part.end());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void ShardedIndexWriter::commit() {
  impl_->commit();
}

std::size_t ShardedIndexWriter::document_count() const {
  std::size_t n = 0;
  for (const IndexWriter& w : impl_->shards) n += w.document_count();
  return n;
}

void ShardedIndexWriter::load_synonyms(const fs::path& path) {
  for (IndexWriter& w : impl_->shards) w.load_synonyms(path);
}

IndexReport ShardedIndexWriter::add_all(std::vector<Document> docs) {
  IndexReport report;
  index::ShardPipeline pipeline(impl_->shards, impl_->threads, impl_->queue_depth);
  for (Document& doc : docs) pipeline.push(std::move(doc));
  pipeline.finish(report);
  return report;
}

IndexReport ShardedIndexWriter::index_paths(const std::vector<fs::path>& paths, bool prune,
                                            const ReadOptions& read, const ProgressFn& progress) {
  return util::guarded(impl_->dir.string() + ": indexing files", [&] {
    IndexReport report;
    index::PathWalk walk(report);
    {
      index::ShardPipeline pipeline(impl_->shards, impl_->threads, impl_->queue_depth);
      walk.run(paths, read, progress, [&](Document&& doc) { pipeline.push(std::move(doc)); });
      IndexReport written;
      pipeline.finish(written);
      report.added += written.added;
      report.replaced += written.replaced;
      report.unchanged += written.unchanged;
      for (const Rejection& r : written.rejected) walk.reject(r);
    }
    impl_->commit();
    if (prune) {
      // Each shard's committed documents, read beside its writer.
      for (std::size_t k = 0; k < impl_->shards.size(); ++k) {
        for (const StoredKey& key : stored_keys(impl_->paths[k])) {
          if (walk.seen().contains(key.id)) continue;
          const index::PathWalk::Prune verdict = walk.prune_verdict(key.path);
          if (verdict == index::PathWalk::Prune::Keep) ++report.kept;
          if (verdict == index::PathWalk::Prune::Remove && impl_->shards[k].remove(key.id)) {
            ++report.removed;
          }
        }
      }
      impl_->commit();
    }
    return report;
  });
}

}  // namespace sift
