// SPDX-License-Identifier: GPL-2.0-or-later
// The interface every engine adapter implements, so one benchmark body times
// Sift and its peers the same way.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corpus.h"
#include "queries.h"

namespace bench {

/// What one search returned, enough to check it inside the timed loop.
struct SearchResult {
  std::size_t hits = 0;           ///< Ids returned (at most k).
  std::size_t snippet_bytes = 0;  ///< Total snippet bytes, when asked for.
};

/// Index size on disk, in bytes, after compaction.
struct IndexSize {
  std::size_t total = 0;
  std::size_t postings = 0;  ///< Terms, postings and positions.
  std::size_t stored = 0;    ///< Stored text and fields (for snippets, ids).
};

/// One search engine behind a common face.
///
/// Lifecycle: build() an index into an empty folder (durable when it
/// returns), compact() it, then open() it and search() as often as wanted.
/// Not thread-safe; build() may use threads internally.
class Engine {
 public:
  virtual ~Engine() = default;

  /// Short lower-case name used in benchmark names ("sift", "xapian", ...).
  virtual std::string_view name() const = 0;
  /// The cached index this engine searches: its own, or the one of the
  /// engine it is a query variant of (same build, other queries).
  virtual std::string_view index_name() const { return name(); }

  /// Why this engine cannot run queries of class `c` (empty if it can).
  virtual std::string unsupported(QueryClass c) const { return (void)c, std::string(); }
  /// Why this engine cannot make snippets (empty if it can).
  virtual std::string unsupported_snippets() const { return {}; }
  /// Why this engine cannot build with `threads` writer threads (empty if it can).
  virtual std::string unsupported_threads(int threads) const {
    return threads == 1 ? std::string() : "one writer only";
  }

  /// Indexes every document of `corpus` into the empty folder `dir` with
  /// `threads` writers, ending with a durable commit.
  virtual void build(const Corpus& corpus, const std::filesystem::path& dir, int threads) = 0;
  /// Compacts or optimizes the index in `dir` in place, as one would after a
  /// bulk load.
  virtual void compact(const std::filesystem::path& dir) = 0;
  /// The index's size, split where the engine's files allow it.
  virtual IndexSize size(const std::filesystem::path& dir) = 0;

  /// Opens the index in `dir` for searching (closing any open one).
  virtual void open(const std::filesystem::path& dir) = 0;
  /// Runs `q` and fetches the top `k` ids (and snippets when asked).
  virtual SearchResult search(const Query& q, std::size_t k, bool snippets) = 0;
  /// A spelling suggestion for a misspelled one-word query, if the engine
  /// has a corrector; nullopt when it has none.
  virtual std::optional<std::string> suggest(std::string_view misspelled) {
    return (void)misspelled, std::nullopt;
  }
  /// True when suggest() is implemented.
  virtual bool has_suggestions() const { return false; }
};

/// Every engine, Sift first, then the peers, then the lever variants (run
/// only when named with --engines).
std::vector<std::unique_ptr<Engine>> make_engines();

// Factories, one per adapter file (variants beside their engine).
std::unique_ptr<Engine> make_sift_engine();
/// Sift with IndexOptions::batch_size = `batch_size`, named "sift-batchN".
std::unique_ptr<Engine> make_sift_batch_engine(std::size_t batch_size);
/// Query variants of "sift": the `and` and `or` classes as two plain words,
/// graded ("sift-words") or not ("sift-words-strict").
std::unique_ptr<Engine> make_sift_words_engine(bool graded);
/// The lean baseline: what a user of plain Xapian writes (document data =
/// the id only), named "xapian".
std::unique_ptr<Engine> make_xapian_engine();
/// Raw Xapian storing the text for MSet::snippet, named "xapian-stored".
std::unique_ptr<Engine> make_xapian_stored_engine();
std::unique_ptr<Engine> make_xapian_fullpos_engine();
std::unique_ptr<Engine> make_xapian_spelling_engine();
/// A query variant of "xapian": the `and` class's words joined by OR.
std::unique_ptr<Engine> make_xapian_any_word_engine();
std::unique_ptr<Engine> make_fts5_engine();
std::unique_ptr<Engine> make_clucene_engine();

}  // namespace bench
