// SPDX-License-Identifier: GPL-2.0-or-later
// Hostile documents (issue item 5): each one is read by the readers,
// analyzed and indexed by IndexWriter and searched, and must give a clear
// error or finish with bounded time and memory.  The costs are measured in
// a child process and printed as "[reliability] ..." lines, which
// docs/RELIABILITY.md quotes.  Every test ends by checking that the
// documents committed before it are all still there.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "reliability_util.h"
#include "sift/sift.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"
#include "util/utf8.h"

namespace sift {
namespace {

using reliability::measure;
using reliability::Measured;
using reliability::report;

constexpr std::size_t kMB = 1024 * 1024;

// An index with one committed canary document; every test adds to it and
// then checks that the canary and everything it committed are still found.
class ReliabilityHostileDocuments : public ::testing::Test {
 protected:
  void SetUp() override {
    IndexWriter writer(index_);
    writer.add(reliability::make_doc("canary", "the canary sings zanzibar"));
    writer.commit();
    committed_.insert("canary");
  }

  void TearDown() override {
    // Nothing lost: every document committed so far is there, by id, and
    // the canary is still found by a search for its word.
    const std::set<std::string> ids = reliability::stored_ids(index_);
    for (const std::string& id : committed_) EXPECT_TRUE(ids.contains(id)) << id << " was lost";
    Searcher searcher(index_);
    const Results r = searcher.search("zanzibar");
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_EQ(r.hits[0].id, "canary");
    std::string check;
    EXPECT_EQ(reliability::xapian_check(index_, &check), 0) << check;
  }

  // Reads `bytes` as the article `id`.txt, adds it and commits, in a child
  // process.  @return "indexed" or "rejected (Code): message".
  Measured index_text(const std::string& bytes, const std::string& id) {
    const Measured m = measure([&] {
      try {
        const Document doc = parse_text_article(bytes, id, id + ".txt");
        IndexWriter writer(index_);
        writer.add(doc);
        writer.commit();
        return std::string("indexed");
      } catch (const Error& e) {
        return "rejected (" + std::string(to_string(e.code())) + "): " + e.what();
      }
    });
    if (m.outcome == "indexed") committed_.insert(id);
    return m;
  }

  // Reads `bytes` as the JSONL file "in.jsonl", adds every document read
  // and commits, in a child process.  @return "indexed ID1 ID2 ...;
  // rejected: REASON | REASON".
  Measured index_jsonl(const std::string& bytes) {
    return measure([&] {
      IndexWriter writer(index_);
      std::string indexed = "indexed";
      std::string rejected = "rejected:";
      parse_jsonl(
          bytes, "in.jsonl",
          [&](Document&& doc) {
            writer.add(doc);
            indexed += " " + doc.id;
          },
          [&](const Rejection& r) { rejected += " " + r.message() + " |"; });
      writer.commit();
      return indexed + "; " + rejected;
    });
  }

  // The ids found by searching `query` (without snippets: their cost on
  // huge documents is measured on its own, in SearchesHittingHuge...).
  std::vector<std::string> found(const std::string& query) {
    Searcher searcher(index_);
    SearchOptions options;
    options.snippets = false;
    std::vector<std::string> ids;
    for (const Hit& hit : searcher.search(query, options).hits) ids.push_back(hit.id);
    return ids;
  }

  void expect_bounded(const Measured& m, double max_seconds, double max_mb) {
    const double f = reliability::sanitizer_factor();
    ASSERT_TRUE(m.finished) << m.failure;
    EXPECT_LT(m.seconds, max_seconds * f) << m.outcome;
    EXPECT_LT(m.extra_mb, max_mb * f) << m.outcome;
  }

