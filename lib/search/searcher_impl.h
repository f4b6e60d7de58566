// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher::Impl: the state behind a sift::Searcher, shared by the files
// that implement its members (searcher.cc: search; searcher_lookup.cc:
// documents, completions, status).
#pragma once

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/fields.h"
#include "index/format/layout.h"
#include "search/commit_watch.h"
#include "search/facets.h"
#include "search/filters.h"
#include "search/open_index.h"
#include "search/query_parser.h"
#include "search/sigpipe_block.h"
#include "search/snippet.h"
#include "search/snippet_hints.h"
#include "search/stem_forms.h"
#include "search/stored_document.h"
#include "search/suggest.h"
#include "sift/error.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift {
namespace search_detail {

using Clock = std::chrono::steady_clock;

inline search::HighlightTerms highlight_terms(const search::ParsedQuery& parsed) {
  search::HighlightTerms terms;
  terms.exact.insert(parsed.highlight_exact.begin(), parsed.highlight_exact.end());
  terms.stems.insert(parsed.highlight_stems.begin(), parsed.highlight_stems.end());
  return terms;
}

/// BM25 with the caller's k1, b and length floor (min_normlen); k2 = 0
/// and k3 = 1, Xapian's defaults.  @throws sift::Error(BadInput) for
/// values BM25 does not define.
inline Xapian::BM25Weight bm25(const SearchOptions::Ranking& ranking) {
  if (!(ranking.k1 >= 0) || !(ranking.b >= 0 && ranking.b <= 1) || !(ranking.title_weight >= 0) ||
      !(ranking.length_floor >= 0 && ranking.length_floor <= 1)) {
    throw Error(ErrorCode::BadInput,
                "ranking: k1 and title_weight must be >= 0, b and length_floor in [0, 1]"
                " (got k1 " +
                    std::to_string(ranking.k1) + ", b " + std::to_string(ranking.b) +
                    ", title_weight " + std::to_string(ranking.title_weight) + ", length_floor " +
                    std::to_string(ranking.length_floor) + ")");
  }
  return Xapian::BM25Weight(ranking.k1, 0, 1, ranking.b, ranking.length_floor);
}

inline std::filesystem::path display_name(const std::vector<std::string>& inputs) {
  std::string out;
  for (const std::string& input : inputs) out += (out.empty() ? "" : ",") + input;
  return out;
}

}  // namespace search_detail

struct Searcher::Impl {
  std::filesystem::path path;  // For messages: the input, or the shards joined by ','.
  search::ShardSet shards;     // Declared before db: db combines its handles.
  Xapian::Database db;
  analysis::Analyzer analyzer;
  search::StemForms forms;  // Declared before parser, which uses it.
  search::QueryParser parser;
  search::CommitWatch commits;  // Spares reopen() when nothing was committed.

  Impl(const std::vector<std::string>& inputs, const SearcherOptions& options)
      : path(search_detail::display_name(inputs)),
        shards(inputs, options),
        db(shards.combined()),
        analyzer(search::stored_analyzer_options(db, path)),
        forms(shards.databases()),
        parser(analyzer, db, {}, &forms),
        commits(search::resolve_shards(inputs)) {}

  /// Brings db to the latest commit.  Unless `force`, skips
  /// Database::reopen() when the commit watch proves there was no commit
  /// since the last one (db is then at the latest revision already).
  void reopen(bool force) {
    if (!force && !commits.changed()) return;
    commits.mark();
    db.reopen();
  }

  /// Before a search: brings back remote shards that were down.
  void refresh_shards() {
    if (shards.retry_down()) combine();
  }

  /// After a Xapian::NetworkError: names the failing shard (throws) or,
  /// with allow_partial, goes on without it.
  void recover_shards() {
    db = Xapian::Database();  // Drops the failed connections first.
    try {
      shards.recover();
    } catch (...) {
      combine();  // The shards that are up, for the next search.
      throw;
    }
    combine();
  }

  /// db (and the stem map's shards) from the shards that are up.
  void combine() {
    db = shards.combined();
    forms.set_shards(shards.databases());
  }

  /// The final query: a parsed query restricted by the filters.
  Xapian::Query build(const Xapian::Query& parsed, const SearchOptions& options) const {
    return search::apply_filters(parsed, options.filters, analyzer);
  }

