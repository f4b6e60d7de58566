// SPDX-License-Identifier: GPL-2.0-or-later
// Sift through its public API only: IndexWriter::add_all then commit()
// (which fsyncs), Searcher::search with the query language of README "Query
// syntax".  Ids-only searches turn snippets, facets and suggestions off;
// snippet searches turn snippets on.
//
// The build is IndexWriter's bulk build into the new index with N worker
// threads (IndexOptions::bulk_threads): N temporary databases written in
// parallel and merged with Xapian's compactor inside the timed region, as
// the raw Xapian adapter does with Database::compact.  compact() is
// sift::compact_index.
//
// The variants "sift-batch0" (IndexOptions::batch_size = 0: one commit at the
// end), "sift-batch250" and "sift-batch1000" (a fixed commit every 250 or
// 1,000 documents, max_batch_size = batch_size, instead of the default batch
// that grows with the index) measure the batch-size lever of the incremental
// writer (bulk_build = false: every document through add()).
//
// The query variants "sift-words" and "sift-words-strict" search the "sift"
// index and send the `and` and `or` classes as two plain words ("w1 w2", a
// user's usual query) instead of "w1 AND w2" / "w1 OR w2": graded (the
// default, SearchOptions::graded) and not graded (AND-or-nothing; the `or`
// class is then unsupported), for the cost of graded matching against raw
// Xapian's AND and OR of the same words.
#include <sift/sift.h>

#include <filesystem>

#include "engine.h"
#include "measure.h"

namespace bench {
namespace {

namespace fs = std::filesystem;

sift::Document to_sift(const Doc& d) {
  sift::Document doc;
  doc.id = d.id;
  doc.title = d.title;
  doc.source = d.source;
  doc.date = d.date;
  std::size_t start = 0;
  while (start <= d.body.size()) {
    std::size_t end = d.body.find('\n', start);
    if (end == std::string::npos) end = d.body.size();
    if (end > start) doc.paragraphs.emplace_back(d.body, start, end - start);
    start = end + 1;
  }
  return doc;
}

// The query in Sift's query language; `plain_words`: the two words of the
// `and` and `or` classes without an operator.
std::string query_string(const Query& q, bool plain_words) {
  if (plain_words && (q.kind == QueryClass::And || q.kind == QueryClass::Or)) {
    return q.words[0] + ' ' + q.words[1];
  }
  switch (q.kind) {
    case QueryClass::And:
      return q.words[0] + " AND " + q.words[1];
    case QueryClass::Or:
      return q.words[0] + " OR " + q.words[1];
    case QueryClass::Phrase:
      return '"' + q.words[0] + ' ' + q.words[1] + ' ' + q.words[2] + '"';
    case QueryClass::StemmedPhrase:
      return "~\"" + q.words[0] + ' ' + q.words[1] + ' ' + q.words[2] + '"';
    case QueryClass::Prefix:
      return q.prefix + '*';
    case QueryClass::Near:
      return q.words[0] + " NEAR/" + std::to_string(q.window) + ' ' + q.words[1];
    default:
      return q.words.at(0);
  }
}

class SiftEngine final : public Engine {
 public:
  /// A query variant of "sift" when `plain_words` (see the top).
  SiftEngine(std::string name, sift::IndexOptions options, bool plain_words = false,
             bool graded = true)
      : name_(std::move(name)),
        options_(std::move(options)),
        plain_words_(plain_words),
        graded_(graded) {}

  std::string_view name() const override { return name_; }
  std::string unsupported(QueryClass c) const override {
    // Not graded, two plain words are AND-or-nothing: for the `or` class's
    // words (which need not meet) a different query, often with no hit.
    if (plain_words_ && !graded_ && c == QueryClass::Or) {
      return "two plain words not graded are an AND, not the or class's query";
    }
    return {};
  }
  std::string_view index_name() const override {
    return plain_words_ ? std::string_view("sift") : std::string_view(name_);
  }

  std::string unsupported_threads(int threads) const override {
    return threads >= 1 ? std::string() : "at least one writer thread";
  }

  void build(const Corpus& corpus, const fs::path& dir, int threads) override {
    sift::IndexOptions options = options_;
    options.bulk_threads = static_cast<std::size_t>(threads);
    sift::IndexWriter writer(dir, options);
    // Converted one at a time, so the build holds no copy of the corpus.
    std::size_t i = 0;
    const sift::IndexReport report = writer.add_all([&](sift::Document& out) {
      if (i == corpus.docs.size()) return false;
      out = to_sift(corpus.docs[i++]);
      return true;
    });
    if (!report.rejected.empty()) {
      throw std::runtime_error("sift rejected a document: " + report.rejected.front().message());
    }
    writer.commit();
  }

  void compact(const fs::path& dir) override {
    const fs::path tmp = dir.string() + ".compact";
    fs::remove_all(tmp);
    sift::compact_index(dir, tmp);
    fs::remove_all(dir);
    fs::rename(tmp, dir);
  }

  IndexSize size(const fs::path& dir) override {
    IndexSize s;
    s.total = disk_bytes(dir);
    s.stored = disk_bytes(dir / "docdata.glass");
    s.postings = s.total - s.stored;
    return s;
  }

  void open(const fs::path& dir) override {
    searcher_.reset();
    searcher_ = std::make_unique<sift::Searcher>(dir);
  }

  SearchResult search(const Query& q, std::size_t k, bool snippets) override {
    sift::SearchOptions options;
    options.limit = k;
    options.snippets = snippets;
    options.facets = false;
    options.suggest = false;
    options.graded = graded_;
    if (q.by_date) options.sort = sift::SortOrder::Date;
    if (!q.source.empty()) options.filters.push_back({"source", q.source});
    const sift::Results results = searcher_->search(query_string(q, plain_words_), options);
    SearchResult result;
    for (const auto& hit : results.hits) {
      result.hits += !hit.id.empty();
      result.snippet_bytes += hit.snippet.size();
    }
    return result;
  }

  bool has_suggestions() const override { return true; }

  std::optional<std::string> suggest(std::string_view misspelled) override {
    sift::SearchOptions options;
    options.snippets = false;
    options.facets = false;
    options.suggest = true;
    return searcher_->search(misspelled, options).suggestion;
  }

 private:
  std::string name_;
  sift::IndexOptions options_;
  bool plain_words_;
  bool graded_;
  std::unique_ptr<sift::Searcher> searcher_;
};

}  // namespace

std::unique_ptr<Engine> make_sift_engine() {
  return std::make_unique<SiftEngine>("sift", sift::IndexOptions{});
}

std::unique_ptr<Engine> make_sift_words_engine(bool graded) {
  return std::make_unique<SiftEngine>(graded ? "sift-words" : "sift-words-strict",
                                      sift::IndexOptions{}, /*plain_words=*/true, graded);
}

std::unique_ptr<Engine> make_sift_batch_engine(std::size_t batch_size) {
  sift::IndexOptions options;
  options.batch_size = batch_size;
  options.max_batch_size = batch_size;  // fixed: the batch does not grow
  options.bulk_build = false;
  return std::make_unique<SiftEngine>("sift-batch" + std::to_string(batch_size), options);
}

}  // namespace bench
