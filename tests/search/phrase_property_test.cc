// SPDX-License-Identifier: GPL-2.0-or-later
// Property: every run of 1 to 6 consecutive words within a paragraph of a
// corpus article, searched as a quoted phrase, finds that article.  This
// proves that the query side and the index side analyze text the same way
// (curly quotes, apostrophes, hyphens, acronyms, URLs, Cyrillic...).
#include <gtest/gtest.h>
#include <sift/sift.h>

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "corpus_index.h"
#include "support/test_support.h"

namespace sift::testing {
namespace {

constexpr std::size_t kMaxRun = 6;

/// Removes double-quote characters (straight and typographic), which
/// would end the quoted phrase early.
std::string strip_quotes(std::string s) {
  for (std::string_view q :
       {"\"", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E", "\xC2\xAB", "\xC2\xBB"}) {
    for (auto pos = s.find(q); pos != std::string::npos; pos = s.find(q, pos)) {
      s.erase(pos, q.size());
    }
  }
  return s;
}

std::vector<std::string> words_of(const std::string& paragraph) {
  std::istringstream in(paragraph);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  return words;
}

/// True if `s` has a letter or digit (ASCII, or any non-ASCII character
/// that is not common punctuation), i.e. something the analyzer keeps.
bool has_word_character(const std::string& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (std::isalnum(c)) return true;
    if (c >= 0xC3 && c != 0xE2) return true;  // Latin-1 letters, Cyrillic, CJK...
  }
  return false;
}

TEST(PhraseProperty, EveryRunOfWordsFindsItsArticle) {
  TempDir dir;
  build_corpus_index(dir / "index");
  Searcher searcher(dir / "index");
  SearchOptions options;
  options.limit = 10;
  options.snippets = false;
  options.facets = false;
  options.suggest = false;

  std::size_t checked = 0, failures = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus_dir())) {
    const auto& path = entry.path();
    if (path.extension() != ".txt" || path.filename() == "synonyms.txt") continue;
    const std::string id = path.stem().string();
    const Document doc = parse_text_article(read_file(path), id, path.string());
    for (const auto& paragraph : doc.paragraphs) {
      const auto words = words_of(strip_quotes(paragraph));
      for (std::size_t i = 0; i < words.size(); ++i) {
        std::string run;
        for (std::size_t n = 1; n <= kMaxRun && i + n <= words.size(); ++n) {
          run += (n == 1 ? "" : " ") + words[i + n - 1];
          if (!has_word_character(run)) continue;
          const std::string query = "\"" + run + "\"";
          bool found = false;
          try {
            const Results r = searcher.search(query, options);
            found =
                std::any_of(r.hits.begin(), r.hits.end(), [&](const Hit& h) { return h.id == id; });
          } catch (const Error& e) {
            ADD_FAILURE() << id << ": " << query << " threw " << e.what();
          }
          ++checked;
          if (!found && ++failures <= 20) ADD_FAILURE() << id << ": " << query << " misses it";
        }
      }
    }
  }
  EXPECT_EQ(failures, 0u) << "of " << checked << " phrases";
  EXPECT_GT(checked, 10000u);
}

}  // namespace
}  // namespace sift::testing
