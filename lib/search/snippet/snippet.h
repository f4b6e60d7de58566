// SPDX-License-Identifier: GPL-2.0-or-later
// Highlighted passages: the part of a hit's text that best shows why it
// matched.
//
// Xapian 1.4 has MSet::snippet(), but it re-tokenizes the text with
// Xapian's own word rules (no NFKC, no accent folding, no joined hyphen
// words, no dotted acronyms), so it cannot find the words Sift's Analyzer
// indexed: "Zürich" would not light up for "zurich", nor "U.S." for "us".
// This module re-analyzes the stored text with the same Analyzer that built
// the index and maps the matched tokens back to their original bytes; with
// bounds from the index (body_bounds.h) it analyzes only the paragraphs
// that can hold the best passage.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analysis/analyzer.h"
#include "sift/options.h"
#include "sift/searcher.h"

namespace sift::search {

/// The terms whose occurrences are marked in a snippet.
struct HighlightTerms {
  /// Normalized exact forms: a token whose text is one of these is marked.
  std::unordered_set<std::string> exact;
  /// Stems: a token whose stem is one of these is marked.
  std::unordered_set<std::string> stems;

  bool empty() const { return exact.empty() && stems.empty(); }
};

/// A marked range of a text: bytes [begin, end).
using MarkedRange = sift::MarkedRange;

/// How a highlighted text is written (sift::Highlighting, by reference).
using Markup = sift::Highlighting;

/// A highlighted text and where its marked words are in it.
struct Highlighted {
  std::string text;
  std::vector<MarkedRange> marks;  ///< Bytes of `text` between the markers, in order.
};

/// One matched token, for choosing the passage.
struct TokenMatch {
  std::size_t begin = 0;  ///< Byte range of the token in the text.
  std::size_t end = 0;
  std::string key;  ///< Identity of the matched term (its stem), for counting distinct terms.
};

/// Every token of `text` that matches `terms`, in text order.  A joined
/// hyphenated word ("Secretary-General") that matches yields a match
/// spanning the whole word, besides the matches of its parts: each counts
/// as a distinct term when choosing the passage, and merge_ranges() marks
/// the word as one.
std::vector<TokenMatch> find_matches(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                                     std::string_view text);

/// What the index says about one paragraph (line) of a hit's body: upper
/// bounds on the matches any passage inside it can hold (see
/// body_bounds.h, which computes them from the matched terms' positions).
struct ParagraphBound {
  /// Distinct matched terms (keys) in the paragraph; 0: no match at all.
  std::size_t distinct = 0;
  /// Distinct word positions in the paragraph where a term matches.
  std::size_t positions = 0;
  /// The position of the paragraph's first indexed word, and the positions
  /// where a term matches, sorted: a token elsewhere cannot match.
  std::uint32_t first_position = 0;
  std::vector<std::uint32_t> matched;
};

/// One ParagraphBound per line of the whole stored body, in order.
using BodyBounds = std::vector<ParagraphBound>;

/// Merges the matches' byte ranges into disjoint, sorted ranges (a joined
/// word's range swallows the ranges of its parts).
std::vector<MarkedRange> merge_ranges(const std::vector<TokenMatch>& matches);

/// Builds the snippet of one hit.
///
/// The passage is a window of about `max_chars` characters (code points)
/// inside one paragraph of `text` (paragraphs are separated by '\n'),
/// chosen to hold the most distinct matched terms, then the most matches,
/// then the earliest, within the first 64 KiB of `text` (cut at white
/// space), so the work per hit is bounded however long the body is.  The
/// window is cut at white space, so never inside a
/// word or a UTF-8 sequence (a single word longer than the window is cut at
/// a character boundary).  When the body has no match, the title is the
/// passage if it matches; otherwise the opening of the body is shown
/// without marks.  All text is HTML-escaped; each matched word is wrapped
/// in <mark>...</mark>; "…" stands for text cut at either end (a
/// paragraph's own ends are not marked).
///
/// With `bounds` (which must describe `text` truthfully: no match in a line
/// whose bound says 0, no more than the bound allows), only the lines that
/// can still beat the best passage found so far are analyzed, best bound
/// first; the snippet is byte for byte the one made without them.
std::string make_snippet(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                         std::string_view title, std::string_view text, std::size_t max_chars,
                         const BodyBounds* bounds = nullptr);

/// make_snippet() written with `markup` instead of HTML and <mark>: in
/// plain-text mode nothing is escaped.  The marks are the matched words'
/// bytes in the result.
Highlighted make_snippet(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                         std::string_view title, std::string_view text, std::size_t max_chars,
                         const Markup& markup, const BodyBounds* bounds = nullptr);

/// The whole of `title` (one line) with its matched words marked as in a
/// snippet written with `markup`.
Highlighted highlight_title(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                            std::string_view title, const Markup& markup);

}  // namespace sift::search
