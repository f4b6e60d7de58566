// SPDX-License-Identifier: GPL-2.0-or-later
// The other JSON inputs: .json arrays, .ndjson files and JSONL streams
// (standard input), each bad element or line rejected on its own.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "ingest_test_util.h"
#include "sift/ingest.h"
#include "support/test_support.h"

namespace sift {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

testing::Collected parse_array(std::string_view bytes) {
  testing::Collected c;
  parse_json_array(bytes, "in.json", c.emit(), c.reject());
  return c;
}

testing::Collected read_stream(const std::string& bytes, const ReadOptions& options = {}) {
  std::istringstream in(bytes);
  testing::Collected c;
  read_jsonl_stream(in, "-", c.emit(), c.reject(), options);
  return c;
}

TEST(JsonArrayTest, ReadsEachElementAndRejectsBadOnesByIndex) {
  const auto path = testing::test_data("jsonl/array.json");
  testing::Collected c;
  read_path(path, c.emit(), c.reject());
  EXPECT_THAT(c.ids(), ElementsAre("j1", "j2"));
  const std::string p = path.string();
  EXPECT_THAT(c.rejected, ElementsAre(p + "[2]: missing \"id\"",
                                      p + "[3]: duplicate id \"j1\" (first read from " + p + "[0])",
                                      p + "[4]: not a JSON object (found string)"));
  ASSERT_EQ(c.docs.size(), 2u);
  EXPECT_THAT(c.docs[0].paragraphs, ElementsAre("First paragraph.", "Second paragraph."));
  EXPECT_EQ(c.docs[0].source, "Wire");
  EXPECT_EQ(c.docs[0].date, "2024-05-28");
  EXPECT_EQ(c.docs[0].path, p + "[0]");  // a hit names its element
  EXPECT_EQ(c.docs[1].path, p + "[1]");
}

TEST(JsonArrayTest, AFileThatIsNotAnArrayIsRejectedWhole) {
  EXPECT_THAT(parse_array("").rejected, ElementsAre("in.json: empty file"));
  EXPECT_THAT(parse_array(R"({"id": "a", "title": "x"})").rejected,
              ElementsAre("in.json: not a JSON array of documents (found object; one object per "
                          "line is .jsonl)"));
  EXPECT_THAT(parse_array(R"([{"id": "a", "title": "x"},)").rejected,
              ElementsAre(::testing::StartsWith("in.json: not valid JSON at byte 27: ")));
  EXPECT_THAT(parse_array("[\"\xff\"]").rejected,
              ElementsAre(::testing::StartsWith("in.json: invalid UTF-8 at byte 2")));
  EXPECT_THAT(parse_array(std::string(70, '[') + std::string(70, ']')).rejected,
              ElementsAre("in.json: JSON nested deeper than 64 levels"));
  EXPECT_THAT(parse_array("[]").docs, IsEmpty());
}

TEST(JsonArrayTest, NdjsonIsReadAsJsonLines) {
  testing::Collected c;
  read_path(testing::test_data("jsonl/lines.ndjson"), c.emit(), c.reject());
  EXPECT_EQ(c.docs.size(), 4u);
  EXPECT_THAT(c.rejected, IsEmpty());
}

TEST(JsonArrayTest, FolderWalkReadsJsonAndNdjson) {
  testing::TempDir tmp;
  testing::write_file(tmp / "a.json", R"([{"id": "a", "title": "Alpha"}])");
  testing::write_file(tmp / "b.ndjson", "{\"id\": \"b\", \"title\": \"Beta\"}\n");
  testing::Collected c;
  read_path(tmp.path(), c.emit(), c.reject());
  EXPECT_THAT(c.ids(), ElementsAre("a", "b"));
  EXPECT_THAT(c.rejected, IsEmpty());
}

TEST(JsonlStreamTest, ReadsLinesWithNumbersAndRejectsBadOnes) {
  const auto c = read_stream(
      "\xEF\xBB\xBF{\"id\": \"s1\", \"title\": \"One\"}\r\n"
      "\n"
      "{\"id\": \"s2\"}\n"
      "{\"id\": \"s1\", \"title\": \"Again\"}\n"
      "{\"id\": \"s3\", \"body\": \"Last line, no newline.\"}");
  EXPECT_THAT(c.ids(), ElementsAre("s1", "s3"));
  EXPECT_THAT(c.rejected, ElementsAre("-:3: no \"title\" or \"body\" text",
                                      "-:4: duplicate id \"s1\" (first read from -:1)"));
}

TEST(JsonlStreamTest, ALongLineIsSkippedAndRejectedNotHeld) {
  ReadOptions options;
  options.max_line_bytes = 64;
  const std::string long_line = "{\"id\": \"x\", \"title\": \"" + std::string(1000, 'a') + "\"}";
  const auto c = read_stream(long_line + "\n{\"id\": \"y\", \"title\": \"Short\"}\n", options);
  EXPECT_THAT(c.ids(), ElementsAre("y"));
  EXPECT_THAT(c.rejected, ElementsAre("-:1: line is " + std::to_string(long_line.size()) +
                                      " bytes, over the limit of 64 bytes (max_line_bytes)"));
}

TEST(JsonlStreamTest, EmptyInputIsRejected) {
  EXPECT_THAT(read_stream("").rejected, ElementsAre("-: no input (empty)"));
  EXPECT_THAT(read_stream("\n  \n").rejected, ElementsAre("-: no input (empty)"));
}

}  // namespace
}  // namespace sift
