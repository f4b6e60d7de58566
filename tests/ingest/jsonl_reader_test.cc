// SPDX-License-Identifier: GPL-2.0-or-later
// JSONL: the happy path with every field, and each kind of bad line
// rejected with its line number and reason while the others are read.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "ingest_test_util.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

testing::Collected parse(std::string_view bytes, const ReadOptions& options = {}) {
  testing::Collected c;
  parse_jsonl(bytes, "in.jsonl", c.emit(), c.reject(), options);
  return c;
}

// The one rejection message for a file whose only line is `line`.
std::string rejection_of(std::string_view line) {
  const testing::Collected c = parse(line);
  EXPECT_THAT(c.docs, IsEmpty()) << line;
  return c.rejected.size() == 1 ? c.rejected[0] : "(" + std::to_string(c.rejected.size()) + ")";
}

TEST(JsonlReaderTest, ReadsEveryField) {
  const auto path = testing::test_data("jsonl/good.jsonl").string();
  testing::Collected c;
  parse_jsonl(testing::read_file(path), path, c.emit(), c.reject());
  EXPECT_THAT(c.rejected, IsEmpty());
  ASSERT_EQ(c.docs.size(), 4u);

  const Document& a1 = c.docs[0];
  EXPECT_EQ(a1.id, "a1");
  EXPECT_EQ(a1.title, "Allies weigh strikes");
  // The repeated paragraph and the repeated title are dropped.
  EXPECT_THAT(a1.paragraphs, ElementsAre("First paragraph.", "Second paragraph."));
  EXPECT_EQ(a1.source, "Wire");
  EXPECT_EQ(a1.url, "https://example.com/a1");
  EXPECT_EQ(a1.author, "Jane Roe");
  EXPECT_EQ(a1.date, "2024-05-28");
  EXPECT_EQ(a1.path, path + ":1");  // a hit names its line
  EXPECT_EQ(c.docs[1].path, path + ":3");

  const Document& n = c.docs[1];
  EXPECT_EQ(n.id, "42");
  EXPECT_EQ(n.author, "Ann Lee, Bo Chen");
  EXPECT_EQ(n.date, "2024-05-29");
  EXPECT_EQ(n.source, "");

  const Document& a3 = c.docs[2];
  EXPECT_EQ(a3.title, "");
  EXPECT_THAT(a3.paragraphs, ElementsAre("No title, only \u201ccurly\u201d body text."));
  EXPECT_EQ(a3.date, "2024-02-29");

  // The last line has no '\n'; null fields are absent.
  EXPECT_EQ(c.docs[3].id, "a4");
  EXPECT_THAT(c.docs[3].paragraphs, IsEmpty());
}

TEST(JsonlReaderTest, BadLinesAreRejectedAndOthersRead) {
  const testing::Collected c = parse(
      "{\"id\":\"1\",\"body\":\"x\"}\n"
      "\n"
      "   \n"
      "{\"id\":\"2\",\"body\":\n"
      "{\"id\":\"3\",\"body\":\"z\"}\r\n");
  EXPECT_THAT(c.ids(), ElementsAre("1", "3"));
  EXPECT_THAT(c.rejected, ElementsAre("in.jsonl:4: not valid JSON at byte 17: syntax error while "
                                      "parsing value - unexpected end of input; expected '[', "
                                      "'{', or a literal"));
}

TEST(JsonlReaderTest, ParseErrorNamesByteOffset) {
  EXPECT_EQ(rejection_of("{\"id\": x}"),
            "in.jsonl:1: not valid JSON at byte 7: syntax error while parsing value - invalid "
            "literal; last read: '\"id\": x'");
}

TEST(JsonlReaderTest, NotAnObject) {
  EXPECT_EQ(rejection_of("[1,2]"), "in.jsonl:1: not a JSON object (found array)");
  EXPECT_EQ(rejection_of("\"id\""), "in.jsonl:1: not a JSON object (found string)");
}

TEST(JsonlReaderTest, IdRules) {
  EXPECT_EQ(rejection_of(R"({"title":"t"})"), "in.jsonl:1: missing \"id\"");
  EXPECT_EQ(rejection_of(R"({"id":"","title":"t"})"), "in.jsonl:1: empty \"id\"");
  EXPECT_EQ(rejection_of(R"({"id":"  ","title":"t"})"), "in.jsonl:1: empty \"id\"");
  EXPECT_EQ(rejection_of(R"({"id":true,"title":"t"})"),
            "in.jsonl:1: \"id\" must be a string or an integer, not boolean");
  EXPECT_EQ(rejection_of(R"({"id":null,"title":"t"})"),
            "in.jsonl:1: \"id\" must be a string or an integer, not null");
  EXPECT_EQ(rejection_of(R"({"id":1.5,"title":"t"})"),
            "in.jsonl:1: \"id\" must be a string or an integer, not a fractional number");
  EXPECT_EQ(parse(R"({"id":-7,"title":"t"})").ids(), std::vector<std::string>{"-7"});
}

