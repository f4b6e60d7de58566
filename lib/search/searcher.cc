// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher: query string -> Results, on a read-only Xapian::Database.
// Searcher::search retries an attempt that races a writer or a failing
// remote shard; Impl::run is one attempt, in named steps: plan (parse,
// graded or not), match, fall back to any word, count, hits, explanation,
// suggestion and auto-correction.
#include "sift/searcher.h"

#include <chrono>
#include <optional>
#include <thread>
#include <utility>

#include "search/searcher_impl.h"
#include "search/shards/open_readable_index.h"
#include "search/shards/sigpipe_block.h"
#include "search/snippet/snippet.h"
#include "search/snippet/snippet_maker.h"
#include "search/spelling/suggest.h"
#include "search/stored/stored_document.h"
#include "sift/error.h"
#include "util/errors.h"
#include "xapian.h"

namespace sift {
namespace {

using Clock = std::chrono::steady_clock;

/// Paging caps: deeper pages cost the matcher linear work and memory.
constexpr std::size_t kMaxOffset = 100'000;
constexpr std::size_t kMaxLimit = 1'000;
/// Attempts at a search that races a writer's commit (DatabaseModifiedError).
/// A slow reader can be lapped by a fast writer several times in a row, so
/// retries back off (1, 2, 3, ... ms) to let a burst of commits pass.
constexpr int kAttempts = 12;
/// Attempts after a remote shard failed (each may wait for a timeout).
constexpr int kNetworkAttempts = 5;

search::HighlightTerms highlight_terms(const search::ParsedQuery& parsed) {
  search::HighlightTerms terms;
  terms.exact.insert(parsed.highlight_exact.begin(), parsed.highlight_exact.end());
  terms.stems.insert(parsed.highlight_stems.begin(), parsed.highlight_stems.end());
  return terms;
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& path, const SearcherOptions& options)
    : Searcher(std::vector<std::string>{path.string()}, options) {}

Searcher::Searcher(const std::vector<std::string>& shards, const SearcherOptions& options)
    : impl_(util::guarded("cannot open index " + search_detail::display_name(shards).string(),
                          [&] { return std::make_unique<Impl>(shards, options); })) {}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Results Searcher::search(std::string_view query, const SearchOptions& options) {
  const auto start = Clock::now();
  Results r;
  r.query = std::string(query);
  r.offset = std::min(options.offset, kMaxOffset);
  r.limit = std::min(options.limit, kMaxLimit);
  const std::string context = "searching index " + impl_->path.string() + " for '" + r.query + "'";
  util::guarded(context, [&] {
    // Remote shards: a write to a closed connection must fail, not kill us.
    // (Local shards write to no socket; blocking costs four system calls.)
    std::optional<search::SigpipeBlock> no_sigpipe;
    if (impl_->shards.has_remote()) no_sigpipe.emplace();
    impl_->refresh_shards();
    for (int attempt = 1;; ++attempt) {
      try {
        // After a race with a writer, reopen for certain.
        impl_->reopen(/*force=*/attempt > 1);
        impl_->run(query, options, r);
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        // A writer committed twice while we read: reopen at the new
        // revision and run again.
        if (attempt == kAttempts) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
      } catch (const Xapian::NetworkError&) {
        // A remote shard failed: name it, or go on without it.
        if (attempt >= kNetworkAttempts) throw;
        impl_->recover_shards();
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw Error(ErrorCode::Corrupt, context + ": " + search::damaged(e));
      }
    }
  });
  for (std::string& warning : impl_->shards.warnings()) r.warnings.push_back(std::move(warning));
  if (options.offset > kMaxOffset) {
    r.warnings.push_back("offset " + std::to_string(options.offset) + " is over the maximum " +
                         std::to_string(kMaxOffset) + "; used " + std::to_string(kMaxOffset));
  }
  if (options.limit > kMaxLimit) {
    r.warnings.push_back("limit " + std::to_string(options.limit) + " is over the maximum " +
                         std::to_string(kMaxLimit) + "; used " + std::to_string(kMaxLimit));
  }
  r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return r;
}

std::size_t Searcher::document_count() {
  return util::guarded("counting the documents of index " + impl_->path.string(),
                       [&] { return static_cast<std::size_t>(impl_->db.get_doccount()); });
}

void Searcher::Impl::run(std::string_view query, const SearchOptions& options, Results& r,
                         bool may_correct) {
  Plan p = plan(query, options, r);
  Match m = run_match(p, options, r);
  fall_back_to_any_word(p, m, options, r);
  const std::size_t strict_found = options.suggest ? all_words_found(p, m, options, r) : 0;
  // The words as typed, for the suggestion.
  std::vector<search::QueryWord> words;
  if (options.suggest) words = p.parsed.words;
  report_totals(m, options, r);
  fill_hits(p, m, options, r);
  r.facets = std::move(m.facets);
  for (std::string& warning : m.warnings) r.warnings.push_back(std::move(warning));
  explain(p, r);
  suggest_or_correct(query, words, strict_found, options, r, may_correct);
}

Searcher::Impl::Plan Searcher::Impl::plan(std::string_view query, const SearchOptions& options,
                                          Results& r) {
  forms.forget();  // A commit since the last search may have added forms.
  search::ParseOptions parse_options;
  parse_options.partial_last_word = options.partial_last_word;
  parse_options.title_weight = options.ranking.title_weight;
  Plan p;
  p.parsed = parser.parse(query, parse_options);
  r.warnings.assign(p.parsed.warnings.begin(), p.parsed.warnings.end());
  r.ran = std::string(query);
  r.auto_corrected = false;
  p.gradable = options.graded && !p.parsed.graded.empty();
  p.strict = build(p.parsed.query, options);
  // Sorted by relevance, a graded query runs as such: all-words documents
  // first.  Sorted by date, tiers would interleave, so only documents
  // with every word match, unless there are none.
  p.graded = p.gradable && options.sort == SortOrder::Relevance;
  p.final_query = p.graded ? build(p.parsed.graded, options) : p.strict;
  return p;
}

Searcher::Impl::Match Searcher::Impl::run_match(const Plan& p, const SearchOptions& options,
                                                const Results& r) {
  return match(p.graded ? p.parsed.graded : p.parsed.query, p.final_query, options, r.offset,
               r.limit);
}

void Searcher::Impl::fall_back_to_any_word(Plan& p, Match& m, const SearchOptions& options,
                                           Results& r) {
  if (!p.gradable || p.graded || m.mset.get_matches_estimated() != 0) return;
  Xapian::Query any_query = build(p.parsed.graded, options);
  Match any = match(p.parsed.graded, any_query, options, r.offset, r.limit);
  if (any.mset.get_matches_estimated() == 0) return;
  r.warnings.push_back("no document has all of the words; showing documents with any of them");
  p.graded = true;
  p.final_query = std::move(any_query);
  m = std::move(any);
}

std::size_t Searcher::Impl::all_words_found(const Plan& p, const Match& m,
                                            const SearchOptions& options, const Results& r) {
  if (!p.graded) return std::min<std::size_t>(m.mset.get_matches_estimated(), search::kFewHits);
  std::size_t on_page = 0;
  for (auto it = m.mset.begin(); it != m.mset.end(); ++it) {
    if (it.get_weight() >= search::kAllWordsBonus) ++on_page;
  }
  if (r.offset == 0 && (on_page >= search::kFewHits || on_page < m.mset.size())) {
    return std::min<std::size_t>(on_page, search::kFewHits);
  }
  return count_up_to(build(p.parsed.all_words, options), search::kFewHits);
}

void Searcher::Impl::report_totals(const Match& m, const SearchOptions& options, Results& r) {
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
}

void Searcher::Impl::fill_hits(const Plan& p, const Match& m, const SearchOptions& options,
                               Results& r) {
  // Only snippets highlight: no term sets to build for a hit list.
  const auto terms = options.snippets ? highlight_terms(p.parsed) : search::HighlightTerms{};
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
    hit.all_words = !p.graded || weight >= search::kAllWordsBonus;
    const double bonus = p.graded && hit.all_words ? search::kAllWordsBonus : 0.0;
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
    hit.keywords = std::move(doc.keywords);
    r.hits.push_back(std::move(hit));
  }
}

void Searcher::Impl::explain(Plan& p, Results& r) {
  if (p.graded) {
    p.parsed.expansions.insert(p.parsed.expansions.begin(),
                               "graded: documents with every word first, then those with some");
  }
  r.explanation = {std::move(p.parsed.description), p.final_query.get_description(),
                   std::move(p.parsed.expansions)};
}

void Searcher::Impl::suggest_or_correct(std::string_view query,
                                        const std::vector<search::QueryWord>& words,
                                        std::size_t strict_found, const SearchOptions& options,
                                        Results& r, bool may_correct) {
  // The suggestion is judged on the query as typed: all its words.
  r.suggestion.reset();
  if (options.suggest) {
    r.suggestion = search::suggest(
        db, query, words, strict_found, r.total,
        [&](const std::string& q, bool any_word) { return count_matches(q, options, any_word); });
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

}  // namespace sift
