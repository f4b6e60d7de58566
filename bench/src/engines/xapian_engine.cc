// SPDX-License-Identifier: GPL-2.0-or-later
// Raw Xapian 1.4, written the way its documentation shows (the "Getting
// Started with Xapian" indexer and searcher): a TermGenerator with the
// English stemmer and positions, replace_document by a Q<id> term, Enquire
// with a QueryParser.  It uses no Sift code, so it is the floor Sift's own
// overhead is measured against.
//
// "xapian" is the lean baseline a user of plain Xapian would write: the
// document data is the id and nothing else, so a hit costs no stored text
// (and there are no snippets: the class is reported as unsupported).
//
// Unequal where noted: TermGenerator's default STEM_SOME indexes stemmed
// forms without positions, so a stemmed phrase cannot be matched (the class
// is reported as unsupported); there is no spelling data, so no suggestions.
//
// Variants, run with --engines=...: "xapian-stored" (the data also holds
// title and body, for MSet::snippet: the snippets peer), "xapian-fullpos"
// (STEM_SOME_FULL_POS: stems with positions) and "xapian-spelling"
// (FLAG_SPELLING: a spelling table).
#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <thread>

#include "engine.h"
#include "measure.h"

namespace bench {
namespace {

namespace fs = std::filesystem;

constexpr Xapian::valueno kDateSlot = 0;
constexpr unsigned kSnippetChars = 240;

// How the peer indexes: the documented defaults, or one lever changed.
struct Layout {
  std::string name = "xapian";
  Xapian::TermGenerator::stem_strategy stems = Xapian::TermGenerator::STEM_SOME;
  bool spelling = false;
  bool store_text = false;  // data "id\ttitle\tbody" rather than "id"
  // A query variant: searches this engine's index, with the `and` class's
  // two words joined by OR (for graded matching's cost, see sift_engine.cc).
  std::string index_of;
};

// Stored document data: the id, or id, tab, title, tab, body.
std::string document_data(const Doc& doc, const Layout& layout) {
  if (!layout.store_text) return doc.id;
  return doc.id + '\t' + doc.title + '\t' + doc.body;
}

void index_range(const Corpus& corpus, std::size_t begin, std::size_t end, const fs::path& dir,
                 const Layout& layout) {
  Xapian::WritableDatabase db(dir.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator indexer;
  indexer.set_stemmer(Xapian::Stem("english"));
  indexer.set_stemming_strategy(layout.stems);
  if (layout.spelling) {
    indexer.set_database(db);
    indexer.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  }
  for (std::size_t i = begin; i < end; ++i) {
    const Doc& d = corpus.docs[i];
    Xapian::Document doc;
    indexer.set_document(doc);
    indexer.index_text(d.title, 1, "S");
    indexer.index_text(d.title);
    indexer.increase_termpos();
    indexer.index_text(d.body);
    doc.set_data(document_data(d, layout));
    doc.add_value(kDateSlot, d.date);
    doc.add_boolean_term("XS" + d.source);
    const std::string id_term = "Q" + d.id;
    doc.add_boolean_term(id_term);
    db.replace_document(id_term, doc);
  }
  db.commit();  // fsyncs
}

void compact_into(const std::vector<fs::path>& sources, const fs::path& target) {
  Xapian::Database combined;
  for (const auto& source : sources) combined.add_database(Xapian::Database(source.string()));
  combined.compact(target.string(), Xapian::DBCOMPACT_MULTIPASS);
}

class XapianEngine final : public Engine {
 public:
  explicit XapianEngine(Layout layout) : layout_(std::move(layout)) {}

  std::string_view name() const override { return layout_.name; }
  std::string_view index_name() const override {
    return layout_.index_of.empty() ? layout_.name : layout_.index_of;
  }

  std::string unsupported(QueryClass c) const override {
    if (c == QueryClass::StemmedPhrase && layout_.stems == Xapian::TermGenerator::STEM_SOME) {
      return "TermGenerator's default STEM_SOME stores stems without positions";
    }
    return {};
  }
  std::string unsupported_snippets() const override {
    return layout_.store_text ? std::string()
                              : "the lean baseline stores only the id (see xapian-stored)";
  }
  std::string unsupported_threads(int threads) const override {
    return threads <= 2 ? std::string() : "built for 1 or 2 threads";
  }

  // With 2 threads each writes a shard of half the documents and the shards
  // are merged by compaction, which is part of the time.
  void build(const Corpus& corpus, const fs::path& dir, int threads) override {
    if (threads == 1) {
      index_range(corpus, 0, corpus.docs.size(), dir, layout_);
      return;
    }
    const std::size_t half = corpus.docs.size() / 2;
    const fs::path a = dir.string() + ".shard0", b = dir.string() + ".shard1";
    std::exception_ptr failure;
    std::thread worker([&] {
      try {
        index_range(corpus, half, corpus.docs.size(), b, layout_);
      } catch (...) {
        failure = std::current_exception();
      }
    });
    index_range(corpus, 0, half, a, layout_);
    worker.join();
    if (failure) std::rethrow_exception(failure);
    fs::remove_all(dir);
    compact_into({a, b}, dir);
    fs::remove_all(a);
    fs::remove_all(b);
  }

  void compact(const fs::path& dir) override {
    const fs::path tmp = dir.string() + ".compact";
    fs::remove_all(tmp);
    compact_into({dir}, tmp);
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
    db_ = Xapian::Database(dir.string());
    parser_ = Xapian::QueryParser();
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_database(db_);
    stemmer_ = Xapian::Stem("english");
  }

  SearchResult search(const Query& q, std::size_t k, bool snippets) override {
    Xapian::Query query = parser_.parse_query(query_string(q, !layout_.index_of.empty()), kFlags);
    if (q.kind == QueryClass::StemmedPhrase) {
      // Only with stems indexed with positions (fullpos): a phrase of Z terms.
      std::vector<Xapian::Query> stems;
      for (const auto& word : q.words) stems.emplace_back("Z" + stemmer_(word));
      query = Xapian::Query(Xapian::Query::OP_PHRASE, stems.begin(), stems.end());
    }
    if (!q.source.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query("XS" + q.source));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    if (q.by_date) enquire.set_sort_by_value(kDateSlot, true);
    Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(k));
    SearchResult result;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::string data = it.get_document().get_data();
      const std::size_t tab = data.find('\t');
      result.hits += !data.empty() && tab != 0;
      if (snippets && tab != std::string::npos) {
        const std::size_t body = data.find('\t', tab + 1);
        result.snippet_bytes += mset.snippet(data.substr(body + 1), kSnippetChars, stemmer_).size();
      }
    }
    return result;
  }

