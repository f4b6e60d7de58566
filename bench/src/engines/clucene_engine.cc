// SPDX-License-Identifier: GPL-2.0-or-later
// CLucene 2.3 (Debian's libclucene-dev), used the way its Lucene-2.3-era
// documentation shows: an IndexWriter with the Snowball English analyzer,
// one stored, tokenized "text" field (title and body) with positions, an
// untokenized stored "id", untokenized "source" and "date" fields; queries
// built from Query objects (TermQuery, BooleanQuery, PhraseQuery,
// PrefixQuery, SpanNearQuery), a QueryFilter for the source filter, a
// Sort on "date"; snippets from the contrib Highlighter.
//
// Unequal where noted: the index holds stems only, so an exact phrase
// matches every inflection (phrase and stemmed phrase run the same query);
// no spelling corrector is used.  CLucene does not fsync on close, so its
// "commit" is less durable than Xapian's or SQLite's.  Text is UTF-32
// (wchar_t) inside CLucene, so every string is converted on the way in.
#include <CLucene.h>
#include <CLucene/document/FieldSelector.h>
#include <CLucene/highlighter/Formatter.h>
#include <CLucene/highlighter/Highlighter.h>
#include <CLucene/highlighter/QueryScorer.h>
#include <CLucene/highlighter/SimpleHTMLFormatter.h>
#include <CLucene/search/FieldDoc.h>
#include <CLucene/search/QueryFilter.h>
// Debian's SpanNearQuery.h uses _tcscmp, which only CLucene's private
// headers define; TCHAR is wchar_t there.
#ifndef _tcscmp
#define _tcscmp wcscmp
#endif
#include <CLucene/search/spans/SpanNearQuery.h>
#include <CLucene/search/spans/SpanTermQuery.h>
#include <CLucene/snowball/SnowballAnalyzer.h>
#include <unicode/unistr.h>

#include <climits>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <thread>

#include "engine.h"
#include "measure.h"

namespace bench {
namespace {

namespace fs = std::filesystem;
using lucene::analysis::snowball::SnowballAnalyzer;
using lucene::document::Document;
using lucene::document::Field;
using lucene::index::IndexWriter;
using lucene::index::Term;
using lucene::search::BooleanClause;
using lucene::search::BooleanQuery;
using lucene::search::IndexSearcher;
using lucene::search::Query;

std::wstring wide(std::string_view utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::wstring out(static_cast<std::size_t>(text.countChar32()), L'\0');
  UErrorCode status = U_ZERO_ERROR;
  text.toUTF32(reinterpret_cast<UChar32*>(out.data()), static_cast<int32_t>(out.size()), status);
  return out;
}

std::string narrow(const wchar_t* text) {
  std::string out;
  const icu::UnicodeString unicode = icu::UnicodeString::fromUTF32(
      reinterpret_cast<const UChar32*>(text), static_cast<int32_t>(std::wcslen(text)));
  return unicode.toUTF8String(out);
}

// The rethrown form of CLuceneError, which is not a std::exception.
[[noreturn]] void rethrow(CLuceneError& error, const std::string& context) {
  throw std::runtime_error("CLucene: " + context + ": " + error.what());
}

// Field flags are two enums OR-ed; C++20 deprecates mixing them directly.
int flags(Field::Store store, Field::Index index) {
  return static_cast<int>(store) | static_cast<int>(index);
}

void index_range(const Corpus& corpus, std::size_t begin, std::size_t end, const fs::path& dir) {
  SnowballAnalyzer analyzer(L"English");
  IndexWriter writer(dir.c_str(), &analyzer, true);
  writer.setMaxFieldLength(INT_MAX);  // default truncates at 10,000 tokens
  writer.setUseCompoundFile(false);   // so postings and stored text can be sized apart
  for (std::size_t i = begin; i < end; ++i) {
    const Doc& d = corpus.docs[i];
    Document doc;
    doc.add(*_CLNEW Field(L"id", wide(d.id).c_str(),
                          flags(Field::STORE_YES, Field::INDEX_UNTOKENIZED)));
    doc.add(*_CLNEW Field(L"text", wide(d.title + "\n" + d.body).c_str(),
                          flags(Field::STORE_YES, Field::INDEX_TOKENIZED)));
    doc.add(*_CLNEW Field(L"source", wide(d.source).c_str(),
                          flags(Field::STORE_NO, Field::INDEX_UNTOKENIZED)));
    if (!d.date.empty()) {
      doc.add(*_CLNEW Field(L"date", wide(d.date).c_str(),
                            flags(Field::STORE_NO, Field::INDEX_UNTOKENIZED)));
    }
    writer.addDocument(&doc);
  }
  writer.close();
}

class CluceneEngine final : public Engine {
 public:
  ~CluceneEngine() override { close(); }

