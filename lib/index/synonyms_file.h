// SPDX-License-Identifier: GPL-2.0-or-later
// The synonym file format: one group of equivalent spellings per line.
//
//   # a comment (a line whose first non-blank character is '#')
//   Kyiv Kiev Київ
//   US U.S. "United States" USA
//
// Spellings are separated by blanks; a spelling of several words is written
// in double quotes.  Blank lines are ignored.  This file only splits the
// text; IndexWriter::load_synonyms normalizes the spellings with the
// index's Analyzer and stores them.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sift::index {

/// One line's spellings, as written (quotes removed).
struct SynonymGroup {
  std::size_t line = 0;  ///< 1-based line number, for messages.
  std::vector<std::string> spellings;
};

/// Splits a synonym file's text into groups.  `name` is used in messages.
/// @throws sift::Error(BadInput) "NAME:LINE: unterminated quote",
/// "NAME:LINE: a group of N spellings; the limit is 32" (format/layout.h), or
/// "NAME:LINE: invalid UTF-8 at byte N" (and the like) for text that is not
/// valid UTF-8 without NUL bytes.
std::vector<SynonymGroup> parse_synonyms(std::string_view text, const std::string& name);

/// Reads and parses the file at `path`.
/// @throws sift::Error NotFound (no such file), IO (unreadable), BadInput.
std::vector<SynonymGroup> read_synonyms_file(const std::filesystem::path& path);

}  // namespace sift::index
