// SPDX-License-Identifier: GPL-2.0-or-later
// Snippets on the shared Analyzer: highlights land on the original
// characters, text is escaped, the passage holds the matches.
#include "search/snippet/snippet.h"

#include <gtest/gtest.h>

#include <string>

#include "analysis/analyzer.h"
#include "util/utf8.h"

namespace sift::search {
namespace {

class SnippetTest : public ::testing::Test {
 protected:
  /// Terms as the parser gives them for plain words: their stems.
  HighlightTerms stems_of(std::initializer_list<const char*> words) {
    HighlightTerms t;
    for (const char* w : words) {
      for (const auto& tok : analyzer_.tokens(w)) t.stems.insert(analyzer_.stem(tok.text));
    }
    return t;
  }
  /// Terms as the parser gives them for phrases and =words: exact forms.
  HighlightTerms exact_of(std::initializer_list<const char*> words) {
    HighlightTerms t;
    for (const char* w : words) {
      for (const auto& tok : analyzer_.tokens(w)) t.exact.insert(tok.text);
    }
    return t;
  }
  std::string snip(const HighlightTerms& t, std::string_view text, std::size_t chars = 240,
                   std::string_view title = "") {
    return make_snippet(analyzer_, t, title, text, chars);
  }
  analysis::Analyzer analyzer_;
};

TEST_F(SnippetTest, MarksThePossessiveWithItsCurlyApostrophe) {
  EXPECT_EQ(snip(stems_of({"kyiv"}), "placed on Kyiv\xE2\x80\x99s use of their weapons"),
            "placed on <mark>Kyiv\xE2\x80\x99s</mark> use of their weapons");
}

TEST_F(SnippetTest, MarksDottedAcronymsWithTheirDots) {
  EXPECT_EQ(snip(exact_of({"US"}), "referring to longstanding U.S. prohibitions"),
            "referring to longstanding <mark>U.S.</mark> prohibitions");
}

TEST_F(SnippetTest, MarksAHyphenatedWordAsOneWord) {
  EXPECT_EQ(snip(exact_of({"secretarygeneral"}), "NATO Secretary-General Jens Stoltenberg"),
            "NATO <mark>Secretary-General</mark> Jens Stoltenberg");
  // A match on one part marks just that part.
  EXPECT_EQ(snip(exact_of({"general"}), "NATO Secretary-General Jens"),
            "NATO Secretary-<mark>General</mark> Jens");
}

TEST_F(SnippetTest, MarksAccentFoldedMatchesOnTheOriginalLetters) {
  EXPECT_EQ(snip(stems_of({"zurich"}), "talks in Z\xC3\xBCrich today"),
            "talks in <mark>Z\xC3\xBCrich</mark> today");
}

TEST_F(SnippetTest, MarksEveryStemmedForm) {
  EXPECT_EQ(snip(stems_of({"strikes"}), "to strike Russia; strikes and striking"),
            "to <mark>strike</mark> Russia; <mark>strikes</mark> and <mark>striking</mark>");
}

TEST_F(SnippetTest, EscapesHtml) {
  EXPECT_EQ(snip(stems_of({"kyiv"}), "a <script>alert(\"x\")</script> & Kyiv"),
            "a &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Kyiv</mark>");
}

TEST_F(SnippetTest, ChoosesThePassageWithTheMostDistinctTerms) {
  std::string text = "Ukraine once here. ";
  for (int i = 0; i < 40; ++i) text += "filler words without interest. ";
  text += "Ukraine Ukraine Ukraine again.\n";
  for (int i = 0; i < 40; ++i) text += "more filler text here. ";
  text += "Later Ukraine and Kharkiv together. ";
  for (int i = 0; i < 40; ++i) text += "trailing filler text. ";
  const std::string s = snip(stems_of({"ukraine", "kharkiv"}), text, 80);
  EXPECT_NE(s.find("<mark>Ukraine</mark> and <mark>Kharkiv</mark>"), std::string::npos) << s;
  EXPECT_TRUE(s.starts_with("\xE2\x80\xA6")) << s;
  EXPECT_TRUE(s.ends_with("\xE2\x80\xA6")) << s;
}

TEST_F(SnippetTest, AHyphenatedMatchOutweighsRepeatsOfOnePart) {
  const std::string text =
      "NATO weapons, NATO troops and NATO again.\nOnly NATO-provided weapons are allowed.";
  EXPECT_EQ(snip(exact_of({"NATO-provided"}), text),
            "Only <mark>NATO-provided</mark> weapons are allowed.");
}

TEST_F(SnippetTest, PrefersMoreMatchesAmongEquals) {
  std::string text = "one Ukraine here.\n";
  for (int i = 0; i < 20; ++i) text += "filler words. ";
  text += "\nUkraine and Ukraine and Ukraine.";
  const std::string s = snip(stems_of({"ukraine"}), text, 60);
  EXPECT_EQ(s, "<mark>Ukraine</mark> and <mark>Ukraine</mark> and <mark>Ukraine</mark>.");
}

TEST_F(SnippetTest, CutsAtWordBoundariesWithEllipses) {
  const std::string text =
      "The quick brown fox jumps over the lazy dog while Stoltenberg watches the "
      "whole scene from a comfortable distance near the river bank today.";
  const std::string s = snip(stems_of({"stoltenberg"}), text, 40);
  ASSERT_TRUE(s.starts_with("\xE2\x80\xA6")) << s;
  ASSERT_TRUE(s.ends_with("\xE2\x80\xA6")) << s;
  const std::string inner = s.substr(3, s.size() - 6);
  const std::string plain = [&] {
    std::string p = inner;
    for (const char* tag : {"<mark>", "</mark>"}) {
      for (auto pos = p.find(tag); pos != std::string::npos; pos = p.find(tag)) {
        p.erase(pos, std::string(tag).size());
      }
    }
    return p;
  }();
  const auto at = text.find(plain);
  ASSERT_NE(at, std::string::npos) << plain;
  EXPECT_EQ(text[at - 1], ' ') << "starts inside a word: " << s;
  EXPECT_EQ(text[at + plain.size()], ' ') << "ends inside a word: " << s;
  EXPECT_LE(plain.size(), 50u) << s;
}

TEST_F(SnippetTest, NeverCutsInsideAUtf8Sequence) {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "\xD0\xBA\xD0\xB8\xD0\xB5\xD0\xB2 ";  // "киев "
  text += "\xD0\x9A\xD0\xB8\xD0\xB5\xD0\xB2\xD1\x83 ";                       // "Киеву"
  for (int i = 0; i < 30; ++i) text += "\xD0\xBC\xD0\xB8\xD1\x80 ";          // "мир "
  // No white space at all: the cut has to fall between characters.
  std::string solid;
  for (int i = 0; i < 200; ++i) solid += "\xD0\xB6";  // "ж"
  for (std::size_t chars : {5u, 17u, 40u, 101u}) {
    const std::string s = snip(exact_of({"\xD0\xBA\xD0\xB8\xD0\xB5\xD0\xB2\xD1\x83"}), text, chars);
    EXPECT_EQ(util::first_invalid_utf8(s), std::nullopt) << s;
    EXPECT_NE(s.find("<mark>"), std::string::npos) << s;
    const std::string lead = snip(exact_of({"zzz"}), solid, chars);
    EXPECT_EQ(util::first_invalid_utf8(lead), std::nullopt) << lead;
  }
}

TEST_F(SnippetTest, StaysInsideOneParagraph) {
  const std::string s =
      snip(stems_of({"kharkiv"}), "First paragraph.\nIn Kharkiv oblast.\nThird paragraph.");
  EXPECT_EQ(s, "In <mark>Kharkiv</mark> oblast.");
}

TEST_F(SnippetTest, FallsBackToTheTitleThenToTheOpening) {
  EXPECT_EQ(snip(stems_of({"debate"}), "Body without it.", 240, "NATO Debate Intensifies"),
            "NATO <mark>Debate</mark> Intensifies");
  EXPECT_EQ(snip(stems_of({"absent"}), "\nBody opening & more.\nSecond.", 240, "Title"),
            "Body opening &amp; more.");
  EXPECT_EQ(snip(stems_of({"absent"}), "", 240, "Only <b>title</b>"),
            "Only &lt;b&gt;title&lt;/b&gt;");
  EXPECT_EQ(snip(HighlightTerms{}, "Body.", 0, "T"), "");
}

TEST_F(SnippetTest, MergesOverlappingRanges) {
  const std::vector<TokenMatch> m = {{0, 17, "a"}, {0, 9, "b"}, {10, 17, "c"}, {20, 25, "d"}};
  const auto r = merge_ranges(m);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].begin, 0u);
  EXPECT_EQ(r[0].end, 17u);
  EXPECT_EQ(r[1].begin, 20u);
}

}  // namespace
}  // namespace sift::search
