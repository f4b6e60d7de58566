// SPDX-License-Identifier: GPL-2.0-or-later
// Text pasted from web pages and other files carries white space other than
// ' ' (no-break spaces, zero width spaces, NEXT LINE) and byte-order marks.
// Read by the JSONL reader, indexed by IndexWriter and searched by Searcher,
// such text is found by a query typed with the same character and by one
// typed with a plain space (util::is_white_space is the one list).
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <string>
#include <vector>

#include "support/test_support.h"

namespace sift::testing {
namespace {

// One JSONL line per document: {"id": ID, "title": "Doc ID", "body": BODY},
// BODY's characters written as JSON escapes where they are invisible.
const char* const kJsonl =
    R"({"id":"zwsp","title":"Doc zwsp","body":"intro\napricot\u200Bbanana"})"
    "\n"
    R"({"id":"nbsp","title":"Doc nbsp","body":"cherry\u00A0damson"})"
    "\n"
    R"({"id":"narrow","title":"Doc narrow","body":"lemon\u202Fmango"})"
    "\n"
    R"({"id":"ideographic","title":"Doc ideographic","body":"nectarine\u3000olive"})"
    "\n"
    R"({"id":"nel","title":"Doc nel","body":"elder\u0085fig"})"
    "\n"
    R"({"id":"bom","title":"Doc bom","body":"intro\n\uFEFFgrape hazel"})"
    "\n"
    R"({"id":"zwnbsp","title":"Doc zwnbsp","body":"co\uFEFFoperate"})"
    "\n";

class WhiteSpaceSearch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    IndexWriter writer(path());
    parse_jsonl(
        kJsonl, "white_space.jsonl", [&writer](Document&& d) { writer.add(d); },
        [](const Rejection& r) { ADD_FAILURE() << r.message(); });
    writer.commit();
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::filesystem::path path() { return dir_->path() / "index"; }

  // The ids of every hit of `query`.
  static std::vector<std::string> ids(const std::string& query) {
    Searcher searcher(path());
    SearchOptions options;
    options.graded = false;  // every word, so a split that loses a word shows
    options.suggest = false;
    options.auto_correct = false;
    const Results r = searcher.search(query, options);
    std::vector<std::string> out;
    for (const Hit& h : r.hits) out.push_back(h.id);
    return out;
  }

  static TempDir* dir_;
};
TempDir* WhiteSpaceSearch::dir_ = nullptr;

using V = std::vector<std::string>;

TEST_F(WhiteSpaceSearch, ZeroWidthSpaceSeparatesWordsInTextAndQuery) {
  EXPECT_EQ(ids("apricot\u200Bbanana"), V{"zwsp"});
  EXPECT_EQ(ids("apricot banana"), V{"zwsp"});
  // Two words, not a phrase: in either order, as with a plain space.
  EXPECT_EQ(ids("banana\u200Bapricot"), V{"zwsp"});
  EXPECT_EQ(ids("banana apricot"), V{"zwsp"});
  EXPECT_EQ(ids("\"apricot\u200Bbanana\""), V{"zwsp"});
  EXPECT_EQ(ids("\"apricot banana\""), V{"zwsp"});
  EXPECT_EQ(ids("\u200Bbanana\u200B"), V{"zwsp"});
}

TEST_F(WhiteSpaceSearch, NoBreakSpacesSeparateWordsInTextAndQuery) {
  for (const auto& [s, name] : {std::pair<std::string, const char*>{"\u00A0", "U+00A0"},
                                {"\u202F", "U+202F"},
                                {"\u3000", "U+3000"},
                                {" ", "U+0020"}}) {
    EXPECT_EQ(ids("cherry" + s + "damson"), V{"nbsp"}) << name;
    EXPECT_EQ(ids("damson" + s + "cherry"), V{"nbsp"}) << name;
    EXPECT_EQ(ids("\"cherry" + s + "damson\""), V{"nbsp"}) << name;
    EXPECT_EQ(ids("lemon" + s + "mango"), V{"narrow"}) << name;
    EXPECT_EQ(ids("nectarine" + s + "olive"), V{"ideographic"}) << name;
  }
}

TEST_F(WhiteSpaceSearch, NextLineSeparatesWordsInTextAndQuery) {
  // The reader ends a line (a paragraph) at U+0085, so the two words are
  // not next to each other: a query pasted with it looks for both words.
  EXPECT_EQ(ids("elder\u0085fig"), V{"nel"});
  EXPECT_EQ(ids("fig\u0085elder"), V{"nel"});
  EXPECT_EQ(ids("elder fig"), V{"nel"});
}

TEST_F(WhiteSpaceSearch, ByteOrderMarkAtTheStartOfAParagraphIsIgnored) {
  EXPECT_EQ(ids("grape"), V{"bom"});
  EXPECT_EQ(ids("\uFEFFgrape"), V{"bom"});
  EXPECT_EQ(ids("\"grape hazel\""), V{"bom"});
  EXPECT_EQ(ids("\"\uFEFFgrape hazel\""), V{"bom"});
}

TEST_F(WhiteSpaceSearch, ZeroWidthNoBreakSpaceInsideAWordJoinsIt) {
  // U+FEFF says "no break here": the text's word is "cooperate", and a
  // query typed the same way finds it, as does one typed without it.
  EXPECT_EQ(ids("co\uFEFFoperate"), V{"zwnbsp"});
  EXPECT_EQ(ids("cooperate"), V{"zwnbsp"});
  EXPECT_EQ(ids("operate"), V{});
}

TEST_F(WhiteSpaceSearch, WhiteSpaceNextToAnOperatorIsWhiteSpace) {
  // "banana<ZWSP>-apricot": the '-' after white space excludes apricot.
  EXPECT_EQ(ids("banana\u200B-apricot"), V{});
  EXPECT_EQ(ids("banana\u0085-zzz"), V{"zwsp"});
  EXPECT_EQ(ids("(apricot\u200BOR\u200Bcherry)\u200B-damson"), V{"zwsp"});
}

}  // namespace
}  // namespace sift::testing