  testing::TempDir tmp_;
  const std::filesystem::path index_ = tmp_ / "index";
  std::set<std::string> committed_;
};

// One case of Markus Kuhn's "UTF-8 decoder capability and stress test"
// (sections 2 to 5), rebuilt here byte by byte.
struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;  // well-formed UTF-8 (and no NUL), so Sift must accept it
};

std::vector<Utf8Case> utf8_stress_cases() {
  std::vector<Utf8Case> cases = {
      // 2.1-2.3 Boundary cases: first, last and other edge code points.
      {"2.1 first 2-byte U+0080", "\xc2\x80", true},
      {"2.1 first 3-byte U+0800", "\xe0\xa0\x80", true},
      {"2.1 first 4-byte U+10000", "\xf0\x90\x80\x80", true},
      {"2.1 first 5-byte", "\xf8\x88\x80\x80\x80", false},
      {"2.1 first 6-byte", "\xfc\x84\x80\x80\x80\x80", false},
      {"2.2 last 1-byte U+007F", "\x7f", true},
      {"2.2 last 2-byte U+07FF", "\xdf\xbf", true},
      {"2.2 last 3-byte U+FFFF", "\xef\xbf\xbf", true},
      {"2.2 last 4-byte U+1FFFFF", "\xf7\xbf\xbf\xbf", false},
      {"2.2 last 5-byte", "\xfb\xbf\xbf\xbf\xbf", false},
      {"2.2 last 6-byte", "\xfd\xbf\xbf\xbf\xbf\xbf", false},
      {"2.3 U+D7FF", "\xed\x9f\xbf", true},
      {"2.3 U+E000", "\xee\x80\x80", true},
      {"2.3 U+FFFD", "\xef\xbf\xbd", true},
      {"2.3 U+10FFFF", "\xf4\x8f\xbf\xbf", true},
      {"2.3 U+110000", "\xf4\x90\x80\x80", false},
      // 3.5 Impossible bytes.
      {"3.5 fe", "\xfe", false},
      {"3.5 ff", "\xff", false},
      {"3.5 fe fe ff ff", "\xfe\xfe\xff\xff", false},
      // 4.1 Overlong '/'.
      {"4.1 overlong / 2", "\xc0\xaf", false},
      {"4.1 overlong / 3", "\xe0\x80\xaf", false},
      {"4.1 overlong / 4", "\xf0\x80\x80\xaf", false},
      {"4.1 overlong / 5", "\xf8\x80\x80\x80\xaf", false},
      {"4.1 overlong / 6", "\xfc\x80\x80\x80\x80\xaf", false},
      // 4.2 Maximum overlong sequences.
      {"4.2 max overlong 2", "\xc1\xbf", false},
      {"4.2 max overlong 3", "\xe0\x9f\xbf", false},
      {"4.2 max overlong 4", "\xf0\x8f\xbf\xbf", false},
      {"4.2 max overlong 5", "\xf8\x87\xbf\xbf\xbf", false},
      {"4.2 max overlong 6", "\xfc\x83\xbf\xbf\xbf\xbf", false},
      // 4.3 Overlong NUL.
      {"4.3 overlong NUL 2", "\xc0\x80", false},
      {"4.3 overlong NUL 3", "\xe0\x80\x80", false},
      {"4.3 overlong NUL 4", "\xf0\x80\x80\x80", false},
      {"4.3 overlong NUL 5", "\xf8\x80\x80\x80\x80", false},
      {"4.3 overlong NUL 6", "\xfc\x80\x80\x80\x80\x80", false},
      // 5.1 Single UTF-16 surrogates, 5.2 paired surrogates (CESU-8).
      {"5.1 U+D800", "\xed\xa0\x80", false},
      {"5.1 U+DB7F", "\xed\xad\xbf", false},
      {"5.1 U+DB80", "\xed\xae\x80", false},
      {"5.1 U+DBFF", "\xed\xaf\xbf", false},
      {"5.1 U+DC00", "\xed\xb0\x80", false},
      {"5.1 U+DF80", "\xed\xbe\x80", false},
      {"5.1 U+DFFF", "\xed\xbf\xbf", false},
      {"5.2 U+D800 U+DC00", "\xed\xa0\x80\xed\xb0\x80", false},
      {"5.2 U+D800 U+DFFF", "\xed\xa0\x80\xed\xbf\xbf", false},
      {"5.2 U+DB7F U+DC00", "\xed\xad\xbf\xed\xb0\x80", false},
      {"5.2 U+DB7F U+DFFF", "\xed\xad\xbf\xed\xbf\xbf", false},
      {"5.2 U+DB80 U+DC00", "\xed\xae\x80\xed\xb0\x80", false},
      {"5.2 U+DB80 U+DFFF", "\xed\xae\x80\xed\xbf\xbf", false},
      {"5.2 U+DBFF U+DC00", "\xed\xaf\xbf\xed\xb0\x80", false},
      {"5.2 U+DBFF U+DFFF", "\xed\xaf\xbf\xed\xbf\xbf", false},
      // 5.3 Noncharacters are well-formed UTF-8: accepted.
      {"5.3 U+FFFE", "\xef\xbf\xbe", true},
      {"5.3 U+FDD0", "\xef\xb7\x90", true},
      {"5.3 U+10FFFE", "\xf4\x8f\xbf\xbe", true},
  };
  // 3.1 Unexpected continuation bytes, alone and all 64 in a row.
  std::string all_continuations;
  for (int b = 0x80; b <= 0xbf; ++b) {
    cases.push_back({"3.1 lone continuation byte", std::string(1, static_cast<char>(b)), false});
    all_continuations += static_cast<char>(b);
  }
  cases.push_back({"3.1 all 64 continuation bytes", all_continuations, false});
  // 3.2 Lonely start bytes, each followed by a space.
  for (int b = 0xc0; b <= 0xfd; ++b) {
    cases.push_back({"3.2 lonely start byte", std::string(1, static_cast<char>(b)) + " ", false});
  }
  // 3.3 Sequences with the last continuation byte missing, 3.4 all of them
  // concatenated.
  const std::vector<std::string> truncated = {
      "\xc0",     "\xe0\x80", "\xf0\x80\x80", "\xf8\x80\x80\x80", "\xfc\x80\x80\x80\x80",
      "\xdf",     "\xef\xbf", "\xf7\xbf\xbf", "\xfb\xbf\xbf\xbf", "\xfd\xbf\xbf\xbf\xbf",
      "\xe2\x82",  // a euro sign cut short
  };
  std::string concatenated;
  for (const std::string& t : truncated) {
    cases.push_back({"3.3 last continuation byte missing", t, false});
    concatenated += t;
  }
  cases.push_back({"3.4 concatenated incomplete sequences", concatenated, false});
  return cases;
}

TEST_F(ReliabilityHostileDocuments, Utf8StressCasesAreRejectedAtTheirByteOrAccepted) {
  const std::string head = "Stress test\nbefore ";               // the bad bytes start at byte 19
  const std::string json_head = R"({"id":"x","body":"before )";  // ... at byte 25
  std::size_t tried = 0;
  std::size_t rejected = 0;
  for (const Utf8Case& c : utf8_stress_cases()) {
    SCOPED_TRACE(c.name);
    const std::string text = head + c.bytes + " after\n";
    const std::string line = json_head + c.bytes + R"( after"})";
    std::vector<std::string> reasons;
    std::size_t read = 0;
    parse_jsonl(
        line, "s.jsonl", [&](Document&&) { ++read; },
        [&](const Rejection& r) { reasons.push_back(r.message()); });
    if (c.valid) {
      EXPECT_NO_THROW(parse_text_article(text, "s", "s.txt"));
      EXPECT_EQ(read, 1u);
    } else {
      EXPECT_SIFT_ERROR((void)parse_text_article(text, "s", "s.txt"), ErrorCode::BadInput,
                        ::testing::StrEq("s.txt: invalid UTF-8 at byte 19"));
      ASSERT_EQ(reasons.size(), 1u);
      EXPECT_EQ(reasons[0], "s.jsonl:1: invalid UTF-8 at byte 25");
      // A hand-built document is checked by the writer the same way.
      IndexWriter writer(index_);
      EXPECT_SIFT_ERROR(writer.add(reliability::make_doc("s", "before " + c.bytes)),
                        ErrorCode::BadInput,
                        ::testing::StrEq("document 's': paragraph 1: invalid UTF-8 at byte 7"));
      ++rejected;
    }
    ++tried;
  }
  report("UTF-8 stress cases (Kuhn sections 2-5)",
         std::to_string(tried) + " tried through both readers and the writer, " +
             std::to_string(rejected) + " rejected at the right byte, " +
             std::to_string(tried - rejected) + " well-formed ones accepted");
}

