// SPDX-License-Identifier: GPL-2.0-or-later
#include "corpus_index.h"

#include <gtest/gtest.h>
#include <sift/index_writer.h>

#include <stdexcept>

#include "support/test_support.h"

namespace sift::testing {

void build_corpus_index(const std::filesystem::path& dir) {
  IndexWriter writer(dir);
  const IndexReport report = writer.index_paths({corpus_dir()});
  for (const auto& r : report.rejected) ADD_FAILURE() << "corpus rejected: " << r.message();
  EXPECT_EQ(report.added, 5u);
  writer.load_synonyms(corpus_dir() / "synonyms.txt");
  writer.commit();
}

void build_jsonl_index(const std::filesystem::path& dir, const std::string& jsonl,
                       std::size_t documents) {
  write_file(dir / "in/news.jsonl", jsonl);
  IndexWriter w(dir / "index");
  const auto report = w.index_paths({dir / "in"});
  for (const auto& r : report.rejected) ADD_FAILURE() << "rejected: " << r.message();
  EXPECT_EQ(report.added, documents);
}

std::string corpus_id(std::string_view prefix) {
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    const auto name = entry.path().filename().string();
    if (name.starts_with(prefix) && entry.path().extension() == ".txt") {
      return entry.path().stem().string();
    }
  }
  throw std::runtime_error("no corpus article starts with " + std::string(prefix));
}

}  // namespace sift::testing
