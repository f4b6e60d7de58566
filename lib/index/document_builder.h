// SPDX-License-Identifier: GPL-2.0-or-later
// sift::Document -> Xapian::Document, laid out per index/term_scheme.h.
//
// Positions: title words from 1; the body (paragraphs joined by '\n', the
// exact text stored in the data) from the position after the title plus
// paragraph_gap, and the Analyzer adds paragraph_gap at every '\n', so a
// phrase never spans the title and the body or two paragraphs.  Author words
// have their own positions from 1 (they are only ever searched as A terms).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "sift/document.h"
#include "sift/options.h"
#include "xapian.h"

namespace sift::index {

/// Word -> occurrences, the input of Xapian's spelling table.
using SpellingCounts = std::map<std::string, Xapian::termcount, std::less<>>;

/// Why `doc` cannot be indexed ("document has an empty id", "document 'x':
/// field title: invalid UTF-8 at byte 3", ...), or an empty string.
std::string validate(const Document& doc);

/// The body as stored and indexed: paragraphs joined by '\n'.
std::string body_text(const Document& doc);

/// A stable hash of every field and of the analyzer options: equal hashes
/// mean re-indexing would write the same Xapian document.
std::string content_hash(const Document& doc, const AnalyzerOptions& options);

/// Builds the Xapian document for a valid `doc` (see validate()), with
/// `hash` in scheme::kHashSlot.  Adds the words that belong in the spelling
/// table to `spellings`.
Xapian::Document build_document(const Document& doc, const std::string& hash,
                                analysis::Analyzer& analyzer, SpellingCounts& spellings);

/// The key, in the document data, of the body's paragraph starts: for each
/// paragraph of the stored "text" (lines split at '\n', in order), the
/// position of its first indexed body word, or 0 when it has none.  A
/// snippet uses it to find, from the positions of the matched terms, the
/// paragraphs that can hold a match, and analyzes only those.  Documents
/// written before it existed lack the key.
inline constexpr std::string_view kDataParagraphStarts = "para";

/// The paragraph starts as stored: one decimal number per paragraph,
/// separated by ' ', each the difference from the last non-zero start
/// before it (so 0 still means "no word"): "12 0 40 35".
std::string encode_paragraph_starts(const std::vector<std::uint32_t>& starts);

/// The inverse of encode_paragraph_starts(); nullopt for anything it cannot
/// have written (empty, not digits, a start past 2^32 - 1).
std::optional<std::vector<std::uint32_t>> decode_paragraph_starts(std::string_view encoded);

/// The spelling words of a stored document, from its title and body text,
/// counted exactly as build_document counted them.
void spelling_words(std::string_view title, std::string_view text, analysis::Analyzer& analyzer,
                    SpellingCounts& spellings);

}  // namespace sift::index