TEST(JsonlReaderTest, WrongFieldTypes) {
  EXPECT_EQ(rejection_of(R"({"id":"a","title":5})"),
            "in.jsonl:1: \"title\" must be a string, not number");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":["p"]})"),
            "in.jsonl:1: \"body\" must be a string, not array");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"b","source":{}})"),
            "in.jsonl:1: \"source\" must be a string, not object");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"b","url":false})"),
            "in.jsonl:1: \"url\" must be a string, not boolean");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"b","author":3})"),
            "in.jsonl:1: \"author\" must be a string or an array of strings, not number");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"b","author":["x",1]})"),
            "in.jsonl:1: \"author\" must be a string or an array of strings, not an array "
            "holding number");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"b","date":20240528})"),
            "in.jsonl:1: \"date\" must be a string, not number");
}

// "tags": an array of strings or one comma-separated string, the same tags
// either way; anything else is rejected naming the file, line and field.
TEST(JsonlReaderTest, Tags) {
  const auto tags_of = [](const std::string& field) {
    const auto c = parse(R"({"id":"a","body":"b",)" + field + "}");
    return c.docs.size() == 1 ? c.docs[0].tags : std::vector<std::string>{c.rejected.at(0)};
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(tags_of(R"("tags":["climate", " energy  policy "])"), (V{"climate", "energy policy"}));
  EXPECT_EQ(tags_of(R"("tags":"climate, energy  policy")"), (V{"climate", "energy policy"}));
  // Empty pieces are dropped, repeats kept once.
  EXPECT_EQ(tags_of(R"("tags":" a,,b , a,")"), (V{"a", "b"}));
  EXPECT_EQ(tags_of(R"("tags":["a", "", "a"])"), (V{"a"}));
  EXPECT_EQ(tags_of(R"("tags":null)"), V{});
  EXPECT_EQ(tags_of(R"("tags":"")"), V{});
  EXPECT_EQ(tags_of(R"("tags":3)"),
            V{"in.jsonl:1: \"tags\" must be an array of strings or a comma-separated string, "
              "not number"});
  EXPECT_EQ(tags_of(R"("tags":["a", {}])"),
            V{"in.jsonl:1: \"tags\" must be an array of strings or a comma-separated string, "
              "not an array holding object"});
  EXPECT_EQ(tags_of(R"("tags":["a,b"])"),
            V{"in.jsonl:1: \"tags\": tag \"a,b\" holds a comma (a tag is a name without "
              "commas)"});
  EXPECT_THAT(tags_of(R"("tags":["a\u0000b"])").at(0),
              ::testing::StartsWith("in.jsonl:1: \"tags\": NUL byte"));
}

TEST(JsonlReaderTest, NoTextIsRejected) {
  EXPECT_EQ(rejection_of(R"({"id":"a","title":" ","body":"\n"})"),
            "in.jsonl:1: no \"title\" or \"body\" text");
}

TEST(JsonlReaderTest, Dates) {
  const auto date_of = [](const std::string& field) {
    const auto c = parse(R"({"id":"a","body":"b",)" + field + "}");
    return c.docs.size() == 1 ? c.docs[0].date : c.rejected.at(0);
  };
  EXPECT_EQ(date_of(R"("date":"2024-05-28")"), "2024-05-28");
  EXPECT_EQ(date_of(R"("date":"2024-05-28T23:59:60.123+05:30")"), "2024-05-28");
  EXPECT_EQ(date_of(R"("date":"2024-05-28 10:15-0700")"), "2024-05-28");
  EXPECT_EQ(date_of(R"("published":"2024-05-28t10:15z")"), "2024-05-28");
  EXPECT_EQ(date_of(R"("published":"2024-01-01","date":"2024-05-28")"), "2024-05-28");
  EXPECT_EQ(date_of(R"("date":"")"), "");
  EXPECT_EQ(date_of(R"("date":"2023-02-29")"),
            "in.jsonl:1: invalid \"date\" \"2023-02-29\" (2023-02 has no day 29; expected an "
            "ISO 8601 date such as 2024-05-28 or 2024-05-28T09:30:00Z)");
  EXPECT_EQ(date_of(R"("date":"2024-13-01T10:00Z")"),
            "in.jsonl:1: invalid \"date\" \"2024-13-01T10:00Z\" (invalid month 13 in "
            "'2024-13-01'; expected an ISO 8601 date such as 2024-05-28 or "
            "2024-05-28T09:30:00Z)");
  EXPECT_EQ(date_of(R"("published":"28/05/2024")"),
            "in.jsonl:1: invalid \"published\" \"28/05/2024\" (expected an ISO 8601 date such as "
            "2024-05-28 or 2024-05-28T09:30:00Z)");
  EXPECT_THAT(date_of(R"("date":"2024-05-28T25:00")"), ::testing::HasSubstr("invalid \"date\""));
  EXPECT_THAT(date_of(R"("date":"2024-05-28Tfoo")"), ::testing::HasSubstr("invalid \"date\""));
  EXPECT_THAT(date_of(R"("date":"2024-5-28")"), ::testing::HasSubstr("invalid \"date\""));
}

TEST(JsonlReaderTest, InvalidUtf8IsRejectedWithLineOffset) {
  EXPECT_EQ(rejection_of("{\"id\":\"a\",\"body\":\"b\xff\"}"),
            "in.jsonl:1: invalid UTF-8 at byte 19");
  const auto c = parse("{\"id\":\"a\",\"body\":\"ok\"}\n{\"id\":\"b\xc3\"}\n");
  EXPECT_THAT(c.ids(), ElementsAre("a"));
  EXPECT_THAT(c.rejected, ElementsAre("in.jsonl:2: invalid UTF-8 at byte 8"));
}

TEST(JsonlReaderTest, NulBytesAreRejectedRawOrEscaped) {
  EXPECT_EQ(rejection_of(std::string_view("{\"id\":\"a\0\"}", 11)),
            "in.jsonl:1: NUL byte at byte 8 (binary content?)");
  EXPECT_EQ(rejection_of(R"({"id":"a","body":"x\u0000y"})"),
            "in.jsonl:1: \"body\": NUL byte at byte 1 (binary content?)");
}

TEST(JsonlReaderTest, LoneSurrogateEscapeIsRejected) {
  EXPECT_THAT(rejection_of(R"({"id":"a","body":"\ud800"})"),
              ::testing::StartsWith("in.jsonl:1: not valid JSON at byte"));
}

TEST(JsonlReaderTest, OverlongLineIsRejected) {
  ReadOptions options;
  options.max_line_bytes = 30;
  const auto c = parse(
      "{\"id\":\"a\",\"body\":\"short\"}\n"
      "{\"id\":\"b\",\"body\":\"a body far too long\"}\n",
      options);
  EXPECT_THAT(c.ids(), ElementsAre("a"));
  EXPECT_THAT(c.rejected, ElementsAre("in.jsonl:2: line is 39 bytes, over the limit of 30 bytes "
                                      "(max_line_bytes)"));
}

TEST(JsonlReaderTest, DuplicateIdLaterLineIsRejected) {
  const auto c = parse(
      "{\"id\":\"a\",\"body\":\"first\"}\n"
      "{\"id\":\"a\",\"body\":\"second\"}\n"
      "{\"id\":1,\"body\":\"x\"}\n"
      "{\"id\":\"1\",\"body\":\"y\"}\n");
  ASSERT_THAT(c.ids(), ElementsAre("a", "1"));
  EXPECT_THAT(c.docs[0].paragraphs, ElementsAre("first"));
  EXPECT_THAT(c.rejected,
              ElementsAre("in.jsonl:2: duplicate id \"a\" (first read from in.jsonl:1)",
                          "in.jsonl:4: duplicate id \"1\" (first read from in.jsonl:3)"));
}

TEST(JsonlReaderTest, DeepNestingIsRejectedWithoutParsing) {
  const std::string deep =
      "{\"id\":\"a\",\"x\":" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_EQ(rejection_of(deep), "in.jsonl:1: JSON nested deeper than 64 levels");
  // Brackets inside strings do not count; 64 levels are fine.
  const std::string ok = "{\"id\":\"a\",\"body\":\"" + std::string(100, '[') +
                         "\",\"x\":" + std::string(63, '[') + std::string(63, ']') + "}";
  EXPECT_EQ(parse(ok).ids(), std::vector<std::string>{"a"});
}

TEST(JsonlReaderTest, BomCrlfAndEmptyFile) {
  const auto c = parse("\xef\xbb\xbf{\"id\":\"a\",\"body\":\"b\"}\r\n");
  EXPECT_THAT(c.ids(), ElementsAre("a"));
  EXPECT_THAT(c.rejected, IsEmpty());
  EXPECT_THAT(parse("").rejected, ElementsAre("in.jsonl: empty file"));
  EXPECT_THAT(parse("\n \r\n").rejected, ElementsAre("in.jsonl: empty file"));
}

TEST(JsonlReaderTest, ExceptionFromSinkBecomesSiftError) {
  const auto full_sink = [](Document&&) { throw std::runtime_error("sink is full"); };
  EXPECT_SIFT_ERROR(
      parse_jsonl("{\"id\":\"a\",\"body\":\"b\"}", "in.jsonl", full_sink, [](const Rejection&) {}),
      ErrorCode::Internal, ::testing::StrEq("reading in.jsonl: sink is full"));
}

}  // namespace
}  // namespace sift
