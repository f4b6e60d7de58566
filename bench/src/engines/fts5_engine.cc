// SPDX-License-Identifier: GPL-2.0-or-later
// SQLite FTS5 as its documentation shows it: one fts5 table with the
// porter tokenizer over unicode61 (remove_diacritics 2), ranked by the
// built-in bm25 (ORDER BY rank), snippets with snippet().
//
// Unequal where noted: the porter tokenizer indexes only stems, so an exact
// phrase matches every inflection (the phrase and stemmed-phrase classes run
// the same query); source and date are UNINDEXED columns, so a filter or a
// date sort is applied to the full-text matches row by row; there is no
// spelling corrector.  SQLite has one writer per database, and FTS5 tables
// cannot be merged, so indexing runs on one thread only.
#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "engine.h"
#include "measure.h"

namespace bench {
namespace {

namespace fs = std::filesystem;

// Keeps a prepared statement and finalizes it.
class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error("FTS5: cannot prepare \"" + sql + "\": " + sqlite3_errmsg(db));
    }
  }
  Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Statement& operator=(Statement&& other) noexcept {
    std::swap(stmt_, other.stmt_);
    return *this;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Connection {
 public:
  Connection() = default;
  explicit Connection(const fs::path& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = "FTS5: cannot open " + file.string() + ": " + sqlite3_errmsg(db_);
      sqlite3_close(db_);
      throw std::runtime_error(message);
    }
  }
  Connection(Connection&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Connection& operator=(Connection&& other) noexcept {
    std::swap(db_, other.db_);
    return *this;
  }
  ~Connection() { sqlite3_close(db_); }
  sqlite3* get() const { return db_; }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = "FTS5: \"" + sql + "\" failed: " + (error ? error : "?");
      sqlite3_free(error);
      throw std::runtime_error(message);
    }
  }

 private:
  sqlite3* db_ = nullptr;
};

void bind_text(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
}

// FTS5 query syntax: every word in double quotes, so none is an operator.
std::string quoted(const std::string& word) {
  return '"' + word + '"';
}

std::string match_string(const Query& q) {
  switch (q.kind) {
    case QueryClass::And:
      return quoted(q.words[0]) + " AND " + quoted(q.words[1]);
    case QueryClass::Or:
      return quoted(q.words[0]) + " OR " + quoted(q.words[1]);
    case QueryClass::Phrase:
    case QueryClass::StemmedPhrase:
      return quoted(q.words[0] + ' ' + q.words[1] + ' ' + q.words[2]);
    case QueryClass::Prefix:
      return quoted(q.prefix) + " *";
    case QueryClass::Near:
      // FTS5's NEAR(..., N) allows N tokens between the words; Xapian's
      // NEAR/n window of n positions leaves n - 2 between two words.
      return "NEAR(" + quoted(q.words[0]) + ' ' + quoted(q.words[1]) + ", " +
             std::to_string(q.window - 2) + ')';
    default:
      return quoted(q.words.at(0));
  }
}

class Fts5Engine final : public Engine {
 public:
  std::string_view name() const override { return "fts5"; }

  void build(const Corpus& corpus, const fs::path& dir, int threads) override {
    if (threads != 1) throw std::runtime_error("FTS5 indexes with one writer");
    fs::create_directories(dir);
    Connection db(dir / "index.db", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    // Defaults kept: rollback journal, synchronous=FULL, so COMMIT is durable.
    db.exec(
        "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, source UNINDEXED, "
        "date UNINDEXED, tokenize='porter unicode61 remove_diacritics 2')");
    db.exec("BEGIN");
    Statement insert(db.get(),
                     "INSERT INTO docs(id, title, body, source, date) VALUES (?,?,?,?,?)");
    for (const Doc& d : corpus.docs) {
      bind_text(insert.get(), 1, d.id);
      bind_text(insert.get(), 2, d.title);
      bind_text(insert.get(), 3, d.body);
      bind_text(insert.get(), 4, d.source);
      bind_text(insert.get(), 5, d.date);
      if (sqlite3_step(insert.get()) != SQLITE_DONE) {
        throw std::runtime_error("FTS5: insert of " + d.id +
                                 " failed: " + sqlite3_errmsg(db.get()));
      }
      sqlite3_reset(insert.get());
    }
    db.exec("COMMIT");
  }

  void compact(const fs::path& dir) override {
    Connection db(dir / "index.db", SQLITE_OPEN_READWRITE);
    db.exec("INSERT INTO docs(docs) VALUES('optimize')");
    db.exec("VACUUM");
  }

  IndexSize size(const fs::path& dir) override {
    IndexSize s;
    s.total = disk_bytes(dir / "index.db");
    Connection db(dir / "index.db", SQLITE_OPEN_READONLY);
    // dbstat splits the file by table: docs_data and docs_idx hold terms and
    // positions (what a contentless table would have), docs_content and
    // docs_docsize the stored text.
    Statement stat(db.get(), "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name");
    while (sqlite3_step(stat.get()) == SQLITE_ROW) {
      const std::string table = reinterpret_cast<const char*>(sqlite3_column_text(stat.get(), 0));
      const auto bytes = static_cast<std::size_t>(sqlite3_column_int64(stat.get(), 1));
      if (table == "docs_data" || table == "docs_idx") {
        s.postings += bytes;
      } else {
        s.stored += bytes;
      }
    }
    return s;
  }

  void open(const fs::path& dir) override {
    for (int s = 0; s < 2; ++s) {
      by_rank_[s] = Statement();
      filtered_[s] = Statement();
      by_date_[s] = Statement();
    }
    db_ = Connection(dir / "index.db", SQLITE_OPEN_READONLY);
    const std::string from = " FROM docs WHERE docs MATCH ?1";
    const std::string snippet = ", snippet(docs, 2, '<mark>', '</mark>', '...', 40)";
    const std::string filter = " AND source = ?3";
    for (int s = 0; s < 2; ++s) {
      const std::string columns = "SELECT id" + (s ? snippet : std::string());
      by_rank_[s] = Statement(db_.get(), columns + from + " ORDER BY rank LIMIT ?2");
      filtered_[s] = Statement(db_.get(), columns + from + filter + " ORDER BY rank LIMIT ?2");
      by_date_[s] = Statement(db_.get(), columns + from + " ORDER BY date DESC LIMIT ?2");
    }
  }

  SearchResult search(const Query& q, std::size_t k, bool snippets) override {
    const int s = snippets ? 1 : 0;
    sqlite3_stmt* stmt = q.by_date          ? by_date_[s].get()
                         : q.source.empty() ? by_rank_[s].get()
                                            : filtered_[s].get();
    const std::string match = match_string(q);
    bind_text(stmt, 1, match);
    sqlite3_bind_int64(stmt, 2, static_cast<sqlite3_int64>(k));
    if (!q.source.empty() && !q.by_date) bind_text(stmt, 3, q.source);
    SearchResult result;
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      result.hits += sqlite3_column_bytes(stmt, 0) > 0;
      if (snippets) result.snippet_bytes += static_cast<std::size_t>(sqlite3_column_bytes(stmt, 1));
    }
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE) {
      throw std::runtime_error("FTS5: query " + match + " failed: " + sqlite3_errmsg(db_.get()));
    }
    return result;
  }

 private:
  Connection db_;
  Statement by_rank_[2], filtered_[2], by_date_[2];
};

}  // namespace

std::unique_ptr<Engine> make_fts5_engine() {
  return std::make_unique<Fts5Engine>();
}

}  // namespace bench
