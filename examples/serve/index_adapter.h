// IndexReader: one thread's read-only view of the index, everything the
// server asks of it.  Searching goes through sift::Searcher; fetching a
// stored document, completing a word and the index status are the API
// requested in /work/notes/serve-needs.md.  This file pair is the only
// place that changes when the library provides them.
#pragma once

#include <sift/sift.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sift::serve {

/// A word of the index that completes a prefix.
struct Completion {
  std::string word;           ///< The indexed (lower-case) form.
  std::size_t documents = 0;  ///< Documents that contain it.
};

/// What GET /healthz reports.
struct IndexStatus {
  std::size_t documents = 0;               ///< At the latest commit.
  std::uint64_t revision = 0;              ///< Grows with each commit.
  std::optional<std::string> last_commit;  ///< ISO 8601 UTC, when known.
};

/// Not thread-safe: one IndexReader per thread (see ReaderPool).  Every
/// call sees the latest commit.  Every call throws only sift::Error.
class IndexReader {
 public:
  /// @throws sift::Error NotFound, Corrupt, IO (as sift::Searcher does).
  explicit IndexReader(const std::filesystem::path& db);
  ~IndexReader();
  IndexReader(const IndexReader&) = delete;
  IndexReader& operator=(const IndexReader&) = delete;

  Results search(std::string_view query, const SearchOptions& options);

  /// The stored document with this id, or nullopt.
  std::optional<Document> document(std::string_view id);

  /// Up to `limit` index words starting with `prefix` (case-folded), most
  /// documents first, ties in alphabetical order.  Empty for an empty prefix.
  std::vector<Completion> complete(std::string_view prefix, std::size_t limit);

  IndexStatus status();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift::serve