  std::string_view name() const override { return "clucene"; }

  std::string unsupported_threads(int threads) const override {
    return threads <= 2 ? std::string() : "built for 1 or 2 threads";
  }

  // With 2 threads each writes half the documents into its own index and
  // the halves are merged with addIndexes (which optimizes), inside the time.
  void build(const Corpus& corpus, const fs::path& dir, int threads) override {
    try {
      if (threads == 1) {
        index_range(corpus, 0, corpus.docs.size(), dir);
        return;
      }
      const std::size_t half = corpus.docs.size() / 2;
      const fs::path a = dir.string() + ".shard0", b = dir.string() + ".shard1";
      std::exception_ptr failure;
      std::thread worker([&] {
        try {
          index_range(corpus, half, corpus.docs.size(), b);
        } catch (CLuceneError& error) {
          failure = std::make_exception_ptr(std::runtime_error(error.what()));
        } catch (...) {
          failure = std::current_exception();
        }
      });
      index_range(corpus, 0, half, a);
      worker.join();
      if (failure) std::rethrow_exception(failure);
      SnowballAnalyzer analyzer(L"English");
      IndexWriter writer(dir.c_str(), &analyzer, true);
      writer.setUseCompoundFile(false);
      lucene::util::ObjectArray<lucene::store::Directory> shards(2);
      shards.values[0] = lucene::store::FSDirectory::getDirectory(a.c_str());
      shards.values[1] = lucene::store::FSDirectory::getDirectory(b.c_str());
      writer.addIndexes(
          reinterpret_cast<lucene::util::ArrayBase<lucene::store::Directory*>&>(shards));
      writer.close();
      for (std::size_t i = 0; i < 2; ++i) {
        shards.values[i]->close();
        _CLDECDELETE(shards.values[i]);
      }
      fs::remove_all(a);
      fs::remove_all(b);
    } catch (CLuceneError& error) {
      rethrow(error, "indexing into " + dir.string());
    }
  }

  void compact(const fs::path& dir) override {
    try {
      SnowballAnalyzer analyzer(L"English");
      IndexWriter writer(dir.c_str(), &analyzer, false);
      writer.setUseCompoundFile(false);
      writer.optimize();
      writer.close();
    } catch (CLuceneError& error) {
      rethrow(error, "optimizing " + dir.string());
    }
  }

  IndexSize size(const fs::path& dir) override {
    IndexSize s;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto ext = entry.path().extension();
      const std::size_t bytes = entry.file_size();
      s.total += bytes;
      if (ext == ".fdt" || ext == ".fdx") s.stored += bytes;
    }
    s.postings = s.total - s.stored;
    return s;
  }

  void open(const fs::path& dir) override {
    close();
    try {
      searcher_ = new IndexSearcher(dir.c_str());
    } catch (CLuceneError& error) {
      rethrow(error, "opening " + dir.string());
    }
  }

  SearchResult search(const bench::Query& q, std::size_t k, bool snippets) override {
    try {
      std::unique_ptr<Query> query(make_query(q));
      std::unique_ptr<lucene::search::Filter> filter;
      if (!q.source.empty()) {
        filter = std::make_unique<lucene::search::QueryFilter>(
            make_term_query(L"source", wide(q.source)), true);
      }
      // Sorted searches go through Hits: the TopFieldDocs type that
      // _search(..., Sort*) returns is not in Debian's public headers.
      std::vector<int32_t> ids;
      if (q.by_date) {
        lucene::search::Sort sort(
            _CLNEW lucene::search::SortField(L"date", lucene::search::SortField::STRING, true));
        std::unique_ptr<lucene::search::Hits> hits(
            searcher_->search(query.get(), filter.get(), &sort));
        for (std::size_t i = 0; i < std::min(k, hits->length()); ++i) {
          ids.push_back(hits->id(static_cast<int32_t>(i)));
        }
      } else {
        std::unique_ptr<lucene::search::TopDocs> top(
            searcher_->_search(query.get(), filter.get(), static_cast<int32_t>(k)));
        for (int32_t i = 0; i < top->scoreDocsLength; ++i) ids.push_back(top->scoreDocs[i].doc);
      }
      SearchResult result;
      std::unique_ptr<Query> rewritten;
      for (const int32_t id_number : ids) {
        Document doc;
        searcher_->getReader()->document(id_number, doc, snippets ? nullptr : &id_only_);
        const wchar_t* id = doc.get(L"id");
        result.hits += id != nullptr && *id != 0;
        if (snippets) {
          if (!rewritten) rewritten.reset(query->rewrite(searcher_->getReader()));
          result.snippet_bytes += snippet(rewritten.get(), doc.get(L"text"));
        }
      }
      if (rewritten.get() == query.get()) rewritten.release();
      return result;
    } catch (CLuceneError& error) {
      rethrow(error, "query " + q.describe());
    }
  }

