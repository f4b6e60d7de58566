// SPDX-License-Identifier: GPL-2.0-or-later
// The one UTF-8 toolkit: decoding, encoding, counting, cutting and checking
// UTF-8, used by the readers, the analyzer, the writer, the query language,
// snippets and spelling.  ICU's U8_* macros do the decoding (Unicode's
// well-formedness rules, U+FFFD per maximal ill-formed subsequence); these
// wrappers take std::string_view and size_t offsets, so callers need
// neither ICU's int32_t indexes nor their own byte arithmetic.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sift::util {

/// U+FFFD REPLACEMENT CHARACTER, what ill-formed UTF-8 decodes to.
inline constexpr char32_t kReplacementChar = 0xFFFD;

/// True for a UTF-8 continuation byte (10xxxxxx), which never starts a
/// code point.
constexpr bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

/// Decodes the code point that starts at text[i] (i < text.size()) and
/// moves i past it.  Ill-formed UTF-8 (a stray continuation byte, an
/// overlong form, a surrogate, a code point past U+10FFFF, a sequence cut
/// short) decodes as kReplacementChar and moves i past the maximal
/// ill-formed subsequence (at least one byte), so any input is read to its
/// end without reading past it.
char32_t next_code_point(std::string_view text, std::size_t& i);

/// Decodes the code point that ends just before text[end] (0 < end <=
/// text.size()) and moves end back to its first byte; ill-formed UTF-8 is
/// read as by next_code_point.
char32_t prev_code_point(std::string_view text, std::size_t& end);

/// `text` as code points into `out` (replacing its contents), ill-formed
/// UTF-8 as by next_code_point.
void decode_utf8(std::string_view text, std::u32string& out);

/// `text` as code points, ill-formed UTF-8 as by next_code_point.
std::u32string to_code_points(std::string_view text);

/// Appends the UTF-8 form of `cp` to `out`; a surrogate or a value past
/// U+10FFFF, which UTF-8 cannot encode, is appended as U+FFFD.
void append_utf8(char32_t cp, std::string& out);

/// The UTF-8 form of `code_points` (each as by append_utf8).
std::string to_utf8(std::u32string_view code_points);

/// The number of code points in valid UTF-8 `text` (its bytes that are
/// not continuation bytes; in ill-formed text, never more than its size).
std::size_t count_code_points(std::string_view text);

/// The first byte of the code point that holds byte `n` of `text`: `n`
/// itself when a code point starts there, text.size() when n >= size.  It
/// looks back at most three bytes (a code point is at most four), and in
/// ill-formed UTF-8 returns `n` rather than join bytes that do not form a
/// code point, so a cut there never makes valid text invalid.
std::size_t code_point_start(std::string_view text, std::size_t n);

/// The longest prefix of `text` of at most `max_bytes` bytes that does not
/// end inside a code point.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

/// The offset `count` code points after `pos`, stopping at `limit` (<=
/// text.size()); `pos` must start a code point.
std::size_t skip_forward(std::string_view text, std::size_t pos, std::size_t count,
                         std::size_t limit);

/// The offset `count` code points before `pos`, stopping at `floor`.
std::size_t skip_back(std::string_view text, std::size_t pos, std::size_t count, std::size_t floor);

/// True when `text` is well-formed UTF-8 (see first_invalid_utf8).
bool is_valid_utf8(std::string_view text);

/// U+FEFF ZERO WIDTH NO-BREAK SPACE, which at the start of a file is its
/// byte-order mark.  Not white space (see is_white_space).
inline constexpr char32_t kByteOrderMark = 0xFEFF;

/// The one list of white space, for every place that asks where words end
/// or what to trim: the query language's lexer, the readers' trimming and
/// white-space normalization, the analyzer's field values.  It is Unicode's
/// White_Space property (the ASCII spaces and line ends, U+0085 NEXT LINE,
/// U+00A0 NO-BREAK SPACE, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000) plus U+200B ZERO WIDTH SPACE:
/// - U+0085 NEXT LINE is a line break, as LF is: the readers end lines at
///   it, so a query must split words there too, or a query pasted with it
///   looks for a phrase across two paragraphs.
/// - U+00A0 NO-BREAK SPACE and U+202F NARROW NO-BREAK SPACE only forbid a
///   line break: text pasted from a web page ("10&nbsp;km") has them
///   between words, and a query typed with a plain space must find it.
/// - U+200B ZERO WIDTH SPACE is not White_Space in Unicode (it is a format
///   character), but it is a word boundary that shows no space: web pages
///   put it between words (and in long words) to allow a line break there,
///   and the analyzer's word segmentation (UAX #29) indexes the text on both
///   sides as two words.  A query splits there as well.
/// Not white space:
/// - kByteOrderMark, U+FEFF ZERO WIDTH NO-BREAK SPACE, says "no break here"
///   as U+2060 WORD JOINER does.  The analyzer joins the letters on both
///   sides and drops it ("co\uFEFFoperate" is "cooperate"), so a query typed
///   the same way must not split there.  A BOM left at the start of a
///   paragraph (files concatenated) is dropped by the readers' trimming and
///   ignored by the analyzer.
/// - U+200C ZWNJ, U+200D ZWJ, U+2060 WORD JOINER and U+00AD SOFT HYPHEN sit
///   inside words; the analyzer drops them.
/// - U+180E MONGOLIAN VOWEL SEPARATOR, White_Space before Unicode 6.3 only.
bool is_white_space(char32_t cp);

/// Hyphens and dashes that join the parts of a word ("F-16", "190–mile"):
/// '-', U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash,
/// U+2013 en dash, U+2014 em dash, U+2212 minus sign, U+FE63 small
/// hyphen-minus, U+FF0D full-width hyphen-minus.  The analyzer joins the
/// parts of a word across them and snippets look for them.
bool is_joining_dash(char32_t cp);

/// The dashes that normalization spells '-': the joining dashes plus
/// U+2015 HORIZONTAL BAR.  The bar introduces a quotation or a speaker
/// ("―Yes, he said"), never sits inside a word, so it does not join words;
/// it is still folded to '-' so that a query and a text spelling a dash
/// differently compare equal.
bool is_dash(char32_t cp);

/// The byte offset of the first byte that is not part of well-formed UTF-8
/// (overlong forms, surrogates and code points past U+10FFFF are
/// ill-formed), or nullopt when all of `text` is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

/// Checks that `text` is valid UTF-8 without NUL bytes.  @return an empty
/// string when it is, else the problem, e.g. "invalid UTF-8 at byte 812"
/// or "NUL byte at byte 40 (binary content?)".
std::string check_text(std::string_view text);

}  // namespace sift::util
