// SPDX-License-Identifier: GPL-2.0-or-later
// PlainWriter: one Xapian::WritableDatabase.
//
// Xapian also commits on its own every XAPIAN_FLUSH_THRESHOLD changes
// (10,000 by default, an environment variable); IndexOptions::batch_size
// only adds earlier commits.

#include "index/plain_writer.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <functional>
#include <new>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "index/bulk_builder.h"
#include "index/compactor.h"
#include "index/document_builder.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "index/format/stem_map.h"
#include "index/index_swap.h"
#include "index/open_writable_index.h"
#include "index/path_walk.h"
#include "index/synonyms_file.h"
#include "sift/error.h"
#include "util/errors.h"
#include "util/hash.h"

namespace sift::index {
namespace {

/// The current time as ISO 8601 UTC, e.g. "2026-11-26T08:10:00Z".
std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace fs = std::filesystem;

// The summary record of a stored document (format/record.h).
// @throws sift::Error(Corrupt) when it is damaged: a writer never decides
// what to keep or delete from a record it cannot read.
format::Summary stored_summary(const Xapian::Document& doc, const std::string& where) {
  auto summary = format::decode_summary(format::summary_bytes(doc));
  if (!summary) {
    throw Error(ErrorCode::Corrupt,
                where + ": the stored record of document #" + std::to_string(doc.get_docid()) +
                    " is damaged; rebuild the index: " + format::rebuild_command(where));
  }
  return std::move(*summary);
}

}  // namespace

struct PlainWriter::Impl {
  Impl(const fs::path& index_path, const IndexOptions& opts,
       std::span<const format::FieldSpec> registry)
      : path(index_path),
        where(index_path.string()),
        options(opts),
        fields(registry),
        // Made first, so an unknown language fails before anything is created.
        analyzer(opts.analyzer),
        db(open_writable(index_path, opts)) {
    // Left by a bulk build or compaction that stopped; the lock is ours.
    remove_work_folder(path);
    const AnalyzerOptions settled = settle_analyzer_options(db, where, opts.analyzer);
    if (settled.max_token_bytes != opts.analyzer.max_token_bytes ||
        settled.paragraph_gap != opts.analyzer.paragraph_gap) {
      analyzer = analysis::Analyzer(settled);
    }
  }

  std::string context(std::string_view action, std::string_view id) const {
    std::string out = where + ": " + std::string(action);
    if (!id.empty()) out += " '" + std::string(id) + "'";
    return out;
  }

  // The document with this id term, if any.
  std::optional<Xapian::Document> find(const std::string& id_term) const {
    Xapian::PostingIterator it = db.postlist_begin(id_term);
    if (it == db.postlist_end(id_term)) return std::nullopt;
    return db.get_document(*it);
  }

  // Documents per automatic commit: IndexOptions::batch_size, grown to
  // 1/64 of the committed documents up to max_batch_size (see options.h).
  std::size_t batch_limit() const {
    if (options.batch_size == 0) return 0;
    const std::size_t grown = std::min(options.max_batch_size, committed_docs / 64);
    return std::max(options.batch_size, grown);
  }

  void changed() {
    ++pending;
    if (options.batch_size > 0 && pending >= batch_limit()) commit();
  }

  // Throws away every change since the last commit, after an error that
  // may have left Xapian's buffered changes half made (a failed allocation
  // in the middle of replace_document, a failed write during commit):
  // committing them could make a damaged revision.  An unflushed
  // transaction begun and cancelled discards the changes pending before it
  // (xapian/database.h, begin_transaction).  If even that fails, the
  // database handle is abandoned: its destructor would commit.
  void discard() noexcept {
    if (abandoned) return;  // `db` was moved away; nothing is pending.
    pending = 0;
    stems = format::StemMapBatch{};
    try {
      db.begin_transaction(false);
      db.cancel_transaction();
      committed_docs = db.get_doccount();
    } catch (...) {
      abandon();
    }
  }

