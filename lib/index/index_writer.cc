// SPDX-License-Identifier: GPL-2.0-or-later
// IndexWriter: the public writer, on one Xapian::WritableDatabase.
//
// Xapian also commits on its own every XAPIAN_FLUSH_THRESHOLD changes
// (10,000 by default, an environment variable); IndexOptions::batch_size
// only adds earlier commits.

#include "sift/index_writer.h"

#include <algorithm>
#include <ctime>
#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <unordered_map>
#include <utility>

#include "analysis/analyzer.h"
#include "index/document_builder.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "index/format/stem_map.h"
#include "index/index_open.h"
#include "index/prune_paths.h"
#include "index/synonyms_file.h"
#include "sift/error.h"
#include "util/errors.h"
#include "util/hash.h"

namespace sift {
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

struct IndexWriter::Impl {
  Impl(const fs::path& index_path, const IndexOptions& opts)
      : path(index_path),
        where(index_path.string()),
        options(opts),
        // Made first, so an unknown language fails before anything is created.
        analyzer(opts.analyzer),
        db(index::open_writable(index_path, opts)) {
    const AnalyzerOptions settled = index::settle_analyzer_options(db, where, opts.analyzer);
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
    const std::string hash = index::content_hash(doc, analyzer.options());
    const std::string id_term = format::id_term(doc.id);
    const std::optional<Xapian::Document> old = find(id_term);
    if (old && old->get_value(format::kHashSlot) == hash) return AddOutcome::Unchanged;
    Xapian::Document xdoc = index::build_document(doc, hash, analyzer, stems);
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

  // Removes documents stored from a file under one of `roots` whose id was
  // not seen this run and whose file was not rejected this run (a file that
  // exists but could not be read keeps its old version).
  std::size_t prune(const std::vector<fs::path>& roots,
                    const std::unordered_map<std::string, std::string>& seen,
                    const std::set<fs::path>& rejected) {
    std::vector<std::string> doomed;
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const format::Summary stored = stored_summary(db.get_document(*it), where);
      if (stored.path.empty() || seen.contains(stored.id)) continue;
      const fs::path file = index::comparable_path(stored.path);
      if (rejected.contains(file)) continue;
      if (std::any_of(roots.begin(), roots.end(),
                      [&](const fs::path& root) { return index::is_under(file, root); })) {
        doomed.push_back(stored.id);
      }
    }
    for (const std::string& id : doomed) remove(format::id_term(id));
    return doomed.size();
  }

