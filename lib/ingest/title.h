// SPDX-License-Identifier: GPL-2.0-or-later
// Titles of plain-text articles: recognizing a headline, and making a title
// from the first sentence when there is none.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sift::ingest {

/// True when `line` reads like a headline: it has a letter, at most
/// `max_chars` characters, and does not end (before any closing quotes or
/// brackets) in a period, an ellipsis, a comma, a semicolon or a colon,
/// which mark a sentence or a clause that goes on.  A headline may end in
/// '?' or '!' ("Should Ukraine be allowed to strike Russia?").
bool is_headline(std::string_view line, std::size_t max_chars);

/// A title made from the first sentence of `paragraph` (ICU sentence
/// boundaries, English abbreviations such as "Mr." do not end a sentence),
/// with white space normalized and a final single period dropped.  A
/// sentence longer than `max_chars` characters is cut at the last space that
/// keeps it within `max_chars` including the "…" added at the end (at a word
/// or character boundary when there is no space, as in Chinese), and
/// dangling punctuation such as a comma or a dash is dropped before the "…".
std::string title_from_first_sentence(std::string_view paragraph, std::size_t max_chars);

}  // namespace sift::ingest