  // Leaks the database handle on purpose (see discard()): its destructor
  // would commit.  The write lock is then released when the process exits.
  void abandon() noexcept {
    if (abandoned) return;
    abandoned = true;
    new (&abandoned_db) Xapian::WritableDatabase(std::move(db));
  }

  // Runs `fn` (an operation on the database) with util::guarded; any error
  // but a document's own BadInput, which is thrown before the database is
  // touched, discards the uncommitted changes first.
  template <typename Fn>
  decltype(auto) guard(std::string_view action, std::string_view id, Fn&& fn) {
    return util::guarded(context(action, id), [&]() -> decltype(auto) {
      if (abandoned) {
        throw Error(ErrorCode::IO, where +
                                       ": the writer failed before and discarded its "
                                       "uncommitted changes; open a new IndexWriter");
      }
      return discarding_on_failure(fn, [this]() noexcept { discard(); });
    });
  }

  void commit() {
    // Recorded with the changes they describe, so they commit atomically
    // with them; an empty commit leaves them (and the revision) alone.
    stems.write_to(db);
    if (pending > 0) db.set_metadata(std::string(format::kMetaLastCommit), utc_now_iso8601());
    db.commit();
    pending = 0;
    committed_docs = db.get_doccount();
  }

  AddOutcome add(const Document& doc) {
    const std::string hash = content_hash(doc, analyzer.options(), fields);
    const std::string id_term = format::id_term(doc.id);
    const std::optional<Xapian::Document> old = find(id_term);
    if (old && old->get_value(format::kHashSlot) == hash) return AddOutcome::Unchanged;
    Xapian::Document xdoc = build_document(doc, hash, analyzer, stems, fields);
    db.replace_document(id_term, xdoc);
    changed();
    return old ? AddOutcome::Replaced : AddOutcome::Added;
  }

  bool remove(const std::string& id_term) {
    const std::optional<Xapian::Document> old = find(id_term);
    if (!old) return false;
    db.delete_document(id_term);
    changed();
    return true;
  }

  // The one prune loop (plain_writer.h), for a plain index and each shard.
  void prune(const PathWalk& walk, IndexReport& report) {
    std::vector<std::string> doomed;
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const format::Summary stored = stored_summary(db.get_document(*it), where);
      if (walk.seen().contains(stored.id)) continue;
      switch (walk.prune_verdict(stored.path)) {
        case PathWalk::Prune::Leave:
          break;
        case PathWalk::Prune::Keep:
          ++report.kept;
          break;
        case PathWalk::Prune::Remove:
          doomed.push_back(stored.id);
          break;
      }
    }
    for (const std::string& id : doomed) remove(format::id_term(id));
    report.removed += doomed.size();
  }

  // A bulk build goes through index_paths() into an index with no documents
  // (a new one, the common first build): then no id can need a replace, and
  // nothing can need pruning.  Adding to a non-empty index stays incremental.
  bool bulk_applies() const { return options.bulk_build && db.get_doccount() == 0; }

  // Replaces the index by the compaction of itself followed by `parts`
  // (index_swap.h); the work folder is removed in any case.
  void merge(const std::vector<fs::path>& parts) {
    commit();
    try {
      // The folder itself, not a symbolic link to it, is exchanged.
      const fs::path real = fs::canonical(path);
      std::vector<fs::path> sources{real};
      sources.insert(sources.end(), parts.begin(), parts.end());
      const fs::path merged = work_folder(real) / "merged";
      fs::create_directories(merged.parent_path());
      compact_databases(sources, merged);
      BoundFolder fresh_folder;
      Xapian::WritableDatabase fresh = install(db, real, merged, fresh_folder, utc_now_iso8601());
      db.close();  // Nothing uncommitted: closing writes nothing.
      db = fresh;
      bound = std::move(fresh_folder);
    } catch (...) {
      remove_work_folder_quietly();
      throw;
    }
    remove_work_folder_quietly();
    pending = 0;
    committed_docs = db.get_doccount();
  }

  void remove_work_folder_quietly() noexcept {
    try {
      remove_work_folder(path);
    } catch (...) {
      // The next writer removes it.
    }
  }

