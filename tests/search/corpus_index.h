// SPDX-License-Identifier: GPL-2.0-or-later
// The corpus/ index shared by the search tests.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/test_support.h"

namespace sift::testing {

/// Indexes corpus/ into `dir` with sift::IndexWriter::index_paths and loads
/// corpus/synonyms.txt, as a user would.  Fails the test on rejections.
void build_corpus_index(const std::filesystem::path& dir);

/// Writes `jsonl` to `dir`/in/news.jsonl and indexes it into `dir`/index
/// with sift::IndexWriter::index_paths.  Fails the test unless every one of
/// its `documents` lines is added.
void build_jsonl_index(const std::filesystem::path& dir, const std::string& jsonl,
                       std::size_t documents);

/// The document id of the corpus article whose file name starts with
/// `prefix` (e.g. "003" -> "003_10ab41207cfcd9b5"): its name without .txt.
std::string corpus_id(std::string_view prefix);

/// A test suite (`Base`: ::testing::Test or TestWithParam<T>) over one
/// corpus/ index, built once before the suite's first test and removed
/// after its last.
template <typename Base = ::testing::Test>
class CorpusIndexSuite : public Base {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    build_corpus_index(dir_->path() / "index");
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path index() { return dir_->path() / "index"; }

 private:
  static inline std::unique_ptr<TempDir> dir_;
};

}  // namespace sift::testing
