// SPDX-License-Identifier: GPL-2.0-or-later
// Property tests: whatever bytes the readers get, they throw nothing but
// sift::Error, and every document they emit keeps Document's invariant.

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "ingest_test_util.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "support/test_support.h"
#include "util/utf8.h"

namespace sift {
namespace {

// Document's invariant: a non-empty id, every string valid UTF-8 without
// NUL bytes, no line break inside a non-empty paragraph.
void expect_valid(const Document& doc, const std::string& input) {
  EXPECT_FALSE(doc.id.empty()) << input;
  for (const std::string* s :
       {&doc.id, &doc.title, &doc.source, &doc.url, &doc.path, &doc.author, &doc.date}) {
    EXPECT_EQ(util::check_text(*s), "") << input;
  }
  for (const std::string& p : doc.paragraphs) {
    EXPECT_FALSE(p.empty()) << input;
    EXPECT_EQ(util::check_text(p), "") << input;
    EXPECT_EQ(p.find_first_of("\r\n\v\f"), std::string::npos) << input;
    EXPECT_EQ(p.find("\u2028"), std::string::npos) << input;
  }
}

// `seed` with a few random bytes changed, inserted or removed.
std::string mutate(std::string seed, std::mt19937& rng) {
  std::uniform_int_distribution<int> byte(0, 255);
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits && !seed.empty(); ++i) {
    const std::size_t at = rng() % seed.size();
    switch (rng() % 4) {
      case 0:
        seed[at] = static_cast<char>(byte(rng));
        break;
      case 1:
        seed.insert(seed.begin() + at, static_cast<char>(byte(rng)));
        break;
      case 2:
        seed.erase(at, 1 + rng() % 16);
        break;
      default:
        seed.insert(at, "\n{[\"\\u00\xe2\x80\xa8\r");
        break;
    }
  }
  return seed;
}

TEST(IngestRobustnessTest, MutatedArticlesAreReadOrRejectedCleanly) {
  const std::string seed = testing::read_file(testing::corpus_dir() / "001_20fc1e4ed93c3508.txt");
  std::mt19937 rng(20240528);
  int read = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string input = mutate(seed, rng);
    try {
      expect_valid(parse_text_article(input, "m", "m.txt"), input);
      ++read;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::BadInput);
      EXPECT_TRUE(std::string(e.what()).starts_with("m.txt: ")) << e.what();
    }
  }
  EXPECT_GT(read, 0);
}

TEST(IngestRobustnessTest, MutatedJsonlIsReadOrRejectedLineByLine) {
  const std::string seed = testing::read_file(testing::test_data("jsonl/good.jsonl"));
  std::mt19937 rng(20240529);
  std::size_t read = 0;
  std::size_t rejected = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string input = mutate(seed, rng);
    testing::Collected c;
    EXPECT_NO_THROW(parse_jsonl(input, "m.jsonl", c.emit(), c.reject())) << input;
    for (const Document& doc : c.docs) expect_valid(doc, input);
    for (const std::string& r : c.rejected) EXPECT_TRUE(r.starts_with("m.jsonl")) << r;
    read += c.docs.size();
    rejected += c.rejected.size();
  }
  EXPECT_GT(read, 0u);
  EXPECT_GT(rejected, 0u);
}

}  // namespace
}  // namespace sift
