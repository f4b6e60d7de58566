// SPDX-License-Identifier: GPL-2.0-or-later
// SearchOptions::filters -> a boolean Xapian filter on the query.
#pragma once

#include <vector>

#include "analysis/analyzer.h"
#include "sift/options.h"
#include "xapian.h"

namespace sift::search {

/// Restricts `query` by every filter (all must hold) without changing
/// scores (Xapian::Query::OP_FILTER).
///   source:NAME  documents whose source, normalized like the writer does
///                (Analyzer::normalize), is NAME's normalized form.
///   date:RANGE   "FROM..TO" with either end open ("2024-05-01..",
///                "..2024-05-31"), or a single "YYYY[-MM[-DD]]" for that
///                year, month or day.  Ends may be YYYY, YYYY-MM or
///                YYYY-MM-DD; a partial end covers its whole period.
///                Undated documents never pass a date filter.
/// @throws sift::Error(BadQuery) for an unknown field ("unknown filter
/// field 'x'; use source or date") or a malformed value, naming it.
Xapian::Query apply_filters(Xapian::Query query, const std::vector<Filter>& filters,
                            const analysis::Analyzer& analyzer);

}  // namespace sift::search