 private:
  std::size_t snippet(Query* query, const wchar_t* text) {
    if (!text) return 0;
    lucene::search::highlight::SimpleHTMLFormatter formatter(L"<mark>", L"</mark>");
    lucene::search::highlight::QueryScorer scorer(query);
    lucene::search::highlight::Highlighter highlighter(&formatter, &scorer);
    wchar_t* fragment = highlighter.getBestFragment(&analyzer_, L"text", text);
    if (!fragment) return 0;
    const std::size_t bytes = narrow(fragment).size();
    _CLDELETE_LCARRAY(fragment);
    return bytes;
  }

  // The analyzed (stemmed, lower-cased) form of one word, as indexed.
  std::wstring analyzed(const std::string& word) {
    const std::wstring text = wide(word);
    lucene::util::StringReader reader(text.c_str(), static_cast<int32_t>(text.size()), true);
    std::unique_ptr<lucene::analysis::TokenStream> stream(analyzer_.tokenStream(L"text", &reader));
    lucene::analysis::Token token;
    std::wstring out;
    if (stream->next(&token)) out = token.termBuffer();
    stream->close();
    return out;
  }

  static Query* make_term_query(const wchar_t* field, const std::wstring& text) {
    Term* term = _CLNEW Term(field, text.c_str());
    Query* query = _CLNEW lucene::search::TermQuery(term);
    _CLDECDELETE(term);
    return query;
  }

  Query* make_query(const bench::Query& q) {
    switch (q.kind) {
      case QueryClass::And:
      case QueryClass::Or: {
        auto* query = _CLNEW BooleanQuery();
        const auto occur = q.kind == QueryClass::And ? BooleanClause::MUST : BooleanClause::SHOULD;
        for (const auto& word : q.words)
          query->add(make_term_query(L"text", analyzed(word)), true, occur);
        return query;
      }
      case QueryClass::Phrase:
      case QueryClass::StemmedPhrase: {
        auto* query = _CLNEW lucene::search::PhraseQuery();
        for (const auto& word : q.words) {
          Term* term = _CLNEW Term(L"text", analyzed(word).c_str());
          query->add(term);
          _CLDECDELETE(term);
        }
        return query;
      }
      case QueryClass::Prefix: {
        Term* term = _CLNEW Term(L"text", wide(q.prefix).c_str());
        Query* query = _CLNEW lucene::search::PrefixQuery(term);
        _CLDECDELETE(term);
        return query;
      }
      case QueryClass::Near: {
        lucene::search::spans::SpanQuery* clauses[2];
        for (int i = 0; i < 2; ++i) {
          Term* term = _CLNEW Term(L"text", analyzed(q.words[static_cast<std::size_t>(i)]).c_str());
          clauses[i] = _CLNEW lucene::search::spans::SpanTermQuery(term);
          _CLDECDELETE(term);
        }
        // Lucene's slop counts the positions between the words; Xapian's
        // NEAR/n window of n positions leaves n - 2 between two words.
        return _CLNEW lucene::search::spans::SpanNearQuery(
            clauses, clauses + 2, static_cast<int32_t>(q.window) - 2, false, true);
      }
      default:
        return make_term_query(L"text", analyzed(q.words.at(0)));
    }
  }

  void close() {
    if (searcher_) {
      searcher_->close();
      delete searcher_;
      searcher_ = nullptr;
    }
  }

  // Loads only the "id" field of a stored document.
  struct IdOnly : lucene::document::MapFieldSelector {
    IdOnly() { add(L"id"); }
  };

  SnowballAnalyzer analyzer_{L"English"};
  IndexSearcher* searcher_ = nullptr;
  IdOnly id_only_;
};

}  // namespace

std::unique_ptr<Engine> make_clucene_engine() {
  return std::make_unique<CluceneEngine>();
}

}  // namespace bench
