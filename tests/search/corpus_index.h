// SPDX-License-Identifier: GPL-2.0-or-later
// The corpus/ index shared by the search tests.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

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

}  // namespace sift::testing