TEST_F(ReliabilityHostileDocuments, RandomBytesAreRejectedExactlyWhenNotText) {
  std::mt19937 rng(5);
  std::size_t accepted = 0;
  std::size_t rejected = 0;
  const int kCases = 3000;
  for (int i = 0; i < kCases; ++i) {
    std::string bytes(rng() % 200, '\0');
    for (char& b : bytes) {
      // Mostly ASCII letters and spaces with some high bytes, so that some
      // inputs are valid UTF-8 and many are not.
      const unsigned r = rng() % 100;
      b = static_cast<char>(r < 60 ? 'a' + rng() % 26 : r < 75 ? ' ' : r < 78 ? '\n' : rng() % 256);
    }
    const std::string problem = util::check_text(bytes);
    try {
      parse_text_article(bytes, "r", "r.txt");
      EXPECT_EQ(problem, "") << "accepted bytes that are not text";
      ++accepted;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::BadInput);
      if (problem.empty()) {
        EXPECT_STREQ(e.what(), "r.txt: empty file");
      } else {
        EXPECT_EQ(e.what(), "r.txt: " + problem);
      }
      ++rejected;
    }
  }
  report("random byte strings", std::to_string(kCases) + " tried: " + std::to_string(accepted) +
                                    " valid text accepted, " + std::to_string(rejected) +
                                    " rejected with the first bad byte named");
  EXPECT_GT(accepted, 100u);
  EXPECT_GT(rejected, 100u);
}