  // index_paths() or add_all() into an empty index: see bulk_builder.h.
  // `feed` gives the documents (through walk.run() or walk.offer()).
  // @return false, having fed nothing, when there can be no work folder.
  bool bulk_add(PathWalk& walk, const Feed& feed, IndexReport& report) {
    commit();
    const std::size_t threads = options.bulk_threads != 0
                                    ? options.bulk_threads
                                    : std::max(1u, std::thread::hardware_concurrency());
    std::vector<fs::path> parts;
    try {
      std::optional<BulkBuilder> made;
      try {
        made.emplace(work_folder(path) / "parts", where, analyzer.options(), threads,
                     options.bulk_memory_mb << 20, kPartTextBytes, fields);
      } catch (const Error&) {
        // No work folder beside the index (e.g. a read-only parent folder):
        // the incremental writer needs none.
        remove_work_folder_quietly();
        return false;
      }
      BulkBuilder& builder = *made;
      feed([&](Document&& doc) { builder.push(std::move(doc)); });
      IndexReport built;
      parts = builder.finish(built);
      report.added += built.added;
      for (const Rejection& rejection : built.rejected) walk.reject(rejection);
    } catch (...) {
      remove_work_folder_quietly();
      throw;
    }
    merge(parts);
    return true;
  }

  fs::path path;
  std::string where;
  IndexOptions options;
  std::span<const format::FieldSpec> fields;  // The registry (plain_writer.h).
  analysis::Analyzer analyzer;
  // Set once merge() has replaced the database: `db` then reaches its
  // folder through this descriptor, so it must outlive `db`.
  BoundFolder bound;
  Xapian::WritableDatabase db;
  std::size_t pending = 0;                         // Changes since the last commit.
  std::size_t committed_docs = db.get_doccount();  // Documents at the last commit.
  // Stem map pairs since the last commit.  Documents Xapian flushes on its
  // own (XAPIAN_FLUSH_THRESHOLD) get their pairs at the next commit().
  format::StemMapBatch stems;
  // Set by abandon(): `db` was moved into `abandoned_db`, which is never
  // destroyed, and every later call fails.
  bool abandoned = false;
  union {
    Xapian::WritableDatabase abandoned_db;
  };
  // The union member is never destroyed (see abandon()).
  ~Impl() {}
};

PlainWriter::PlainWriter(const fs::path& path, const IndexOptions& options,
                         std::span<const format::FieldSpec> fields)
    : impl_(util::guarded(path.string(),
                          [&] { return std::make_unique<Impl>(path, options, fields); })) {}

PlainWriter::~PlainWriter() {
  // After an error the changes were discarded (Impl::guard), so this
  // commits only changes made by calls that succeeded.
  if (!impl_ || impl_->abandoned) return;
  try {
    impl_->commit();
  } catch (...) {
    // Documented: call commit() to see errors.  Nothing half-made may be
    // committed by Xapian's own destructor either.
    impl_->discard();
  }
}

PlainWriter::PlainWriter(PlainWriter&&) noexcept = default;
PlainWriter& PlainWriter::operator=(PlainWriter&&) noexcept = default;

AddOutcome PlainWriter::add(const Document& doc) {
  if (std::string problem = validate(doc, impl_->fields); !problem.empty()) {
    throw Error(ErrorCode::BadInput, problem);
  }
  return impl_->guard("adding document", doc.id, [&] { return impl_->add(doc); });
}

bool PlainWriter::remove(std::string_view id) {
  return impl_->guard("removing document", id, [&] { return impl_->remove(format::id_term(id)); });
}

bool PlainWriter::contains(std::string_view id) const {
  return impl_->guard("looking up document", id,
                      [&] { return impl_->db.term_exists(format::id_term(id)); });
}