  /// Matches of `query` (filters applied), counted exactly up to the
  /// database size; nullopt when it does not parse.
  std::optional<std::size_t> count(const std::string& query, const SearchOptions& options) {
    search::ParsedQuery parsed;
    try {
      parsed = parser.parse(query);
    } catch (const Error&) {
      return std::nullopt;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(build(parsed.query, options));
    return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
  }

  /// A match's outcome.
  struct Match {
    Xapian::MSet mset;
    search::FacetCounts facets;
    std::vector<std::string> warnings;  // About the facets.
    bool cut_short = false;
    bool facets_partial = false;  // Facets may not have seen every match.
  };

  /// Runs `base` restricted by the filters (`query`, from build()); counts
  /// the facets unless options.facets is off.
  Match match(const Xapian::Query& base, const Xapian::Query& query, const SearchOptions& options,
              std::size_t offset, std::size_t limit) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(search_detail::bm25(options.ranking));
    if (options.sort == SortOrder::Date) {
      // Newest first; an empty (undated) value sorts lowest, so last.
      enquire.set_sort_by_value_then_relevance(format::kDateSlot, /*reverse=*/true);
    }
    Match m;
    // Facet counts (and the totals) are exact only if every match is
    // looked at: up to max_facet_matches of them are.
    const Xapian::doccount check_at_least =
        options.facets ? static_cast<Xapian::doccount>(std::max(
                             offset + limit,
                             std::min<std::size_t>(db.get_doccount(), options.max_facet_matches)))
                       : static_cast<Xapian::doccount>(offset + limit);
    m.facets_partial = options.facets && db.get_doccount() > check_at_least;
    // The facet fields counted in this match; a field with filters of its
    // own is counted in a match without them (multi-select), below.
    std::vector<const format::FieldSpec*> here, apart;
    if (options.facets) {
      for (const format::FieldSpec& field : format::fields()) {
        if (!field.facet) continue;
        if (field.multi_valued && shards.has_remote()) {
          // Counted by a spy of Sift's own, which xapian-tcpsrv cannot run
          // (search/facets.h).  An index without such values has an empty
          // facet anyway; otherwise the warning says it is missing.
          const std::string prefix(field.term_prefix);
          if (db.allterms_begin(prefix) != db.allterms_end(prefix)) {
            m.warnings.push_back("the " + std::string(field.name) +
                                 " facet is not counted over remote shards");
          } else {
            m.facets[std::string(field.name)];
          }
          continue;
        }
        const bool filtered =
            std::any_of(options.filters.begin(), options.filters.end(),
                        [&](const Filter& f) { return &search::filter_field(f) == &field; });
        (filtered ? apart : here).push_back(&field);
      }
    }
    search::FacetSpies spies(here);
    // Xapian 1.4's remote backend over-counts match spies in a match sorted
    // by value (documents near the top are counted twice), so with remote
    // shards a date-sorted search counts its facets in a second,
    // relevance-ordered match.
    const bool separate_facets =
        options.facets && options.sort == SortOrder::Date && shards.has_remote();
    if (options.facets && !separate_facets) spies.attach(enquire);
    if (separate_facets) count_facets(query, spies, check_at_least);
    if (options.deadline.count() > 0) {
      // Xapian 1.4 has no way to stop a match at a deadline: set_time_limit
      // only stops honouring check_at_least once the time is up, and does
      // not report whether that happened.  So the match finishes its
      // top-k, and "cut short" is inferred from the clock below: when the
      // match ran past the deadline, totals and facets are estimates.
      enquire.set_time_limit(std::chrono::duration<double>(options.deadline).count());
    }
    const auto start = search_detail::Clock::now();
    m.mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                              static_cast<Xapian::doccount>(limit), check_at_least);
    m.cut_short =
        options.deadline.count() > 0 && search_detail::Clock::now() - start >= options.deadline;
    if (!options.facets) return m;
    spies.add_counts(m.facets);
    for (const format::FieldSpec* field : apart) {
      search::FacetSpies own({field});
      count_facets(search::apply_filters(base, options.filters, analyzer, field), own,
                   check_at_least);
      own.add_counts(m.facets);
    }
    return m;
  }

  /// Runs `query` only to feed `spies`, relevance-ordered.
  void count_facets(const Xapian::Query& query, search::FacetSpies& spies,
                    Xapian::doccount check_at_least) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    spies.attach(counting);
    counting.get_mset(0, 0, check_at_least);
  }

  /// Documents matching `query`, counted up to `most`: cheap, for "does
  /// any document have every word".
  std::size_t count_up_to(const Xapian::Query& query, std::size_t most) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, static_cast<Xapian::doccount>(most)).size();
  }

  /// One attempt at the search; Xapian errors propagate.  `may_correct`:
  /// the query may be replaced by its suggestion (SearchOptions::auto_correct).
  void run(std::string_view query, const SearchOptions& options, Results& r,
           bool may_correct = true) {
    forms.forget();  // A commit since the last search may have added forms.
    search::ParseOptions parse_options;
    parse_options.partial_last_word = options.partial_last_word;
    parse_options.title_weight = options.ranking.title_weight;
    search::ParsedQuery parsed = parser.parse(query, parse_options);
    r.warnings.assign(parsed.warnings.begin(), parsed.warnings.end());
    r.ran = std::string(query);
    r.auto_corrected = false;
    const bool gradable = options.graded && !parsed.graded.empty();
    const Xapian::Query strict_query = build(parsed.query, options);
    // Sorted by relevance, a graded query runs as such: all-words documents
    // first.  Sorted by date, tiers would interleave, so only documents
    // with every word match, unless there are none.
    bool graded = gradable && options.sort == SortOrder::Relevance;
    Xapian::Query final_query = graded ? build(parsed.graded, options) : strict_query;
    Match m = match(graded ? parsed.graded : parsed.query, final_query, options, r.offset, r.limit);
    if (gradable && !graded && m.mset.get_matches_estimated() == 0) {
      Xapian::Query any_query = build(parsed.graded, options);
      Match any = match(parsed.graded, any_query, options, r.offset, r.limit);
      if (any.mset.get_matches_estimated() > 0) {
        r.warnings.push_back(
            "no document has all of the words; showing documents with any of them");
        graded = true;
        final_query = std::move(any_query);
        m = std::move(any);
      }
    }
    // How many documents have every word, when that is fewer than
    // kFewHits (the suggestion and auto-correction ask); else kFewHits.
    auto all_words_found = [&]() -> std::size_t {
      if (!graded) return std::min<std::size_t>(m.mset.get_matches_estimated(), search::kFewHits);
      std::size_t on_page = 0;
      for (auto it = m.mset.begin(); it != m.mset.end(); ++it) {
        if (it.get_weight() >= search::kAllWordsBonus) ++on_page;
      }
      if (r.offset == 0 && (on_page >= search::kFewHits || on_page < m.mset.size())) {
        return std::min<std::size_t>(on_page, search::kFewHits);
      }
      return count_up_to(build(parsed.all_words, options), search::kFewHits);
    };
    const std::size_t strict_found = options.suggest ? all_words_found() : 0;
    // The words as typed, for the suggestion.
    std::vector<search::QueryWord> words;
    if (options.suggest) words = parsed.words;

    r.cut_short = m.cut_short;
    r.total = m.mset.get_matches_estimated();
    r.total_lower = m.mset.get_matches_lower_bound();
    r.total_upper = m.mset.get_matches_upper_bound();
    if (r.cut_short) {
      r.warnings.push_back("cut short by the deadline of " +
                           std::to_string(options.deadline.count()) +
                           " ms: the total and the facet counts are estimates");
    }
    // The matcher may still have looked at every match (then the bounds
    // meet); only when it did not are the counts partial.
    if (m.facets_partial && r.total_lower < r.total_upper) {
      r.warnings.push_back("facet counts cover the first " +
                           std::to_string(options.max_facet_matches) + " of about " +
                           std::to_string(r.total) + " matches");
    }

    // Only snippets highlight: no term sets to build for a hit list.
    const auto terms =
        options.snippets ? search_detail::highlight_terms(parsed) : search::HighlightTerms{};
    // Position lists guide the snippets, except over remote shards (one
    // round trip per term and hit).
    const search::SnippetMaker snippets(
        analyzer, terms, options.snippets && !shards.has_remote() ? &db : nullptr, &forms);
    r.hits.clear();
    r.hits.reserve(m.mset.size());
    for (auto it = m.mset.begin(); it != m.mset.end(); ++it) {
      // The body is read only for a snippet: a hit list reads the summary.
      auto doc = search::read_stored_document(it.get_document(), options.snippets, path.string());
      Hit hit;
      hit.rank = r.offset + it.get_rank() - m.mset.get_firstitem() + 1;
      hit.id = doc.id;
      const double weight = it.get_weight();
      hit.all_words = !graded || weight >= search::kAllWordsBonus;
      const double bonus = graded && hit.all_words ? search::kAllWordsBonus : 0.0;
      hit.score = options.sort == SortOrder::Date ? 0.0 : weight - bonus;
      if (options.snippets) {
        auto snippet = snippets.make(*it, doc, options.snippet_chars, options.highlight);
        hit.snippet = std::move(snippet.text);
        hit.snippet_marks = std::move(snippet.marks);
        auto title = search::highlight_title(analyzer, terms, doc.title, options.highlight);
        hit.title_highlighted = std::move(title.text);
        hit.title_marks = std::move(title.marks);
      }
      hit.title = std::move(doc.title);
      hit.path = doc.path.empty() ? doc.url : std::move(doc.path);
      hit.url = std::move(doc.url);
      hit.author = std::move(doc.author);
      hit.date = std::move(doc.date);
      hit.source = std::move(doc.source);
      r.hits.push_back(std::move(hit));
    }
    r.facets = std::move(m.facets);
    for (std::string& warning : m.warnings) r.warnings.push_back(std::move(warning));

    if (graded) {
      parsed.expansions.insert(parsed.expansions.begin(),
                               "graded: documents with every word first, then those with some");
    }
    r.explanation = {std::move(parsed.description), final_query.get_description(),
                     std::move(parsed.expansions)};

    // The suggestion is judged on the query as typed: all its words.
    r.suggestion.reset();
    if (options.suggest) {
      r.suggestion = search::suggest(db, query, words, strict_found,
                                     [&](const std::string& q) { return count(q, options); });
    }
    if (may_correct && options.auto_correct && r.suggestion && strict_found == 0) {
      // No document has every word as typed, and the suggestion's words
      // are all in some document: show those.
      const std::string suggestion = *r.suggestion;
      SearchOptions again = options;
      again.suggest = false;
      run(suggestion, again, r, /*may_correct=*/false);
      r.ran = suggestion;
      r.auto_corrected = true;
      r.suggestion = suggestion;
    }
  }
};

}  // namespace sift