TEST_F(ReliabilityHostileDocuments, EncodedSurrogatesInJsonAreRejected) {
  const Measured m = index_jsonl(R"({"id":"lone-high","body":"a \ud800 b"})"
                                 "\n"
                                 R"({"id":"lone-low","body":"a \udc00 b"})"
                                 "\n"
                                 R"({"id":"reversed","body":"a \udc00\ud800 b"})"
                                 "\n"
                                 R"({"id":"pair","body":"a \ud83d\ude00 b grinning"})"
                                 "\n");
  report("JSON \\u escapes of lone surrogates", m);
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_TRUE(m.outcome.starts_with("indexed pair; ")) << m.outcome;
  for (const char* line :
       {"in.jsonl:1: not valid JSON", "in.jsonl:2: not valid JSON", "in.jsonl:3: not valid JSON"}) {
    EXPECT_NE(m.outcome.find(line), std::string::npos) << line << " in " << m.outcome;
  }
  EXPECT_NE(m.outcome.find("surrogate"), std::string::npos) << m.outcome;
  committed_.insert("pair");
  EXPECT_EQ(found("grinning"), std::vector<std::string>{"pair"});
}

TEST_F(ReliabilityHostileDocuments, NulBytesAreRejectedWhereverTheyHide) {
  EXPECT_SIFT_ERROR((void)parse_text_article(std::string("Title\nab\0cd\n", 12), "n", "n.txt"),
                    ErrorCode::BadInput,
                    ::testing::StrEq("n.txt: NUL byte at byte 8 (binary content?)"));
  const Measured m = index_jsonl(std::string(R"({"id":"raw","body":"a)") + '\0' +
                                 R"(b"})"
                                 "\n"
                                 R"({"id":"escaped","body":"a\u0000b"})"
                                 "\n");
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_EQ(m.outcome,
            "indexed; rejected: in.jsonl:1: NUL byte at byte 21 (binary content?) | "
            "in.jsonl:2: \"body\": NUL byte at byte 1 (binary content?) |");
  IndexWriter writer(index_);
  Document doc = reliability::make_doc("nul", "fine");
  doc.title = std::string("ti\0tle", 6);
  EXPECT_SIFT_ERROR(
      writer.add(doc), ErrorCode::BadInput,
      ::testing::StrEq("document 'nul': field title: NUL byte at byte 2 (binary content?)"));
}

TEST_F(ReliabilityHostileDocuments, TenMegabyteTokenIsSkippedAndTheRestIndexed) {
  const std::string text = "One long token\nbefore " + std::string(10 * kMB, 'x') + " after\n";
  const Measured m = index_text(text, "token");
  report("a single 10 MB token", m);
  EXPECT_EQ(m.outcome, "indexed");
  expect_bounded(m, 20, 400);
  EXPECT_EQ(found("before"), std::vector<std::string>{"token"});
  EXPECT_EQ(found("after"), std::vector<std::string>{"token"});
}

