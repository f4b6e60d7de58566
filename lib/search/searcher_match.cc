// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher::Impl: matching a query with BM25 and the caller's ranking, the
// facet counts of a match, and the cheap counts the suggestion needs.
#include <algorithm>
#include <chrono>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "search/query/filters.h"
#include "search/searcher_impl.h"
#include "sift/error.h"

namespace sift {
namespace {

using Clock = std::chrono::steady_clock;

/// BM25 with the caller's k1, b and length floor (min_normlen); k2 = 0
/// and k3 = 1, Xapian's defaults.  @throws sift::Error(BadInput) for
/// values BM25 does not define.
Xapian::BM25Weight bm25(const SearchOptions::Ranking& ranking) {
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

}  // namespace

Xapian::Query Searcher::Impl::build(const Xapian::Query& parsed,
                                    const SearchOptions& options) const {
  return search::apply_filters(parsed, options.filters, analyzer);
}

std::optional<std::size_t> Searcher::Impl::count_matches(const std::string& query,
                                                         const SearchOptions& options,
                                                         bool any_word) {
  search::ParsedQuery parsed;
  try {
    parsed = parser.parse(query);
  } catch (const Error&) {
    return std::nullopt;
  }
  Xapian::Enquire enquire(db);
  const bool graded = any_word && !parsed.graded.empty();
  enquire.set_query(build(graded ? parsed.graded : parsed.query, options));
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

Searcher::Impl::Match Searcher::Impl::match(const Xapian::Query& base, const Xapian::Query& query,
                                            const SearchOptions& options, std::size_t offset,
                                            std::size_t limit) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(bm25(options.ranking));
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
  const auto start = Clock::now();
  m.mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                            static_cast<Xapian::doccount>(limit), check_at_least);
  m.cut_short = options.deadline.count() > 0 && Clock::now() - start >= options.deadline;
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

void Searcher::Impl::count_facets(const Xapian::Query& query, search::FacetSpies& spies,
                                  Xapian::doccount check_at_least) {
  Xapian::Enquire counting(db);
  counting.set_query(query);
  spies.attach(counting);
  counting.get_mset(0, 0, check_at_least);
}

std::size_t Searcher::Impl::count_up_to(const Xapian::Query& query, std::size_t most) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  return enquire.get_mset(0, static_cast<Xapian::doccount>(most)).size();
}

}  // namespace sift
