// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: query string -> Searcher::search over a small index.
//
// The index (built once per process in a temporary folder) has hyphenated
// words, accents, several scripts, dates, sources, authors and synonym
// groups, so that fields, filters, wildcards, synonyms, phrases and
// suggestions all have something to expand to.  Checked: a query either
// gives results or sift::Error(BadQuery) with a message; every hit is one
// of the indexed documents, ranked 1, 2, ...; snippets and warnings are
// valid UTF-8; totals are consistent.  Any other exception is a bug.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sift/sift.h"

namespace {

namespace fs = std::filesystem;
using sift::fuzz::check;

sift::Document doc(std::string id, std::string title, std::string body, std::string source,
                   std::string date, std::string author = {}) {
  sift::Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.paragraphs = {std::move(body)};
  d.source = std::move(source);
  d.date = std::move(date);
  d.author = std::move(author);
  return d;
}

// The index, created on first use and removed at exit.
class SmallIndex {
 public:
  SmallIndex() {
    char pattern[] = "/tmp/sift-fuzz-query-XXXXXX";
    if (!mkdtemp(pattern)) sift::fuzz::fail("cannot create a temporary folder");
    root_ = pattern;
    const fs::path synonyms = root_ / "synonyms.txt";
    std::ofstream(synonyms) << "kyiv kiev київ\nus \"united states\" U.S.\nnato otan\n";
    sift::IndexWriter writer(root_ / "index");
    writer.add(doc("a1", "NATO summit in Kyiv", "The Secretary-General met F-16 pilots in Kyiv.",
                   "Reuters", "2024-05-28", "Jane Doe"));
    writer.add(doc("a2", "Café culture", "Crème brûlée and naïve résumés at the café.", "Le Monde",
                   "2023-01-02"));
    writer.add(doc("a3", "東京の天気", "今日は晴れです。明日は雨でしょう。", "NHK", "2022-12-31"));
    writer.add(doc("a4", "Peace talks", "\"The time has come\" said the United States envoy.", "AP",
                   "", "John Roe, Ana Díaz"));
    writer.add(doc("a5", "ข่าวไทย", "ภาษาไทยไม่มีการเว้นวรรคระหว่างคำ attack attacks attacking",
                   "Thai PBS", "2021-06-15"));
    writer.load_synonyms(synonyms);
    writer.commit();
    ids_ = {"a1", "a2", "a3", "a4", "a5"};
    searcher_.emplace(root_ / "index");
  }
  ~SmallIndex() {
    searcher_.reset();
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  sift::Searcher& searcher() { return *searcher_; }
  bool has(const std::string& id) const { return ids_.contains(id); }

 private:
  fs::path root_;
  std::set<std::string> ids_;
  std::optional<sift::Searcher> searcher_;
};

// `snippet` without its <mark> and </mark> tags: all other markup in it
// must have been escaped.
std::string without_marks(std::string snippet) {
  for (const std::string_view tag : {"<mark>", "</mark>"}) {
    for (auto at = snippet.find(tag); at != std::string::npos; at = snippet.find(tag, at)) {
      snippet.erase(at, tag.size());
    }
  }
  return snippet;
}

void check_results(const sift::Results& r, const SmallIndex& index, std::string_view query) {
  check(r.query == query, "Results::query is not the query given");
  check(r.hits.size() <= r.limit, "more hits than the limit");
  check(r.total_lower <= r.total && r.total <= r.total_upper, "totals out of order");
  check(r.total_upper <= 5, "more matches than documents");
  for (std::size_t i = 0; i < r.hits.size(); ++i) {
    const sift::Hit& hit = r.hits[i];
    check(index.has(hit.id), "hit with unknown id '" + hit.id + "'");
    check(hit.rank == r.offset + i + 1, "hit ranks are not consecutive");
    check(sift::util::check_text(hit.snippet).empty(), "snippet is not valid UTF-8");
    check(without_marks(hit.snippet).find_first_of("<>") == std::string::npos,
          "unescaped markup in snippet '" + hit.snippet + "'");
  }
  for (const std::string& w : r.warnings) {
    check(!w.empty() && sift::util::check_text(w).empty(), "bad warning text");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static SmallIndex index;
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  sift::SearchOptions options;
  options.limit = 3;
  // Odd inputs also page and sort by date, so those paths are fuzzed too.
  if (size % 2) {
    options.offset = 1;
    options.sort = sift::SortOrder::Date;
  }
  try {
    check_results(index.searcher().search(query, options), index, query);
  } catch (const sift::Error& e) {
    check(e.code() == sift::ErrorCode::BadQuery,
          "unexpected " + std::string(sift::to_string(e.code())) + " error: " + e.what());
    check(std::string_view(e.what()).size() > 0, "error without a message");
  }
  return 0;
}
