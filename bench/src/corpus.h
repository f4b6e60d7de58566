// SPDX-License-Identifier: GPL-2.0-or-later
// The benchmark's own view of a corpus: plain documents loaded from the JSONL
// files that bench/tools/make_corpora.py writes.  Deliberately independent of
// Sift's readers, so every engine (including raw Xapian, which must not use
// Sift code) indexes exactly the same strings.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace bench {

/// One document as every engine receives it.
struct Doc {
  std::string id;
  std::string title;
  std::string body;  ///< Paragraphs separated by '\n'.
  std::string source;
  std::string date;  ///< "YYYY-MM-DD" or empty.
};

/// A named, loaded corpus.
struct Corpus {
  std::string name;  ///< e.g. "news-10000"; used in benchmark names.
  std::vector<Doc> docs;
  std::size_t text_bytes = 0;  ///< Sum of title and body bytes: the MB/s base.
};

/// Loads `path` (one JSON object per line with id, title, body, source,
/// date).  @throws std::runtime_error naming the file and line when a line is
/// not such an object.
Corpus load_corpus(const std::filesystem::path& path, std::string name);

}  // namespace bench
