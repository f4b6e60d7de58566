// SPDX-License-Identifier: GPL-2.0-or-later
// Options: aggregate structs with defaults, one comment per field.
//
// IndexOptions are fixed when an index is created and stored in it, so a
// Searcher always analyzes queries exactly as the documents were analyzed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sift {

/// How text is turned into terms.  Stored in the index at creation.
struct AnalyzerOptions {
  /// Snowball stemmer language ("english", "french", ... any name
  /// Xapian::Stem knows), or "none" to index without stemming.
  std::string language = "english";
  /// Keep accents (café != cafe).  By default accents are folded.
  bool keep_accents = false;
  /// Tokens longer than this many bytes (after normalization) are skipped;
  /// Xapian rejects terms over 245 bytes, and with them the whole document,
  /// so values over 240 are refused (BadInput).
  std::size_t max_token_bytes = 64;
  /// Position jump between paragraphs, larger than any NEAR window, so
  /// phrases and NEAR never match across paragraphs.
  std::uint32_t paragraph_gap = 100;
};

/// Options for opening an index for writing.
struct IndexOptions {
  /// Text analysis; used when the index is created.  Opening an existing
  /// index with a different language or accent setting is an error.
  AnalyzerOptions analyzer;
  /// Create the index if it does not exist.
  bool create_if_missing = true;
  /// Documents per automatic commit in add(); 0 commits only when asked.
  /// Every commit is durable (fsynced).  The writer holds the batch's
  /// postings in memory until the commit, so this bounds its memory; small
  /// batches are also the faster choice, since Xapian's buffer gets slower
  /// per document as it grows (figures: bench/README.md).
  std::size_t batch_size = 250;
  /// Upper bound of the automatic batch as the index grows.  Once the index
  /// holds more than 64 × batch_size documents, a batch is 1/64 of the
  /// documents at the last commit, up to this many: a commit rewrites every
  /// B-tree block holding a posting list that the batch touched, so on a
  /// large index a fixed small batch writes far more than it adds (figures:
  /// bench/README.md, "Batches on a growing index").  The cap bounds the
  /// writer's memory.  A value ≤ batch_size keeps the batch fixed.
  std::size_t max_batch_size = 2000;
  /// How long to wait for another writer's lock before failing with
  /// ErrorCode::Locked.  Zero fails at once.
  std::chrono::milliseconds lock_timeout{0};
  /// IndexWriter::index_paths() into an index with no documents builds it
  /// in bulk: bulk_threads workers each write fresh temporary databases
  /// without durable commits, and Xapian's compactor merges them into a
  /// compact index that readers see all at once, at the end.  False writes
  /// every document through add() instead.
  bool bulk_build = true;
  /// Worker threads of a bulk build; 0 means std::thread::hardware_concurrency().
  std::size_t bulk_threads = 0;
  /// Memory for the documents a bulk build holds before writing them out,
  /// shared by its workers: a worker writes its pending documents out
  /// (without sync) when Xapian's buffer for them would pass its share, or
  /// at 1 MB of their text (about 32 MB of buffer), whichever comes first.
  /// A bulk build's peak memory is about min(this, 32 MB × workers), plus
  /// 128 queued documents per worker, plus about 150 bytes per document
  /// read (the duplicate-id check); the compaction at the end streams.
  std::size_t bulk_memory_mb = 512;
};

/// How IndexWriter makes and writes a sharded index (docs/SCALING.md).
struct ShardOptions {
  /// Number of shards.  0 opens what is at the path: a sharded index with
  /// its own count, else a plain index (created if missing).  N >= 1 makes
  /// a sharded index of N shards where there is none, and is an error
  /// (BadInput) on a sharded index with another count or on a plain index.
  std::size_t shards = 0;
  /// Writer threads of a sharded index; each owns one or more shards.
  /// 0 means one per shard, capped at std::thread::hardware_concurrency().
  std::size_t threads = 0;
  /// Documents queued per writer thread before the reader waits (memory bound).
  std::size_t queue_depth = 256;
};

/// Sort order of search results.
enum class SortOrder {
  Relevance,  ///< BM25 score, best first (ties by document order).
  Date,       ///< Publication date, newest first; undated documents last.
};

/// The names of the fields filters and facets use: pass these rather than
/// spelling the strings.  Keyword fields filter by value (normalized like
/// the writer normalizes it: case and accents folded) and count facets;
/// date filters by range; month is a facet of the date.
namespace field {
inline constexpr char kSource[] = "source";  ///< Filter and facet: the source name.
inline constexpr char kAuthor[] = "author";  ///< Filter and facet: the author as stored.
inline constexpr char kTags[] = "tags";      ///< Filter and facet: any one of the tags.
inline constexpr char kDate[] = "date";      ///< Filter: "FROM..TO", see Filter::value.
inline constexpr char kMonth[] = "month";    ///< Facet: "YYYY-MM" of the date.
}  // namespace field

