// SPDX-License-Identifier: GPL-2.0-or-later
#include "ingest/iso_date.h"

#include <chrono>

namespace sift::ingest {
namespace {

// Reads exactly `n` ASCII digits from the front of `text`.
std::optional<int> take_digits(std::string_view& text, std::size_t n) {
  if (text.size() < n) return std::nullopt;
  int value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  text.remove_prefix(n);
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

// HH:MM[:SS[.fraction]], hour 00-23 (24:00 is not accepted).
bool take_time(std::string_view& text) {
  const auto hour = take_digits(text, 2);
  if (!hour || *hour > 23 || !take_char(text, ':')) return false;
  const auto minute = take_digits(text, 2);
  if (!minute || *minute > 59) return false;
  if (take_char(text, ':')) {
    const auto second = take_digits(text, 2);
    if (!second || *second > 60) return false;  // 60: a leap second.
    if (take_char(text, '.') || take_char(text, ',')) {
      if (!take_digits(text, 1)) return false;
      while (take_digits(text, 1)) {
      }
    }
  }
  return true;
}

// Z, or +HH, +HHMM, +HH:MM (or -).
bool take_offset(std::string_view& text) {
  if (take_char(text, 'Z') || take_char(text, 'z')) return true;
  if (!take_char(text, '+') && !take_char(text, '-')) return false;
  const auto hours = take_digits(text, 2);
  if (!hours || *hours > 23) return false;
  if (text.empty()) return true;
  take_char(text, ':');
  const auto minutes = take_digits(text, 2);
  return minutes && *minutes <= 59;
}

}  // namespace

std::optional<std::string> iso_date_part(std::string_view text) {
  const std::string_view date = text.substr(0, 10);
  std::string_view rest = text;
  const auto year = take_digits(rest, 4);
  if (!year || !take_char(rest, '-')) return std::nullopt;
  const auto month = take_digits(rest, 2);
  if (!month || !take_char(rest, '-')) return std::nullopt;
  const auto day = take_digits(rest, 2);
  if (!day) return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) return std::nullopt;
  if (!rest.empty()) {
    if (!take_char(rest, 'T') && !take_char(rest, 't') && !take_char(rest, ' ')) {
      return std::nullopt;
    }
    if (!take_time(rest)) return std::nullopt;
    if (!rest.empty() && (!take_offset(rest) || !rest.empty())) return std::nullopt;
  }
  return std::string(date);
}

std::string date_problem(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  std::string expected = "not a date " + quoted + "; use YYYY, YYYY-MM or YYYY-MM-DD";
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return expected;
  std::string_view rest = text;
  const auto year = take_digits(rest, 4);
  if (!year) return expected;
  if (rest.empty()) return {};
  if (!take_char(rest, '-')) return expected;
  const auto month = take_digits(rest, 2);
  if (!month) return expected;
  if (*month < 1 || *month > 12) {
    return "invalid month " + std::to_string(*month) + " in " + quoted;
  }
  if (rest.empty()) return {};
  if (!take_char(rest, '-')) return expected;
  const auto day = take_digits(rest, 2);
  if (!day) return expected;
  const std::chrono::year_month_day ymd{std::chrono::year(*year),
                                        std::chrono::month(static_cast<unsigned>(*month)),
                                        std::chrono::day(static_cast<unsigned>(*day))};
  if (!ymd.ok()) {
    return std::string(text.substr(0, 7)) + " has no day " + std::to_string(*day);
  }
  return {};
}

std::optional<DateRange> parse_date_range(std::string_view text, std::string& problem) {
  DateRange range;
  const auto dots = text.find("..");
  if (dots == std::string_view::npos) {
    range.from = range.to = std::string(text);
  } else {
    range.from = std::string(text.substr(0, dots));
    range.to = std::string(text.substr(dots + 2));
  }
  if (range.from.empty() && range.to.empty()) {
    problem = "empty date range; use FROM..TO, FROM.., ..TO or one date (YYYY[-MM[-DD]])";
    return std::nullopt;
  }
  for (const std::string* end : {&range.from, &range.to}) {
    if (end->empty()) continue;
    problem = date_problem(*end);
    if (!problem.empty()) return std::nullopt;
  }
  // Compare the first days: 2024-05 starts before 2024-05-02, and a range
  // from 2024-05-31 to 2024-05 is the one day 2024-05-31.
  if (!range.from.empty() && !range.to.empty() &&
      range.from.substr(0, range.to.size()) > range.to) {
    problem = "range start " + range.from + " is after its end " + range.to;
    return std::nullopt;
  }
  return range;
}

}  // namespace sift::ingest