TEST_F(ReliabilityHostileDocuments, TenMegabytesOfCombiningMarksAreBounded) {
  std::string marks;
  for (std::size_t i = 0; i < 5 * kMB; ++i) marks += "\xcc\x81";  // U+0301, 2 bytes
  const Measured m = index_text("Combining\nstart a" + marks + " end\n", "marks");
  report("10 MB of combining marks on one letter", m);
  EXPECT_EQ(m.outcome, "indexed");
  expect_bounded(m, 30, 600);
  EXPECT_EQ(found("start"), std::vector<std::string>{"marks"});
}

TEST_F(ReliabilityHostileDocuments, OneMegabyteOfUnspacedThaiIsSegmented) {
  const std::string sentence = "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ";
  std::string thai;
  while (thai.size() < kMB) thai += sentence;
  const Measured m = index_text("Thai\n" + thai + "\n", "thai");
  report("1 MB of Thai without spaces", m);
  EXPECT_EQ(m.outcome, "indexed");
  expect_bounded(m, 30, 400);
  // ICU's dictionary segmentation found the words: one of them finds it.
  EXPECT_EQ(found("ภาษา"), std::vector<std::string>{"thai"});
}

TEST_F(ReliabilityHostileDocuments, ZwjEmojiRunsAreBounded) {
  std::string emoji;
  while (emoji.size() < 2 * kMB) emoji += "👩‍👩‍👧‍👦🏳️‍🌈";
  std::string zwj;
  while (zwj.size() < kMB) zwj += "\u200d";
  const Measured m = index_text("Emoji\nfamily " + emoji + " joiners" + zwj + " done\n", "emoji");
  report("2 MB of ZWJ emoji sequences + 1 MB of bare ZWJ", m);
  EXPECT_EQ(m.outcome, "indexed");
  expect_bounded(m, 30, 400);
  EXPECT_EQ(found("family"), std::vector<std::string>{"emoji"});
  EXPECT_EQ(found("done"), std::vector<std::string>{"emoji"});
}

TEST_F(ReliabilityHostileDocuments, SearchesHittingHugeDocumentsAreBounded) {
  // Indexing a huge document is bounded (above); so must be every search
  // that hits it, since snippets analyze the stored text at query time.
  std::string thai;
  while (thai.size() < kMB) thai += "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ";
  std::string repeated;
  while (repeated.size() < 2 * kMB) repeated += "attack ";
  const Measured indexed = measure([&] {
    IndexWriter writer(index_);
    writer.add(reliability::make_doc("token", "before " + std::string(10 * kMB, 'x') + " after"));
    writer.add(reliability::make_doc("thai", thai));
    writer.add(reliability::make_doc("repeated", repeated));
    writer.commit();
    return std::string("indexed");
  });
  ASSERT_EQ(indexed.outcome, "indexed") << indexed.failure;
  committed_.insert({"token", "thai", "repeated"});
  for (const auto& [query, id] : std::vector<std::pair<std::string, std::string>>{
           {"after", "token"}, {"ภาษา", "thai"}, {"attack", "repeated"}}) {
    const Measured m = measure(
        [&, q = query] {
          Searcher searcher(index_);
          std::string ids;
          for (const Hit& hit : searcher.search(q).hits) ids += hit.id + " ";
          return ids;
        },
        10 * reliability::sanitizer_factor());
    report("search '" + query + "' hitting the document '" + id + "'", m);
    EXPECT_EQ(m.outcome, id + " ");
    expect_bounded(m, 1, 100);
  }
}

TEST_F(ReliabilityHostileDocuments, HundredMegabyteJsonlLineIsRejectedAndTheNextRead) {
  std::string bytes = R"({"id":"huge","body":")";
  bytes.append(100 * kMB, 'a');
  bytes += "\"}\n";
  bytes += R"({"id":"small","body":"after the huge line"})";
  bytes += "\n";
  const std::size_t line_bytes = bytes.find('\n');
  const Measured m = index_jsonl(bytes);
  report("a 100 MB JSONL line (parse_jsonl)", m);
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_EQ(m.outcome, "indexed small; rejected: in.jsonl:1: line is " +
                           std::to_string(line_bytes) +
                           " bytes, over the limit of 16777216 bytes (max_line_bytes) |");
  committed_.insert("small");
  expect_bounded(m, 10, 50);
  EXPECT_EQ(found("huge"), std::vector<std::string>{"small"});

  // From a file, read_path refuses the file before reading it.
  const auto file = tmp_ / "huge.jsonl";
  testing::write_file(file, bytes);
  const Measured from_file = measure([&] {
    std::string out;
    read_path(
        file, [&](Document&&) { out += "read "; },
        [&](const Rejection& r) { out += "rejected: " + r.reason; });
    return out;
  });
  report("a 100 MB JSONL file (read_path)", from_file);
  EXPECT_EQ(from_file.outcome, "rejected: file is " + std::to_string(bytes.size()) +
                                   " bytes, over the limit of 67108864 bytes (max_file_bytes)");
  expect_bounded(from_file, 5, 20);
}