/// A filter on a field.  Filters restrict the results without changing
/// their scores.  Several filters on one field match any of their values
/// (OR); filters on different fields must all hold (AND).
struct Filter {
  /// A field name from sift::field: source, author, tags or date ("tag" is
  /// accepted for tags, as in the query language).
  std::string field{};
  /// A keyword value (source:BBC, tags:climate), or for date a range
  /// "FROM..TO" whose ends are YYYY, YYYY-MM or YYYY-MM-DD dates that
  /// exist (either end may be left out), or one such date for that year,
  /// month or day.
  std::string value{};
};

/// How the matched words of snippets and titles are marked
/// (Hit::snippet, Hit::title_highlighted).
struct Highlighting {
  /// HTML-escape the text around the markers (for web pages).  False: the
  /// text as stored, unescaped (for terminals, plain-text mail, ...).
  bool html = true;
  std::string open = "<mark>";    ///< Written before each matched word, as given (never escaped).
  std::string close = "</mark>";  ///< Written after each matched word, as given.

  /// Plain text with `open`/`close` around matches: ("[", "]"), ANSI bold
  /// ("\033[1m", "\033[0m"), or ("", "") for bare text (the matches are
  /// then only in Hit::snippet_marks / Hit::title_marks).
  static Highlighting text(std::string open = {}, std::string close = {}) {
    return {false, std::move(open), std::move(close)};
  }
};

/// Per-call search options.
struct SearchOptions {
  std::size_t offset = 0;  ///< Hits to skip (capped at max_offset).
  std::size_t limit = 10;  ///< Hits to return (capped at max_limit).
  SortOrder sort = SortOrder::Relevance;
  std::vector<Filter> filters;      ///< OR within a field, AND across fields.
  bool snippets = true;             ///< Build a highlighted snippet per hit.
  std::size_t snippet_chars = 240;  ///< Approximate snippet length in characters.
  /// How snippets and highlighted titles are written: HTML with <mark> by
  /// default.
  Highlighting highlight;
  /// Count hits by value of each faceted field (source, author, tags,
  /// month).  The counts of a field are those of the search with every
  /// filter except that field's own (multi-select): with source:BBC
  /// selected, the source facet still shows how many AP would add.  Only
  /// `filters` are left out this way (a source: in the query string
  /// restricts every facet), at the cost of one more match per faceted
  /// field that has filters.
  bool facets = true;
  /// Facet counts and the total are exact when every match is looked at,
  /// which costs time linear in the number of matches.  At most this many
  /// matches are looked at; past it the counts cover only those, and
  /// Results::warnings says so.
  std::size_t max_facet_matches = 100'000;
  bool suggest = true;  ///< Offer a spelling correction when it helps.
  /// Rank a query of plain words graded (see Searcher::search): documents
  /// with every word first, then those with some of them.  False: only
  /// documents with every word match (AND-or-nothing).
  bool graded = true;
  /// When no document has every word of the query and the suggestion has
  /// some, return the suggestion's hits instead (Results::auto_corrected).
  /// Needs `suggest`.
  bool auto_correct = true;
  /// Search-as-you-type: the last word, when the query does not end with
  /// white space, also matches the indexed words it begins (the 64 most
  /// frequent), like Xapian's FLAG_PARTIAL.
  bool partial_last_word = false;
  /// BM25 parameters and the title boost.  The defaults were chosen by the
  /// known-item evaluation in bench/relevance (README, "Ranking").
  struct Ranking {
    double k1 = 1.2;  ///< Term-frequency saturation (Xapian's default is 1).
    double b = 0.9;   ///< Document-length normalization, 0..1 (Xapian's default is 0.5).
    /// A plain word found in the title adds its title term's BM25 weight,
    /// scaled by this, to its body weight (title words are indexed with
    /// the body too).  Only titles the author wrote count: a title a
    /// reader made from the body (Document::title_derived) is not boosted.
    /// 0: title words weigh as body words.  Must be >= 0.
    double title_weight = 0.5;
    /// Documents shorter than this share of the average length are scored
    /// as if they had that length (BM25's length-normalization floor;
    /// Xapian's default is 0.5, which favours long documents over short
    /// ones on the same words).
    double length_floor = 0.0;
  } ranking;
  /// Stop matching after this long and return what was found, flagged as
  /// cut short.  Zero means no deadline.
  std::chrono::milliseconds deadline{0};
};

}  // namespace sift
