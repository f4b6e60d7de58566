// SPDX-License-Identifier: GPL-2.0-or-later
// The one date rule: publication dates in input (ingest), in documents
// (the writer's check), and in date filters and the query language's
// date: (search).  Every date is checked against the calendar here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sift::ingest {

/// The calendar date "YYYY-MM-DD" of an ISO 8601 date or date-time:
/// "2024-05-28", "2024-05-28T10:15Z", "2024-05-28 10:15:30.5+02:00".  The
/// date must exist (no 2023-02-29) and any time of day and UTC offset must
/// be well-formed; the time itself is dropped (no conversion to UTC).
/// @return nullopt for anything else.
std::optional<std::string> iso_date_part(std::string_view text);

/// What is wrong with `text` as a date "YYYY", "YYYY-MM" or "YYYY-MM-DD"
/// (a whole year, month or day) that exists in the calendar: "invalid month
/// 13 in '2024-13'", "2023-02 has no day 29", ..., or empty when it is one.
/// (Callers name the whole input: a day's problem does not repeat it.)
std::string date_problem(std::string_view text);

/// A date range as filters use it.  Ends are dates date_problem() accepts,
/// or empty for an open end; a partial end covers its whole year or month.
struct DateRange {
  std::string from, to;
};

/// Parses "FROM..TO" (either end may be left out, not both) or a single
/// date (that year, month or day).  @return the range, or nullopt with
/// `problem` saying what is wrong ("invalid month 13 in '2024-13'", "range
/// start 2025 is after its end 2024", ...).
std::optional<DateRange> parse_date_range(std::string_view text, std::string& problem);

}  // namespace sift::ingest
