// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher::Impl: the state behind a sift::Searcher, and the steps of a
// search, shared by the files that implement it: searcher_impl.cc (opening,
// reopening, shards), searcher.cc (search: the pipeline from a query string
// to Results), searcher_match.cc (matching and counting), searcher_lookup.cc
// (documents, completions, status).
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "search/facets.h"
#include "search/query/parsed_query.h"
#include "search/query/query_parser.h"
#include "search/shards/commit_watch.h"
#include "search/shards/shard_set.h"
#include "search/stored/stem_forms.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift {
namespace search_detail {

/// The inputs joined by ',', for messages.
std::filesystem::path display_name(const std::vector<std::string>& inputs);

}  // namespace search_detail

struct Searcher::Impl {
  std::filesystem::path path;  // For messages: the input, or the shards joined by ','.
  search::ShardSet shards;     // Declared before db: db combines its handles.
  Xapian::Database db;
  analysis::Analyzer analyzer;
  search::StemForms forms;  // Declared before parser, which uses it.
  search::QueryParser parser;
  search::CommitWatch commits;  // Spares reopen() when nothing was committed.

  /// Opens the shards.  @throws as ShardSet, and for unreadable settings.
  Impl(const std::vector<std::string>& inputs, const SearcherOptions& options);

  // ---- Keeping db current (searcher_impl.cc) ----

  /// Brings db to the latest commit.  Unless `force`, skips
  /// Database::reopen() when the commit watch proves there was no commit
  /// since the last one (db is then at the latest revision already).
  void reopen(bool force);
  /// Before a search: brings back remote shards that were down.
  void refresh_shards();
  /// After a Xapian::NetworkError: names the failing shard (throws) or,
  /// with allow_partial, goes on without it.
  void recover_shards();
  /// db (and the stem map's shards) from the shards that are up.
  void combine();

  // ---- The search pipeline (searcher.cc) ----

  /// The queries one search runs.
  struct Plan {
    search::ParsedQuery parsed;
    Xapian::Query strict;       ///< Every word: the parsed query, filtered.
    Xapian::Query final_query;  ///< What ran: `strict`, or the graded query filtered.
    bool gradable = false;      ///< The query has a graded form and options.graded is on.
    bool graded = false;        ///< `final` is the graded query.
  };

  /// A match's outcome.
  struct Match {
    Xapian::MSet mset;
    search::FacetCounts facets;
    std::vector<std::string> warnings;  // About the facets.
    bool cut_short = false;
    bool facets_partial = false;  // Facets may not have seen every match.
  };

  /// One attempt at the search; Xapian errors propagate.  `may_correct`:
  /// the query may be replaced by its suggestion (SearchOptions::auto_correct).
  void run(std::string_view query, const SearchOptions& options, Results& r,
           bool may_correct = true);
  /// Step 1: parses `query` (its warnings go to `r`) and decides whether
  /// it runs graded.
  Plan plan(std::string_view query, const SearchOptions& options, Results& r);
  /// Step 2: runs the plan's final query over the page of `r`.
  Match run_match(const Plan& plan, const SearchOptions& options, const Results& r);
  /// Step 3, graded tiers: sorted by date a graded query runs strict; when
  /// no document has every word, it runs graded after all (with a warning).
  void fall_back_to_any_word(Plan& plan, Match& m, const SearchOptions& options, Results& r);
  /// How many documents have every word, when that is fewer than
  /// search::kFewHits (the suggestion and auto-correction ask); else kFewHits.
  std::size_t all_words_found(const Plan& plan, const Match& m, const SearchOptions& options,
                              const Results& r);
  /// Step 4: the totals, their bounds, and the warnings about them.
  static void report_totals(const Match& m, const SearchOptions& options, Results& r);
  /// Step 5: one Hit per document of the page, with snippets if asked.
  void fill_hits(const Plan& plan, const Match& m, const SearchOptions& options, Results& r);
  /// Step 6: the explanation (moves the description and expansions out).
  static void explain(Plan& plan, Results& r);
  /// Step 7: the spelling suggestion, and with auto_correct the search run
  /// again for it when no document has every word as typed.
  void suggest_or_correct(std::string_view query, const std::vector<search::QueryWord>& words,
                          std::size_t strict_found, const SearchOptions& options, Results& r,
                          bool may_correct);

  // ---- Matching and counting (searcher_match.cc) ----

  /// The final query: a parsed query restricted by the filters.
  Xapian::Query build(const Xapian::Query& parsed, const SearchOptions& options) const;
  /// Runs `base` restricted by the filters (`query`, from build()); counts
  /// the facets unless options.facets is off.
  Match match(const Xapian::Query& base, const Xapian::Query& query, const SearchOptions& options,
              std::size_t offset, std::size_t limit);
  /// Runs `query` only to feed `spies`, relevance-ordered.
  void count_facets(const Xapian::Query& query, search::FacetSpies& spies,
                    Xapian::doccount check_at_least);
  /// Documents matching `query`, counted up to `most`: cheap, for "does
  /// any document have every word".
  std::size_t count_up_to(const Xapian::Query& query, std::size_t most);
  /// Matches of `query` (filters applied), counted exactly up to the
  /// database size; nullopt when it does not parse.
  /// Documents matching `query` with all its words, or with `any_word`,
  /// with any of them (its graded form); nullopt if it does not parse.
  std::optional<std::size_t> count_matches(const std::string& query, const SearchOptions& options,
                                           bool any_word);
};

}  // namespace sift
