// SPDX-License-Identifier: GPL-2.0-or-later
// What a Hit carries besides its rank: url, author and path; snippets and
// titles highlighted as HTML or as plain text, with the matched words' byte
// ranges.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <string>
#include <vector>

#include "support/test_support.h"

namespace sift::testing {
namespace {

/// The text of each marked range of `text`.
std::vector<std::string> marked(const std::string& text, const std::vector<MarkedRange>& marks) {
  std::vector<std::string> out;
  for (const MarkedRange& m : marks) {
    EXPECT_LE(m.begin, m.end);
    EXPECT_LE(m.end, text.size());
    out.push_back(text.substr(m.begin, m.end - m.begin));
  }
  return out;
}

class HitFields : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter writer(db());
    Document doc;
    doc.id = "nato";
    doc.title = "NATO <chief> backs strikes";
    doc.paragraphs = {"Stoltenberg says Kyiv may strike targets inside Russia & Belarus."};
    doc.url = "https://example.com/nato";
    doc.author = "Jane Roe";
    doc.path = "in/nato.txt";
    doc.source = "Wire";
    writer.add(doc);
    writer.commit();
  }
  std::filesystem::path db() const { return dir_ / "db"; }
  Hit only_hit(const std::string& query, const SearchOptions& options = {}) {
    Searcher searcher(db());
    const Results r = searcher.search(query, options);
    EXPECT_EQ(r.hits.size(), 1u) << query;
    return r.hits.empty() ? Hit{} : r.hits.front();
  }
  TempDir dir_;
};

TEST_F(HitFields, CarryUrlAuthorAndPath) {
  const Hit h = only_hit("strike");
  EXPECT_EQ(h.url, "https://example.com/nato");
  EXPECT_EQ(h.author, "Jane Roe");
  EXPECT_EQ(h.path, "in/nato.txt");
  EXPECT_EQ(h.source, "Wire");
}

TEST_F(HitFields, HtmlByDefaultWithOffsetsOfTheMarkedWords) {
  const Hit h = only_hit("strike Russia");
  EXPECT_EQ(h.snippet,
            "Stoltenberg says Kyiv may <mark>strike</mark> targets inside <mark>Russia</mark> "
            "&amp; Belarus.");
  EXPECT_EQ(marked(h.snippet, h.snippet_marks), (std::vector<std::string>{"strike", "Russia"}));
  // The title is marked the same way, escaped, whole; Hit::title stays raw.
  EXPECT_EQ(h.title, "NATO <chief> backs strikes");
  EXPECT_EQ(h.title_highlighted, "NATO &lt;chief&gt; backs <mark>strikes</mark>");
  EXPECT_EQ(marked(h.title_highlighted, h.title_marks), std::vector<std::string>{"strikes"});
}

TEST_F(HitFields, PlainTextWithCustomMarkersIsNotEscaped) {
  SearchOptions options;
  options.highlight = Highlighting::text("[", "]");
  const Hit h = only_hit("strike Russia chief", options);
  EXPECT_EQ(h.snippet, "Stoltenberg says Kyiv may [strike] targets inside [Russia] & Belarus.");
  EXPECT_EQ(marked(h.snippet, h.snippet_marks), (std::vector<std::string>{"strike", "Russia"}));
  EXPECT_EQ(h.title_highlighted, "NATO <[chief]> backs [strikes]");
  EXPECT_EQ(marked(h.title_highlighted, h.title_marks),
            (std::vector<std::string>{"chief", "strikes"}));
}

TEST_F(HitFields, BareTextKeepsTheMatchesOnlyAsOffsets) {
  SearchOptions options;
  options.highlight = Highlighting::text();
  const Hit h = only_hit("kyiv", options);
  EXPECT_EQ(h.snippet, "Stoltenberg says Kyiv may strike targets inside Russia & Belarus.");
  ASSERT_EQ(h.snippet_marks.size(), 1u);
  EXPECT_EQ(h.snippet_marks[0], (MarkedRange{17, 21}));
  EXPECT_EQ(h.title_highlighted, h.title);
  EXPECT_TRUE(h.title_marks.empty());
}

TEST_F(HitFields, NoHighlightingWithoutSnippets) {
  SearchOptions options;
  options.snippets = false;
  const Hit h = only_hit("strike", options);
  EXPECT_EQ(h.snippet, "");
  EXPECT_EQ(h.title_highlighted, "");
  EXPECT_TRUE(h.snippet_marks.empty());
  EXPECT_TRUE(h.title_marks.empty());
  EXPECT_EQ(h.title, "NATO <chief> backs strikes");
}

}  // namespace
}  // namespace sift::testing
