// SPDX-License-Identifier: GPL-2.0-or-later
// PlainWriter: the writer of one Xapian database, a plain index or one
// shard of a sharded one.  IndexWriter (include/sift/index_writer.h) holds
// one per shard and states the contracts these calls keep.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "index/format/fields.h"
#include "sift/document.h"
#include "sift/error.h"
#include "sift/index_writer.h"
#include "sift/options.h"

namespace sift::index {

class PathWalk;

/// Runs `fn`; when it throws anything but sift::Error(BadInput) (a
/// document's own fault, found before the database is touched), calls
/// `discard` before the error propagates.
template <typename Fn, typename Discard>
decltype(auto) discarding_on_failure(Fn&& fn, Discard&& discard) {
  try {
    return fn();
  } catch (const Error& e) {
    if (e.code() != ErrorCode::BadInput) discard();
    throw;
  } catch (...) {
    discard();
    throw;
  }
}

/// The only writer of one database: holds its write lock from construction
/// to destruction.  Not thread-safe.  Every call maps its errors to
/// sift::Error naming the database, and after any error but a document's
/// own BadInput discards the changes since the last commit (discard()).
/// The destructor commits, unless an error discarded the writer for good.
class PlainWriter {
 public:
  /// Opens or creates the database at `path` (open_writable_index.h), removing a
  /// work folder a stopped bulk build or compaction left.  Documents are
  /// checked and built with the field registry `fields` (tests pass their
  /// own), which must outlive the writer.
  /// @throws sift::Error as IndexWriter's constructor.
  PlainWriter(const std::filesystem::path& path, const IndexOptions& options,
              std::span<const format::FieldSpec> fields = format::fields());
  ~PlainWriter();
  PlainWriter(PlainWriter&&) noexcept;
  PlainWriter& operator=(PlainWriter&&) noexcept;
  PlainWriter(const PlainWriter&) = delete;
  PlainWriter& operator=(const PlainWriter&) = delete;

  /// As IndexWriter's calls of the same names.
  AddOutcome add(const Document& doc);
  bool remove(std::string_view id);
  bool contains(std::string_view id) const;
  std::vector<std::string> ids() const;
  void commit();
  std::size_t document_count() const;
  void load_synonyms(const std::filesystem::path& path);
  void compact();

  /// The pruning of IndexWriter::index_paths(): removes the stored
  /// documents whose id `walk` did not see and whose prune verdict is
  /// Remove; counts them in report.removed and those to Keep in
  /// report.kept.  Does not commit.
  /// @throws sift::Error(Corrupt) for a stored record it cannot read:
  /// pruning never decides from it.
  void prune(const PathWalk& walk, IndexReport& report);

  /// True when a run of documents would be a bulk build
  /// (IndexOptions::bulk_build, and no documents in the database).
  bool bulk_applies() const;

  /// Documents handed to `add` by a feed function.
  using Feed = std::function<void(const std::function<void(Document&&)>& add)>;

  /// A bulk build (bulk_builder.h) of the documents `feed` gives (through
  /// walk.run() or walk.offer()), counted in `report`, rejections through
  /// walk.reject(), merged into the database as compact() does.
  /// @return false, having fed nothing, when no work folder can be made
  /// beside the database (then write the documents through add()).
  bool bulk_add(PathWalk& walk, const Feed& feed, IndexReport& report);

  /// Throws away the changes since the last commit (see the class comment).
  void discard() noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift::index
