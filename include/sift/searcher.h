// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher: query string -> ranked, highlighted Results.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "sift/export.h"
#include "sift/options.h"

namespace sift {

/// A matched word in a highlighted text: bytes [begin, end) of that text,
/// between the markers (the word as written there: HTML-escaped in HTML
/// mode), never inside a UTF-8 sequence.
struct MarkedRange {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const MarkedRange&) const = default;
};

/// One search result.
struct Hit {
  std::size_t rank = 0;  ///< 1-based rank across the whole result list.
  std::string id;
  std::string title;  ///< As stored, never escaped.
  /// The title with its matched words marked as in the snippet
  /// (SearchOptions::highlight: HTML-escaped in HTML mode); the whole
  /// title, never cut.  Empty when snippets are off.
  std::string title_highlighted;
  /// Where the matched words are in title_highlighted, in order.
  std::vector<MarkedRange> title_marks;
  double score = 0;  ///< BM25 weight (0 when sorted by date).
  /// The best-matching passage, every matched word wrapped in the markers
  /// of SearchOptions::highlight (by default HTML-escaped, with
  /// <mark>...</mark>); "…" stands for text cut off.  Empty when snippets
  /// are off.
  std::string snippet;
  /// Where the matched words are in `snippet`, in order, not overlapping.
  std::vector<MarkedRange> snippet_marks;
  /// Where the document was read (Document::path as the readers set it):
  /// the file of a text article; "FILE:LINE" (1-based) for a JSONL line;
  /// "FILE[INDEX]" (0-based) for an element of a JSON array; for a
  /// Document added by hand, its `path`.  The url when there is none.
  std::string path;
  std::string date;  ///< "YYYY-MM-DD" or empty.
  std::string source;
  std::string url;     ///< Web address, if the document has one.
  std::string author;  ///< Author name(s), if any.
  /// The document's values of stored keyword fields, by field name, as in
  /// Document::keywords; fields it has no values for are absent.
  std::map<std::string, std::vector<std::string>> keywords;
  /// The hit has every word of the query.  Always true unless the query
  /// was graded (SearchOptions::graded); graded hits with every word rank
  /// before those without.
  bool all_words = true;
};

