// SPDX-License-Identifier: GPL-2.0-or-later
// Hit::path names where a document was read: the line of a JSONL file, the
// element of a JSON array; pruning still finds the file behind it.
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <map>
#include <string>

#include "support/test_support.h"

namespace sift::testing {
namespace {

TEST(HitPath, NamesTheLineOfAJsonlDocumentAndTheElementOfAJsonArray) {
  TempDir dir;
  const auto in = dir / "in";
  write_file(in / "news.jsonl",
             "{\"id\":\"a\",\"title\":\"Allies meet\",\"url\":\"https://example.com/a\"}\n"
             "\n"
             "{\"id\":\"b\",\"title\":\"Allies pledge jets\",\"author\":[\"Ann Lee\",\"Bo "
             "Chen\"],\"path\":\"ignored.txt\"}\n");
  write_file(in / "more.json", "[{\"id\":\"c\",\"title\":\"Allies talk\"}]");
  {
    IndexWriter writer(dir / "db");
    const IndexReport report = writer.index_paths({in});
    ASSERT_TRUE(report.rejected.empty()) << report.rejected.front().message();
  }
  Searcher searcher(dir / "db");
  SearchOptions options;
  options.sort = SortOrder::Date;  // all undated: index order
  std::map<std::string, Hit> by_id;
  for (Hit& h : searcher.search("allies", options).hits) by_id[h.id] = std::move(h);
  ASSERT_EQ(by_id.size(), 3u);
  EXPECT_EQ(by_id["a"].path, (in / "news.jsonl").string() + ":1");
  EXPECT_EQ(by_id["a"].url, "https://example.com/a");
  EXPECT_EQ(by_id["b"].path, (in / "news.jsonl").string() + ":3");
  EXPECT_EQ(by_id["b"].author, "Ann Lee, Bo Chen");
  EXPECT_EQ(by_id["c"].path, (in / "more.json").string() + "[0]");
}

TEST(HitPath, PruningStillFindsTheJsonlFileOfALine) {
  TempDir dir;
  const auto in = dir / "in";
  write_file(
      in / "news.jsonl",
      "{\"id\":\"a\",\"title\":\"Allies meet\"}\n{\"id\":\"b\",\"title\":\"Allies talk\"}\n");
  IndexOptions incremental;
  incremental.bulk_build = false;
  IndexWriter writer(dir / "db", incremental);
  ASSERT_EQ(writer.index_paths({in}).added, 2u);
  // A line dropped from the file: its document goes, the other stays.
  write_file(in / "news.jsonl", "{\"id\":\"b\",\"title\":\"Allies talk\"}\n");
  IndexReport report = writer.index_paths({in}, /*prune=*/true);
  EXPECT_EQ(report.removed, 1u);
  EXPECT_EQ(report.replaced, 1u);  // "b" moved to line 1: its path changed
  // A file that cannot be read keeps its documents.
  write_file(in / "news.jsonl", "");
  report = writer.index_paths({in}, /*prune=*/true);
  EXPECT_EQ(report.removed, 0u);
  EXPECT_EQ(writer.document_count(), 1u);
}

}  // namespace
}  // namespace sift::testing