 private:
  static constexpr unsigned kFlags =
      Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD;

  static std::string query_string(const Query& q, bool any_word) {
    switch (q.kind) {
      case QueryClass::And:
        return q.words[0] + (any_word ? " OR " : " AND ") + q.words[1];
      case QueryClass::Or:
        return q.words[0] + " OR " + q.words[1];
      case QueryClass::Phrase:
      case QueryClass::StemmedPhrase:
        return '"' + q.words[0] + ' ' + q.words[1] + ' ' + q.words[2] + '"';
      case QueryClass::Prefix:
        return q.prefix + '*';
      case QueryClass::Near:
        return q.words[0] + " NEAR/" + std::to_string(q.window) + ' ' + q.words[1];
      default:
        return q.words.at(0);
    }
  }

  Layout layout_;
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::Stem stemmer_;
};

}  // namespace

std::unique_ptr<Engine> make_xapian_engine() {
  return std::make_unique<XapianEngine>(Layout{});
}

std::unique_ptr<Engine> make_xapian_stored_engine() {
  return std::make_unique<XapianEngine>(
      Layout{"xapian-stored", Xapian::TermGenerator::STEM_SOME, false, true, ""});
}

std::unique_ptr<Engine> make_xapian_fullpos_engine() {
  return std::make_unique<XapianEngine>(
      Layout{"xapian-fullpos", Xapian::TermGenerator::STEM_SOME_FULL_POS, false, true, ""});
}

std::unique_ptr<Engine> make_xapian_any_word_engine() {
  Layout layout;
  layout.name = "xapian-anyword";
  layout.index_of = "xapian";
  return std::make_unique<XapianEngine>(layout);
}

std::unique_ptr<Engine> make_xapian_spelling_engine() {
  return std::make_unique<XapianEngine>(
      Layout{"xapian-spelling", Xapian::TermGenerator::STEM_SOME, true, true, ""});
}

}  // namespace bench
