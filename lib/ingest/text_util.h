// SPDX-License-Identifier: GPL-2.0-or-later
// Text helpers shared by the readers: BOM and line-end handling, whitespace
// normalization, paragraph splitting with de-duplication.
//
// Every function here takes valid UTF-8 (the readers check it first with
// util::check_text) and returns valid UTF-8; code points are decoded with
// the toolkit in util/utf8.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace sift::ingest {

/// `text` without a leading UTF-8 byte-order mark (EF BB BF), if it has one.
std::string_view strip_bom(std::string_view text);

/// `text` with leading and trailing white space (util::is_white_space) and
/// byte-order marks (U+FEFF) removed.
std::string_view trim(std::string_view text);

/// `text` trimmed, with each run of inner white space (util::is_white_space)
/// replaced by one ASCII space.  Two paragraphs are "the same" when this gives equal strings.
std::string normalize_space(std::string_view text);

/// Splits `text` into lines.  Line ends are LF, CRLF, a lone CR, VT, FF,
/// NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029),
/// so no returned line contains a line break.  Lines are not trimmed.
std::vector<std::string_view> split_lines(std::string_view text);

/// Collects the paragraphs of one document in reading order, each trimmed,
/// skipping empty ones and any whose normalized text (normalize_space) was
/// already seen, so a repeated paragraph or headline is kept once.
class ParagraphCollector {
 public:
  /// Marks the headline as seen without keeping it, so the body's repeats
  /// of it are dropped, including a line that holds nothing but two or more
  /// copies of it run together (a scraping glitch seen in corpus/003).
  void mark_headline(std::string_view headline);
  /// Adds each line of `text` as a paragraph, as described above.
  void add_lines(std::string_view text);
  /// Adds one paragraph, as described above.
  void add(std::string_view paragraph);
  /// The paragraphs collected so far; the collector is left empty.
  std::vector<std::string> take() { return std::move(paragraphs_); }

 private:
  bool repeats_headline(std::string_view key) const;

  std::string headline_;  // Normalized; empty when there is none.
  std::unordered_set<std::string> seen_;
  std::vector<std::string> paragraphs_;
};

}  // namespace sift::ingest