std::vector<std::string> PlainWriter::ids() const {
  return impl_->guard("listing document ids", {}, [&] {
    std::vector<std::string> out;
    const std::string prefix(format::kId);
    const std::string hashed = prefix + "#";
    for (Xapian::TermIterator t = impl_->db.allterms_begin(prefix);
         t != impl_->db.allterms_end(prefix); ++t) {
      const std::string term = *t;
      if (term.starts_with(hashed)) {
        // A long id is stored whole only in the document's data.
        if (const auto doc = impl_->find(term)) {
          out.push_back(stored_summary(*doc, impl_->where).id);
        }
      } else {
        out.push_back(term.substr(prefix.size()));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  });
}

void PlainWriter::commit() {
  impl_->guard("committing", {}, [&] { impl_->commit(); });
}

std::size_t PlainWriter::document_count() const {
  return impl_->guard("counting documents", {},
                      [&] { return static_cast<std::size_t>(impl_->db.get_doccount()); });
}

void PlainWriter::load_synonyms(const fs::path& path) {
  impl_->guard("loading synonyms from", path.string(), [&] {
    const std::vector<SynonymGroup> groups = read_synonyms_file(path);
    // Each group's spellings as the analyzer sees them, e.g. "U.S." -> "us",
    // "United States" -> "united states" (words joined by one space).
    std::vector<std::vector<std::string>> keys;
    util::Hasher hash;
    for (const SynonymGroup& group : groups) {
      std::vector<std::string> normalized;
      for (const std::string& spelling : group.spellings) {
        std::string words;
        for (const analysis::Token& token : impl_->analyzer.tokens(spelling)) {
          if (token.joined) continue;
          if (!words.empty()) words += ' ';
          words += token.text;
        }
        const std::string at = path.string() + ":" + std::to_string(group.line) + ": '" +
                               spelling.substr(0, 60) + (spelling.size() > 60 ? "...'" : "'");
        if (words.empty()) throw Error(ErrorCode::BadInput, at + " has no words");
        if (words.size() > format::kMaxSynonymBytes) {
          throw Error(ErrorCode::BadInput, at + " is " + std::to_string(words.size()) +
                                               " bytes when normalized; the limit is " +
                                               std::to_string(format::kMaxSynonymBytes));
        }
        if (std::count(words.begin(), words.end(), ' ') + 1 >
            static_cast<std::ptrdiff_t>(format::kMaxSynonymWords)) {
          throw Error(ErrorCode::BadInput,
                      at + " has more than " + std::to_string(format::kMaxSynonymWords) +
                          " words; the limit is " + std::to_string(format::kMaxSynonymWords));
        }
        if (std::find(normalized.begin(), normalized.end(), words) == normalized.end()) {
          normalized.push_back(std::move(words));
        }
      }
      for (const std::string& key : normalized) hash.add(key);
      hash.add("\n");
      keys.push_back(std::move(normalized));
    }
    Xapian::WritableDatabase& db = impl_->db;
    const std::vector<std::string> old_keys(db.synonym_keys_begin(), db.synonym_keys_end());
    for (const std::string& key : old_keys) db.clear_synonyms(key);
    for (const std::vector<std::string>& group : keys) {
      for (const std::string& key : group) {
        for (const std::string& other : group) {
          if (other != key) db.add_synonym(key, other);
        }
      }
    }
    db.set_metadata(std::string(format::kMetaSynonymsHash), hash.hex());
    db.set_metadata(std::string(format::kMetaSynonyms), nlohmann::json(keys).dump());
    impl_->commit();
  });
}

void PlainWriter::prune(const PathWalk& walk, IndexReport& report) {
  impl_->guard("pruning", {}, [&] { impl_->prune(walk, report); });
}

bool PlainWriter::bulk_applies() const {
  return impl_->guard("counting documents", {}, [&] { return impl_->bulk_applies(); });
}

bool PlainWriter::bulk_add(PathWalk& walk, const Feed& feed, IndexReport& report) {
  return impl_->guard("indexing files", {}, [&] { return impl_->bulk_add(walk, feed, report); });
}

void PlainWriter::discard() noexcept {
  impl_->discard();
}

void PlainWriter::compact() {
  impl_->guard("compacting", {}, [&] { impl_->merge({}); });
}

}  // namespace sift::index
