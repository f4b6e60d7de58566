// SPDX-License-Identifier: GPL-2.0-or-later
// The UTF-8 toolkit (lib/util/utf8.h): decoding with U+FFFD for every kind
// of ill-formed input, encoding, counting, cutting at code point boundaries,
// the dash lists and the one list of white space.

#include "util/utf8.h"

#include <gtest/gtest.h>
#include <unicode/uchar.h>

#include <string>
#include <vector>

namespace sift::util {
namespace {

constexpr char32_t kFffd = kReplacementChar;

// Every code point next_code_point reads from `text`, with the offsets it
// stops at.
struct Decoded {
  std::u32string code_points;
  std::vector<std::size_t> ends;
};
Decoded decode_all(std::string_view text) {
  Decoded out;
  for (std::size_t i = 0; i < text.size();) {
    out.code_points.push_back(next_code_point(text, i));
    out.ends.push_back(i);
  }
  return out;
}

TEST(Utf8Test, DecodesOneToFourByteSequences) {
  const Decoded d = decode_all("a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80");  // a é — 😀
  EXPECT_EQ(d.code_points, (std::u32string{U'a', U'é', U'\u2014', U'\U0001F600'}));
  EXPECT_EQ(d.ends, (std::vector<std::size_t>{1, 3, 6, 10}));
}

TEST(Utf8Test, IllFormedInputDecodesAsReplacementAndIsReadToItsEnd) {
  struct Case {
    std::string bytes;
    std::u32string expected;
  };
  const Case cases[] = {
      {"\x80", {kFffd}},                                   // stray continuation byte
      {"\xC0\xAF", {kFffd, kFffd}},                        // overlong '/' (C0 is never a lead)
      {"\xE0\x80\xAF", {kFffd, kFffd, kFffd}},             // overlong 3-byte form
      {"\xF0\x80\x80\xAF", {kFffd, kFffd, kFffd, kFffd}},  // overlong 4-byte form
      {"\xED\xA0\x80", {kFffd, kFffd, kFffd}},             // U+D800, a surrogate
      {"\xED\xBF\xBF", {kFffd, kFffd, kFffd}},             // U+DFFF, a surrogate
      {"\xF4\x90\x80\x80", {kFffd, kFffd, kFffd, kFffd}},  // past U+10FFFF
      {"\xF5\x80", {kFffd, kFffd}},                        // F5 is never a lead
      {"\xFF", {kFffd}},
      {"\xE2\x80", {kFffd}},         // cut short at the end: one U+FFFD
      {"\xE2\x80x", {kFffd, U'x'}},  // cut short before ASCII
      {"\xF0\x9F\x98", {kFffd}},     // a 4-byte sequence cut short
      {"a\xC3", {U'a', kFffd}},
  };
  for (const Case& c : cases) {
    const Decoded d = decode_all(c.bytes);
    EXPECT_EQ(d.code_points, c.expected) << testing::PrintToString(c.bytes);
    ASSERT_FALSE(d.ends.empty());
    EXPECT_EQ(d.ends.back(), c.bytes.size());
  }
}

TEST(Utf8Test, FirstInvalidNamesTheByteAndIsValidAgrees) {
  EXPECT_EQ(first_invalid_utf8(""), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("plain \xC3\xA9t\xC3\xA9 \xF0\x9F\x98\x80"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("ab\x80"), 2u);
  EXPECT_EQ(first_invalid_utf8("ab\xC0\xAF"), 2u);          // overlong
  EXPECT_EQ(first_invalid_utf8("x\xE0\x9F\xBF"), 1u);       // overlong U+07FF
  EXPECT_EQ(first_invalid_utf8("x\xED\xA0\x80"), 1u);       // surrogate
  EXPECT_EQ(first_invalid_utf8("xy\xF4\x90\x80\x80"), 2u);  // past U+10FFFF
  EXPECT_EQ(first_invalid_utf8("xyz\xE2\x80"), 3u);         // truncated at the end
  // Noncharacters are well-formed UTF-8.
  EXPECT_EQ(first_invalid_utf8("\xEF\xBF\xBF"), std::nullopt);
  EXPECT_EQ(first_invalid_utf8("\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xE2\x80\x94"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x80"));
}

TEST(Utf8Test, CheckTextNamesTheProblem) {
  EXPECT_EQ(check_text("fine"), "");
  EXPECT_EQ(check_text("ab\xFF"), "invalid UTF-8 at byte 2");
  EXPECT_EQ(check_text(std::string("a\0b", 3)), "NUL byte at byte 1 (binary content?)");
}

TEST(Utf8Test, PrevCodePointWalksBackOverWholeSequences) {
  const std::string text = "a\xC3\xA9\xF0\x9F\x98\x80";
  std::size_t end = text.size();
  EXPECT_EQ(prev_code_point(text, end), U'\U0001F600');
  EXPECT_EQ(end, 3u);
  EXPECT_EQ(prev_code_point(text, end), U'é');
  EXPECT_EQ(end, 1u);
  EXPECT_EQ(prev_code_point(text, end), U'a');
  EXPECT_EQ(end, 0u);
  // A lone continuation byte after ASCII is one U+FFFD, one byte back.
  const std::string bad = "ab\x80";
  end = bad.size();
  EXPECT_EQ(prev_code_point(bad, end), kFffd);
  EXPECT_EQ(end, 2u);
}

TEST(Utf8Test, EncodesAndRoundTrips) {
  const std::u32string cps = {U'a', U'é', U'\u2014', U'\U0001F600', U'\U0010FFFF'};
  const std::string utf8 = to_utf8(cps);
  EXPECT_EQ(utf8, "a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF");
  std::u32string back;
  decode_utf8(utf8, back);
  EXPECT_EQ(back, cps);
  // What UTF-8 cannot encode is written as U+FFFD.
  std::string out;
  append_utf8(0xD800, out);
  append_utf8(0x110000, out);
  EXPECT_EQ(out, "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf8Test, CountsCodePoints) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("abc"), 3u);
  EXPECT_EQ(count_code_points("a\xC3\xA9\xE2\x80\x94\xF0\x9F\x98\x80"), 4u);
}

TEST(Utf8Test, TruncatesAtCodePointBoundaries) {
  const std::string text = "a\xC3\xA9\xF0\x9F\x98\x80z";  // a é 😀 z: bytes 0, 1-2, 3-6, 7
  EXPECT_EQ(truncate_utf8(text, 0), "");
  EXPECT_EQ(truncate_utf8(text, 1), "a");
  EXPECT_EQ(truncate_utf8(text, 2), "a");  // inside é
  EXPECT_EQ(truncate_utf8(text, 3), "a\xC3\xA9");
  for (std::size_t n = 4; n <= 6; ++n) EXPECT_EQ(truncate_utf8(text, n), "a\xC3\xA9") << n;
  EXPECT_EQ(truncate_utf8(text, 7), "a\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(truncate_utf8(text, 100), text);
  // Every cut of valid text is valid text.
  for (std::size_t n = 0; n <= text.size(); ++n) {
    EXPECT_TRUE(is_valid_utf8(truncate_utf8(text, n))) << n;
  }
  // In ill-formed text a run of continuation bytes is not walked back over.
  const std::string junk(10, '\x80');
  EXPECT_EQ(code_point_start(junk, 8), 8u);
}

TEST(Utf8Test, SkipsCodePointsWithinLimits) {
  const std::string text = "a\xC3\xA9\xF0\x9F\x98\x80z";
  EXPECT_EQ(skip_forward(text, 0, 2, text.size()), 3u);
  EXPECT_EQ(skip_forward(text, 0, 10, text.size()), text.size());
  EXPECT_EQ(skip_forward(text, 0, 10, 5), 5u);
  EXPECT_EQ(skip_back(text, text.size(), 2, 0), 3u);
  EXPECT_EQ(skip_back(text, text.size(), 10, 1), 1u);
}

TEST(Utf8Test, DashListsDifferOnlyByTheHorizontalBar) {
  for (const char32_t c : {U'-', U'\u2010', U'\u2011', U'\u2012', U'\u2013', U'\u2014', U'\u2212',
                           U'\uFE63', U'\uFF0D'}) {
    EXPECT_TRUE(is_joining_dash(c)) << static_cast<unsigned>(c);
    EXPECT_TRUE(is_dash(c)) << static_cast<unsigned>(c);
  }
  EXPECT_FALSE(is_joining_dash(U'\u2015'));
  EXPECT_TRUE(is_dash(U'\u2015'));
  for (const char32_t c : {U'_', U'~', U'\u2026', U'\u00AD'}) {
    EXPECT_FALSE(is_dash(c)) << static_cast<unsigned>(c);
  }
}

TEST(Utf8Test, WhiteSpaceIsUnicodeWhiteSpaceAndTheZeroWidthSpace) {
  // ICU's White_Space property for every code point, and U+200B: the
  // explicit list below says which code points those are.
  for (char32_t c = 0; c <= 0x10FFFF; ++c) {
    const bool expected = c == U'\u200B' || u_isUWhiteSpace(static_cast<UChar32>(c));
    ASSERT_EQ(is_white_space(c), expected) << std::hex << static_cast<unsigned>(c);
  }
  for (const char32_t c :
       {U' ', U'\t', U'\n', U'\r', U'\v', U'\f', U'\u0085', U'\u00A0', U'\u1680', U'\u2000',
        U'\u200A', U'\u200B', U'\u2028', U'\u2029', U'\u202F', U'\u205F', U'\u3000'}) {
    EXPECT_TRUE(is_white_space(c)) << std::hex << static_cast<unsigned>(c);
  }
}

TEST(Utf8Test, CharactersThatJoinOrSitInsideWordsAreNotWhiteSpace) {
  // U+FEFF (BOM, zero width no-break space), ZWNJ, ZWJ, word joiner, soft
  // hyphen, Mongolian vowel separator, and controls that are not line ends.
  for (const char32_t c : {kByteOrderMark, U'\u200C', U'\u200D', U'\u2060', U'\u00AD', U'\u180E',
                           U'\u0000', U'\u001C', U'\u001F', U'\u0084', U'\u0086', U'_', U'-'}) {
    EXPECT_FALSE(is_white_space(c)) << std::hex << static_cast<unsigned>(c);
  }
}

}  // namespace
}  // namespace sift::util
