// SPDX-License-Identifier: GPL-2.0-or-later
// sift::Document -> Xapian::Document, laid out per lib/index/format/.
//
// Positions: title words from 1; the body (paragraphs joined by '\n', the
// exact text stored in the data) from the position after the title plus
// paragraph_gap, and the Analyzer adds paragraph_gap at every '\n', so a
// phrase never spans the title and the body or two paragraphs.  Author words
// have their own positions from 1 (they are only ever searched as A terms).
// Only exact forms carry positions; stems are found through the stem map.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/fields.h"
#include "index/format/stem_map.h"
#include "sift/document.h"
#include "sift/options.h"
#include "xapian.h"

namespace sift::index {

/// Bounds on one document, so the memory to build it is bounded (about
/// 1.1 KB per distinct word and 0.3 KB per paragraph at the limits, see
/// docs/RELIABILITY.md): more paragraphs fail validate(), more distinct
/// words fail build_document(), both with BadInput.
inline constexpr std::size_t kMaxParagraphs = 100'000;
inline constexpr std::size_t kMaxDistinctWords = 200'000;

/// Why `doc` cannot be indexed ("document has an empty id", "document 'x':
/// field title: invalid UTF-8 at byte 3", "document 'x': 1000000
/// paragraphs; the limit is 100000", ...), or an empty string.  The
/// keyword fields and their rules come from `fields` (the registry; tests
/// pass their own).
std::string validate(const Document& doc,
                     std::span<const format::FieldSpec> fields = format::fields());

/// The body as stored and indexed: paragraphs joined by '\n'.
std::string body_text(const Document& doc);

/// A stable hash of every field and of the analyzer options: equal hashes
/// mean re-indexing would write the same Xapian document.  Fields kept in
/// Document::keywords count only when they have values, so a document
/// without them hashes as format 2 always has.
std::string content_hash(const Document& doc, const AnalyzerOptions& options,
                         std::span<const format::FieldSpec> fields = format::fields());

/// Builds the Xapian document for a valid `doc` (see validate()), laid out
/// per format/layout.h and format/record.h, with `hash` in
/// format::kHashSlot.  The keyword and text fields come from `fields` and
/// `text_fields` (the registry; tests pass their own).  Records each exact
/// form with its stem in `stems` (the stem map, format/stem_map.h).
/// @throws sift::Error(BadInput) past kMaxDistinctWords distinct words.
Xapian::Document build_document(
    const Document& doc, const std::string& hash, analysis::Analyzer& analyzer,
    format::StemMapBatch& stems, std::span<const format::FieldSpec> fields = format::fields(),
    std::span<const format::TextFieldSpec> text_fields = format::text_fields());

}  // namespace sift::index
