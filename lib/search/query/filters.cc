// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/query/filters.h"

#include <string>
#include <utility>

#include "index/format/layout.h"
#include "sift/error.h"

namespace sift::search {

std::optional<Xapian::Query> keyword_query(const format::FieldSpec& field, std::string_view value,
                                           const analysis::Analyzer& analyzer) {
  const std::string key = field.normalized ? analyzer.normalize(value) : std::string(value);
  if (key.empty()) return std::nullopt;
  return Xapian::Query(format::key_term(field.term_prefix, key));
}

Xapian::Query date_query(const ingest::DateRange& range) {
  // Stored dates are "YYYY-MM-DD" strings, so string order is date order;
  // '~' sorts after every digit and '-', closing a partial upper end.
  const auto slot = format::kDateSlot;
  const std::string hi = range.to.size() < 10 ? range.to + "~" : range.to;
  if (range.from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
  if (range.to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, range.from);
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, range.from, hi);
}

const format::FieldSpec& filter_field(const Filter& filter) {
  const format::FieldSpec* field = format::find_field(filter.field);
  if (field == nullptr || !field->filter) {
    throw Error(ErrorCode::BadQuery, "unknown filter field '" + filter.field + "'; use " +
                                         format::field_names(/*facets=*/false));
  }
  return *field;
}

Xapian::Query filter_query(const Filter& filter, const analysis::Analyzer& analyzer) {
  const format::FieldSpec& field = filter_field(filter);
  if (field.kind == format::FieldKind::Date) {
    std::string problem;
    const auto range = ingest::parse_date_range(filter.value, problem);
    if (!range) {
      throw Error(ErrorCode::BadQuery, "bad date filter '" + filter.value + "': " + problem);
    }
    return date_query(*range);
  }
  auto query = keyword_query(field, filter.value, analyzer);
  if (!query) {
    throw Error(ErrorCode::BadQuery, "empty " + std::string(field.name) + " filter '" +
                                         filter.value + "'; use " + std::string(field.name) +
                                         ":VALUE");
  }
  return std::move(*query);
}

Xapian::Query apply_filters(Xapian::Query query, const std::vector<Filter>& filters,
                            const analysis::Analyzer& analyzer, const format::FieldSpec* except) {
  // Registry order, so the query (and its description) does not depend on
  // the order the filters were given in.
  for (const format::FieldSpec& field : format::fields()) {
    std::vector<Xapian::Query> any_of;
    for (const Filter& f : filters) {
      if (&filter_field(f) == &field) any_of.push_back(filter_query(f, analyzer));
    }
    if (any_of.empty() || &field == except) continue;
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, any_of.begin(), any_of.end()));
  }
  return query;
}

}  // namespace sift::search
