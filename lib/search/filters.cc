// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/filters.h"

#include <cctype>
#include <string>
#include <string_view>

#include "index/format/layout.h"
#include "sift/error.h"

namespace sift::search {
namespace {

/// True for "YYYY", "YYYY-MM" and "YYYY-MM-DD" (digits only; the calendar
/// is not checked, so "2024-02-30" simply matches nothing).
bool is_date_prefix(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

Xapian::Query date_filter(const std::string& value) {
  std::string_view v = value;
  std::string_view from = v, to = v;
  if (const auto dots = v.find(".."); dots != std::string_view::npos) {
    from = v.substr(0, dots);
    to = v.substr(dots + 2);
  }
  auto bad = [&]() {
    return Error(ErrorCode::BadQuery,
                 "bad date filter '" + value +
                     "'; use YYYY-MM-DD..YYYY-MM-DD (either end may be left out, "
                     "or YYYY / YYYY-MM for a whole year or month)");
  };
  if ((from.empty() && to.empty()) || (!from.empty() && !is_date_prefix(from)) ||
      (!to.empty() && !is_date_prefix(to))) {
    throw bad();
  }
  // Stored dates are "YYYY-MM-DD" strings, so string order is date order;
  // '~' sorts after every digit and '-', closing a partial upper end.
  const std::string lo(from);
  const std::string hi = std::string(to) + "~";
  const auto slot = format::kDateSlot;
  if (from.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi);
  if (to.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo);
  if (lo > hi) throw bad();
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi);
}

}  // namespace

Xapian::Query apply_filters(Xapian::Query query, const std::vector<Filter>& filters,
                            const analysis::Analyzer& analyzer) {
  for (const auto& f : filters) {
    Xapian::Query filter;
    if (f.field == "source") {
      const std::string name = analyzer.normalize(f.value);
      if (name.empty()) {
        throw Error(ErrorCode::BadQuery, "empty source filter; use source:NAME");
      }
      filter = Xapian::Query(format::key_term(format::kSource, name));
    } else if (f.field == "date") {
      filter = date_filter(f.value);
    } else {
      throw Error(ErrorCode::BadQuery,
                  "unknown filter field '" + f.field + "'; use source or date");
    }
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  return query;
}

}  // namespace sift::search
