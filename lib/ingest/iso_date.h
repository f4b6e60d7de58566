// SPDX-License-Identifier: GPL-2.0-or-later
// Publication dates in JSONL input.
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

}  // namespace sift::ingest