TEST_F(ReliabilityHostileDocuments, TruncatedLastLineIsRejectedAndTheRestKept) {
  const Measured m = index_jsonl(R"({"id":"whole","body":"a whole line"})"
                                 "\n"
                                 R"({"id":"cut","body":"cut sho)");
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_TRUE(m.outcome.starts_with("indexed whole; rejected: in.jsonl:2: not valid JSON at byte "))
      << m.outcome;
  committed_.insert("whole");
  EXPECT_EQ(found("whole"), std::vector<std::string>{"whole"});
}

TEST_F(ReliabilityHostileDocuments, NumberPastADoublesRangeRejectsOnlyItsLine) {
  // Found by fuzz_jsonl_reader (tests/fuzz/crashers/jsonl_reader/): nlohmann
  // throws out_of_range, not parse_error, for 1e400, which escaped
  // parse_jsonl as an Internal error and stopped the whole file.
  const Measured m = index_jsonl(R"({"id":"big","body":"x","n":1e66666666666666666})"
                                 "\n"
                                 R"({"id":1e400,"body":"x"})"
                                 "\n"
                                 R"({"id":"next","body":"read after the overflow"})"
                                 "\n");
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_EQ(
      m.outcome,
      "indexed next; rejected: in.jsonl:1: not valid JSON: number overflow parsing "
      "'1e66666666666666666' | in.jsonl:2: not valid JSON: number overflow parsing '1e400' |");
  committed_.insert("next");
  EXPECT_EQ(found("overflow"), std::vector<std::string>{"next"});
}

TEST_F(ReliabilityHostileDocuments, BomAndCrlfAreReadAsText) {
  const std::string bom = "\xef\xbb\xbf";
  const Document text =
      parse_text_article(bom + "Headline here\r\nline one\r\nline two\r\n", "b", "b.txt");
  EXPECT_EQ(text.title, "Headline here");
  EXPECT_EQ(text.paragraphs, (std::vector<std::string>{"line one", "line two"}));
  const Measured m = index_jsonl(bom + R"({"id":"crlf","body":"one\r\ntwo"})" + "\r\n" +
                                 R"({"id":"crlf2","title":"bommed"})" + "\r\n");
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_EQ(m.outcome, "indexed crlf crlf2; rejected:");
  committed_.insert({"crlf", "crlf2"});
  EXPECT_EQ(found("bommed"), std::vector<std::string>{"crlf2"});
}

TEST_F(ReliabilityHostileDocuments, JsonNestedAMillionDeepIsRejectedQuickly) {
  const std::size_t depth = 1'000'000;
  const std::string line =
      R"({"id":"deep","body":"x","n":)" + std::string(depth, '[') + std::string(depth, ']') + "}\n";
  const Measured m = index_jsonl(line);
  report("JSON nested 10^6 deep", m);
  ASSERT_TRUE(m.finished) << m.failure;
  EXPECT_EQ(m.outcome, "indexed; rejected: in.jsonl:1: JSON nested deeper than 64 levels |");
  expect_bounded(m, 2, 20);
}