/// One value of a facet and the number of matching documents that have it.
struct FacetValue {
  std::string value;
  std::size_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

/// Why the query matched what it matched.
struct Explanation {
  std::string
      parsed;  ///< The parsed query in words, e.g. (stem:nato AND phrase:"the time has come").
  std::string xapian;  ///< Xapian::Query::get_description() of the query run.
  /// Expansions applied: "strikes -> stem strike", "kiev -> synonyms kyiv, київ",
  /// "atta* -> attack, attacks".
  std::vector<std::string> expansions;
};

/// A search's answer.
struct Results {
  std::string query;  ///< The query as given.
  /// The query whose hits these are: `query`, or the suggestion when
  /// SearchOptions::auto_correct replaced it (then auto_corrected is true;
  /// show "showing results for <ran>; search instead for <query>").
  std::string ran;
  bool auto_corrected = false;
  std::size_t total = 0;        ///< Estimated number of matches.
  std::size_t total_lower = 0;  ///< Lower bound on matches.
  std::size_t total_upper = 0;  ///< Upper bound on matches.
  std::size_t offset = 0;       ///< As applied (after capping).
  std::size_t limit = 0;        ///< As applied (after capping).
  std::vector<Hit> hits;
  /// A corrected query, only when the query found little and the
  /// correction finds more.
  std::optional<std::string> suggestion;
  /// What the parser ignored or repaired ("unbalanced quote ignored", ...),
  /// and "cut short by the deadline" when a deadline stopped the match.
  std::vector<std::string> warnings;
  /// Facet name (sift::field: source, author, tags, month) -> its values,
  /// most documents first, ties by value.  See SearchOptions::facets.
  std::map<std::string, std::vector<FacetValue>> facets;
  Explanation explanation;
  std::chrono::microseconds elapsed{0};
  bool cut_short = false;  ///< The deadline stopped the match early.
};

/// A word of the index that completes a prefix being typed.
struct Completion {
  std::string word;           ///< The indexed (normalized) form, e.g. "ukraine".
  std::size_t documents = 0;  ///< Documents that contain it.
};

/// The state of the index a Searcher reads.
struct IndexStatus {
  std::size_t documents = 0;   ///< Documents at the latest commit.
  std::uint64_t revision = 0;  ///< Grows by one with each commit.
  /// When the last commit was made, ISO 8601 UTC ("2026-11-26T08:10:00Z"),
  /// if the writer recorded it.
  std::optional<std::string> last_commit;
};

/// Opening options for a Searcher.
struct SearcherOptions {
  /// Timeout for remote shards (tcp://HOST:PORT): connecting, and each
  /// exchange with a shard during a search.  A shard that does not answer
  /// in time fails the search with ErrorCode::Network naming the shard.
  /// Zero waits forever (not advised).
  std::chrono::milliseconds remote_timeout{10000};
  /// When a remote shard is down or slower than remote_timeout, return the
  /// other shards' hits with a warning naming it, instead of failing.
  /// Costs one extra timeout per failing search (the failing shard is
  /// found by reconnecting to every remote shard in parallel), and one
  /// connection attempt per search while a shard stays down.  Totals,
  /// facets and scores then cover the shards that answered.
  bool allow_partial = false;
};

/// Read-only access to an index.
///
/// Thread-safety: a Searcher is NOT safe to share between threads (Xapian's
/// handles use plain reference counts); open one Searcher per thread.  Many
/// Searchers, in any threads or processes, may read while one IndexWriter
/// writes: each search first reopens the index to the latest commit, and a
/// search racing a commit is retried inside.
class SIFT_EXPORT Searcher {
 public:
  /// Opens the index at `path`.
  /// @throws sift::Error NotFound (no index there), Corrupt, IO.
  /// `path` may also be a sharded index folder (see sift/sharding.h), a
  /// Xapian stub file, or "tcp://HOST:PORT" (a shard served by xapian-tcpsrv).
  explicit Searcher(const std::filesystem::path& path, const SearcherOptions& options = {});
  /// Opens several shards as one index: each entry is anything the
  /// constructor above accepts.  Ranking is global (Xapian combines the
  /// shards' statistics), so results equal those of one index holding the
  /// same documents, except that equal scores may come in another order.
  /// Every shard must be built with the same analyzer settings; the first
  /// shard's are used.  @throws sift::Error as above, Network (a shard
  /// unreachable, unless options.allow_partial), BadInput (no shards).
  /// Pass a named std::vector<std::string> (a braced list of two strings
  /// would also match the path constructor).
  explicit Searcher(const std::vector<std::string>& shards, const SearcherOptions& options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  /// Runs `query` (see README "Query syntax").  A query of plain words is
  /// graded (SearchOptions::graded): documents with every word rank first,
  /// then documents with some of them, by BM25 over the words they have;
  /// Hit::all_words tells the tiers apart and the total counts both.
  /// Phrases, fields, +word and NOT keep their strict meaning.  Sorted by
  /// date, only documents with every word match, unless there are none:
  /// then those with any word, and Results::warnings says so.
  /// @throws sift::Error BadQuery (empty after analysis, over a limit, a
  /// wildcard matching too many terms), Corrupt, IO.
  Results search(std::string_view query, const SearchOptions& options = {});

  /// Documents in the index at the last reopen.
  std::size_t document_count();

  /// The stored document with this id (paragraphs as indexed; `keywords`
  /// holds the values of the keyword fields the index stores), or nullopt
  /// when there is none.  Reopens to the latest commit first.
  /// @throws sift::Error Corrupt (stored data unreadable), IO.
  std::optional<Document> document(std::string_view id);

  /// Up to `limit` indexed words starting with `prefix` (analyzed like a
  /// query word: case and accents folded), most documents first, ties in
  /// alphabetical order.  A prefix that analyzes to nothing gives none.
  /// Bounded work: at most 10,000 candidate words are examined.
  /// @throws sift::Error IO, Corrupt.
  std::vector<Completion> complete(std::string_view prefix, std::size_t limit = 10);

  /// Reopens to the latest commit and reports on it.
  /// @throws sift::Error IO, Corrupt.
  IndexStatus status();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sift
