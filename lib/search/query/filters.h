// SPDX-License-Identifier: GPL-2.0-or-later
// Filters: the one implementation behind SearchOptions::filters and the
// query language's filter fields (source:, tag:, date:).  Fields come from
// the registry (index/format/fields.h), dates follow the one date rule
// (ingest/iso_date.h).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/fields.h"
#include "ingest/iso_date.h"
#include "sift/options.h"
#include "xapian.h"

namespace sift::search {

/// Documents whose keyword `field` has `value`, compared as the writer
/// stores it (normalized like a query word when the field is normalized).
/// @return nullopt when the value normalizes to nothing.
std::optional<Xapian::Query> keyword_query(const format::FieldSpec& field, std::string_view value,
                                           const analysis::Analyzer& analyzer);

/// Documents dated within `range` (ends inclusive; a partial end covers
/// its whole year or month).  Undated documents never match.
Xapian::Query date_query(const ingest::DateRange& range);

/// One filter's query.
/// @throws sift::Error(BadQuery) for an unknown field ("unknown filter field
/// 'x'; use source, author, tags or date"), an empty value or a bad date
/// range ("bad date filter '2024-13..': invalid month 13 in '2024-13'").
Xapian::Query filter_query(const Filter& filter, const analysis::Analyzer& analyzer);

/// Restricts `query` by `filters` without changing scores
/// (Xapian::Query::OP_FILTER): filters on one field match any of their
/// values (OR), filters on different fields must all hold (AND).  Filters on
/// `except` are left out (multi-select facet counts).
/// @throws sift::Error(BadQuery) as filter_query.
Xapian::Query apply_filters(Xapian::Query query, const std::vector<Filter>& filters,
                            const analysis::Analyzer& analyzer,
                            const format::FieldSpec* except = nullptr);

/// The registry field a filter names.  @throws sift::Error(BadQuery) when
/// it names none, or one that is not a filter.
const format::FieldSpec& filter_field(const Filter& filter);

}  // namespace sift::search
