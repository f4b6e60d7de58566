// SPDX-License-Identifier: GPL-2.0-or-later
// UTF-8 checks shared by the readers, the writer and the query parser.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sift::util {

/// The byte offset of the first byte that is not part of well-formed UTF-8
/// (overlong forms, surrogates and code points past U+10FFFF are
/// ill-formed), or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Checks that `text` is valid UTF-8 without NUL bytes.  @return an empty
/// string when it is, else the problem, e.g. "invalid UTF-8 at byte 812"
/// or "NUL byte at byte 40 (binary content?)".
std::string check_text(std::string_view text);

}  // namespace sift::util
