// SPDX-License-Identifier: GPL-2.0-or-later
// Percent-decoding and the one check every piece of request text passes:
// the path and every query parameter name and value.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sift::serve {

/// Why a piece of request text was refused, as a phrase for an error
/// message ("contains a NUL byte", "is not valid UTF-8 (at byte 3)", ...),
/// or nullopt when `text` (already decoded) is acceptable: valid UTF-8
/// (no overlong forms, no surrogates) without NUL.
std::optional<std::string> text_problem(std::string_view text);

/// Decodes %XX escapes (a '+' must already be a space in query strings).
/// @return nullopt when an escape is malformed ("%", "%4", "%zz").
std::optional<std::string> percent_decode(std::string_view raw);

}  // namespace sift::serve