TEST_F(ReliabilityHostileDocuments, HtmlPayloadComesOutEscapedInSnippets) {
  const Measured m = index_jsonl(
      R"({"id":"xss","title":"<b>bold</b> title","body":"<script>alert(\"pwned\")</script> )"
      R"(<img src=x onerror=alert(1)> Tom & Jerry's \"quoted\" payload"})"
      "\n");
  ASSERT_TRUE(m.finished) << m.failure;
  ASSERT_EQ(m.outcome, "indexed xss; rejected:");
  committed_.insert("xss");
  Searcher searcher(index_);
  // `html` without its <mark> tags.
  const auto unmarked = [](std::string html) {
    for (const std::string tag : {"<mark>", "</mark>"}) {
      for (auto at = html.find(tag); at != std::string::npos; at = html.find(tag)) {
        html.erase(at, tag.size());
      }
    }
    return html;
  };
  for (const char* query : {"alert", "script", "payload", "pwned", "img"}) {
    SCOPED_TRACE(query);
    const Results r = searcher.search(query);
    ASSERT_EQ(r.hits.size(), 1u);
    EXPECT_NE(r.hits[0].snippet.find("<mark>"), std::string::npos) << r.hits[0].snippet;
    const std::string snippet = unmarked(r.hits[0].snippet);
    // Only <mark> is markup; everything the document said is escaped.
    EXPECT_EQ(snippet.find_first_of("<>\"'"), std::string::npos) << r.hits[0].snippet;
    EXPECT_NE(snippet.find("&lt;script&gt;"), std::string::npos) << r.hits[0].snippet;
    EXPECT_EQ(r.hits[0].title_highlighted, "&lt;b&gt;bold&lt;/b&gt; title");
  }
  // The highlighted title escapes the same way.
  const Results r = searcher.search("bold");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].title_highlighted, "&lt;b&gt;<mark>bold</mark>&lt;/b&gt; title");
  report("HTML/script payload",
         "found by 6 queries; every snippet and highlighted title escapes < > & \" ' "
         "and holds no markup but <mark>");
}

TEST_F(ReliabilityHostileDocuments, KeysLongerThanXapiansTermLimitAreIndexed) {
  // Xapian rejects a term over 245 bytes, and with it the whole document.
  Document doc = reliability::make_doc(std::string(1000, 'i'), "long keys everywhere");
  doc.source = std::string(1000, 's');
  doc.url = "https://example.com/" + std::string(1000, 'u');
  doc.path = "/tmp/" + std::string(1000, 'p');
  doc.author = std::string(300, 'a') + " Smith";
  const Measured m = measure([&] {
    IndexWriter writer(index_);
    writer.add(doc);
    writer.commit();
    return std::string("indexed");
  });
  ASSERT_EQ(m.outcome, "indexed");
  committed_.insert(doc.id);
  EXPECT_EQ(found("everywhere"), std::vector<std::string>{doc.id});
  EXPECT_EQ(found("author:smith"), std::vector<std::string>{doc.id});
}

TEST_F(ReliabilityHostileDocuments, TokenLimitPastXapiansTermLimitIsRefused) {
  // Xapian refuses a term over 245 bytes only when it commits, and then the
  // whole batch fails.  So a token limit it cannot store is refused up
  // front (regression: max_token_bytes = 1000 let a 300-byte word through
  // add(), and commit() failed with "Key too long").
  IndexOptions options;
  options.analyzer.max_token_bytes = analysis::kMaxTokenBytesLimit + 1;
  const auto refused = tmp_ / "refused";
  EXPECT_SIFT_ERROR(IndexWriter writer(refused, options), ErrorCode::BadInput,
                    ::testing::StrEq("max_token_bytes is 241, over the limit of 240 (Xapian "
                                     "rejects terms over 245 bytes, prefix included)"));
  EXPECT_FALSE(std::filesystem::exists(refused)) << "a refused writer created an index";

  // At the limit, the longest token is stored under every prefix (title
  // stem "ZS", author "A", body "Z") and found again.
  options.analyzer.max_token_bytes = analysis::kMaxTokenBytesLimit;
  const auto wide = tmp_ / "wide";
  const std::string longest(analysis::kMaxTokenBytesLimit, 'w');
  {
    IndexWriter writer(wide, options);
    Document doc = reliability::make_doc("wide", "short words and " + longest, "title " + longest);
    doc.author = longest;
    writer.add(doc);
    writer.commit();
  }
  Searcher searcher(wide);
  EXPECT_EQ(searcher.search(longest).hits.size(), 1u);
  EXPECT_EQ(searcher.search("title:" + longest).hits.size(), 1u);
  EXPECT_EQ(searcher.search("author:" + longest).hits.size(), 1u);
}

}  // namespace
}  // namespace sift