  fs::path path;
  std::string where;
  IndexOptions options;
  analysis::Analyzer analyzer;
  Xapian::WritableDatabase db;
  std::size_t pending = 0;                         // Changes since the last commit.
  std::size_t committed_docs = db.get_doccount();  // Documents at the last commit.
  // Stem map pairs since the last commit.  Documents Xapian flushes on its
  // own (XAPIAN_FLUSH_THRESHOLD) get their pairs at the next commit().
  format::StemMapBatch stems;
};

IndexWriter::IndexWriter(const fs::path& path, const IndexOptions& options)
    : impl_(util::guarded(path.string(), [&] { return std::make_unique<Impl>(path, options); })) {}

IndexWriter::~IndexWriter() {
  if (!impl_) return;
  try {
    impl_->commit();
  } catch (...) {
    // Documented: call commit() to see errors.
  }
}

IndexWriter::IndexWriter(IndexWriter&&) noexcept = default;
IndexWriter& IndexWriter::operator=(IndexWriter&&) noexcept = default;

AddOutcome IndexWriter::add(const Document& doc) {
  if (std::string problem = index::validate(doc); !problem.empty()) {
    throw Error(ErrorCode::BadInput, problem);
  }
  return util::guarded(impl_->context("adding document", doc.id), [&] { return impl_->add(doc); });
}

bool IndexWriter::remove(std::string_view id) {
  return util::guarded(impl_->context("removing document", id),
                       [&] { return impl_->remove(format::id_term(id)); });
}

bool IndexWriter::contains(std::string_view id) const {
  return util::guarded(impl_->context("looking up document", id),
                       [&] { return impl_->db.term_exists(format::id_term(id)); });
}

std::vector<std::string> IndexWriter::ids() const {
  return util::guarded(impl_->context("listing document ids", {}), [&] {
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

void IndexWriter::commit() {
  util::guarded(impl_->context("committing", {}), [&] { impl_->commit(); });
}

std::size_t IndexWriter::document_count() const {
  return util::guarded(impl_->context("counting documents", {}),
                       [&] { return static_cast<std::size_t>(impl_->db.get_doccount()); });
}

void IndexWriter::load_synonyms(const fs::path& path) {
  util::guarded(impl_->context("loading synonyms from", path.string()), [&] {
    const std::vector<index::SynonymGroup> groups = index::read_synonyms_file(path);
    // Each group's spellings as the analyzer sees them, e.g. "U.S." -> "us",
    // "United States" -> "united states" (words joined by one space).
    std::vector<std::vector<std::string>> keys;
    util::Hasher hash;
    for (const index::SynonymGroup& group : groups) {
      std::vector<std::string> normalized;
      for (const std::string& spelling : group.spellings) {
        std::string words;
        for (const analysis::Token& token : impl_->analyzer.tokens(spelling)) {
          if (token.joined) continue;
          if (!words.empty()) words += ' ';
          words += token.text;
        }
        if (words.empty()) {
          throw Error(ErrorCode::BadInput, path.string() + ":" + std::to_string(group.line) +
                                               ": '" + spelling + "' has no words");
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

IndexReport IndexWriter::index_paths(const std::vector<fs::path>& paths, bool prune,
                                     const ReadOptions& read, const ProgressFn& progress) {
  return util::guarded(impl_->context("indexing files", {}), [&] {
    IndexReport report;
    std::unordered_map<std::string, std::string> seen;  // id -> where it was read from
    std::set<fs::path> rejected_files;
    std::vector<fs::path> roots;  // Those that exist: a typo never prunes.
    std::size_t documents = 0;
    std::exception_ptr failure;  // A writer error stops the run even if read_path catches it.

    const RejectionSink reject = [&](const Rejection& rejection) {
      report.rejected.push_back(rejection);
      rejected_files.insert(index::comparable_path(rejection.input));
    };
    const DocumentSink emit = [&](Document&& doc) {
      if (failure) std::rethrow_exception(failure);
      ++documents;
      const std::string input = doc.path.empty() ? doc.id : doc.path;
      if (const auto [first, fresh] = seen.emplace(doc.id, input); !fresh && !doc.id.empty()) {
        // The first document with an id wins, so re-indexing is stable.
        reject(Rejection{
            input, "duplicate id \"" + doc.id + "\" (first read from " + first->second + ")"});
        if (progress) progress(documents);
        return;
      }
      for (const std::string& paragraph : doc.paragraphs) report.bytes += paragraph.size();
      report.bytes += doc.title.size();
      try {
        switch (add(doc)) {
          case AddOutcome::Added:
            ++report.added;
            break;
          case AddOutcome::Replaced:
            ++report.replaced;
            break;
          case AddOutcome::Unchanged:
            ++report.unchanged;
            break;
        }
      } catch (const Error& e) {
        if (e.code() != ErrorCode::BadInput) {
          failure = std::current_exception();
          throw;
        }
        reject(Rejection{input, e.what()});
      }
      if (progress) progress(documents);
    };

    for (const fs::path& root : paths) {
      std::error_code ec;
      if (!fs::exists(root, ec)) {
        report.rejected.push_back(Rejection{root.string(), "no such file or folder"});
        continue;
      }
      roots.push_back(index::comparable_path(root));
      read_path(root, emit, reject, read);
      if (failure) std::rethrow_exception(failure);
    }
    if (prune) {
      report.removed = util::guarded(impl_->context("pruning", {}),
                                     [&] { return impl_->prune(roots, seen, rejected_files); });
    }
    commit();
    return report;
  });
}

}  // namespace sift
