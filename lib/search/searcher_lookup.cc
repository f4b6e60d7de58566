// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher members beyond search(): a stored document by id, completions of
// a word being typed, and the index's status.  Each reads the latest
// commit (see Impl::reopen) and retries once if a commit races the read.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "index/format/layout.h"
#include "search/searcher_impl.h"
#include "search/shards/sigpipe_block.h"
#include "search/stored/stored_document.h"
#include "util/errors.h"

namespace sift {
namespace {

/// Most candidate words complete() looks at: a one-letter prefix in a
/// large index would otherwise walk a large part of the term list.
constexpr std::size_t kMaxCompletionCandidates = 10'000;

/// Runs `fn` on the database at its latest commit (reopened unless the
/// commit watch proves it is), again once on a race with a writer
/// (DatabaseModifiedError), mapping errors to sift::Error.
/// (`SearcherImpl` is Searcher::Impl, a private name deduced here.)
template <typename SearcherImpl, typename Fn>
auto reopened(SearcherImpl& impl, const std::string& context, Fn&& fn) {
  return util::guarded(context, [&] {
    std::optional<search::SigpipeBlock> no_sigpipe;  // Remote shards (see searcher.cc).
    if (impl.shards.has_remote()) no_sigpipe.emplace();
    try {
      impl.reopen(/*force=*/false);
      return fn();
    } catch (const Xapian::DatabaseModifiedError&) {
      impl.reopen(/*force=*/true);
      return fn();
    }
  });
}

std::vector<std::string> split_paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t nl = std::min(text.find('\n', start), text.size());
    if (nl > start) out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::optional<Document> Searcher::document(std::string_view id) {
  const std::string context =
      "reading document '" + std::string(id) + "' from index " + impl_->path.string();
  return reopened(*impl_, context, [&]() -> std::optional<Document> {
    const std::string term = format::id_term(id);
    Xapian::PostingIterator it = impl_->db.postlist_begin(term);
    if (it == impl_->db.postlist_end(term)) return std::nullopt;
    const Xapian::Document xdoc = impl_->db.get_document(*it);
    const auto stored = search::read_stored_document(xdoc, true, impl_->path.string());
    if (stored.id != id) return std::nullopt;  // A hashed long id that collided.
    Document doc;
    doc.id = stored.id;
    doc.title = stored.title;
    const std::string derived(format::kDerivedTitle);
    Xapian::TermIterator terms = xdoc.termlist_begin();
    terms.skip_to(derived);
    doc.title_derived = terms != xdoc.termlist_end() && *terms == derived;
    doc.paragraphs = split_paragraphs(stored.text);
    doc.source = stored.source;
    doc.url = stored.url;
    doc.path = stored.path;
    doc.author = stored.author;
    doc.tags = stored.tags;
    doc.date = stored.date;
    doc.keywords = stored.keywords;
    return doc;
  });
}

std::vector<Completion> Searcher::complete(std::string_view prefix, std::size_t limit) {
  const std::string context =
      "completing '" + std::string(prefix) + "' in index " + impl_->path.string();
  // Analyzed like a query word; of several tokens ("new yo") the last one
  // is the word being typed.
  const auto tokens = impl_->analyzer.tokens(prefix);
  if (tokens.empty() || limit == 0) return {};
  const std::string& word = tokens.back().text;
  return reopened(*impl_, context, [&] {
    std::vector<Completion> found;
    std::size_t seen = 0;
    for (auto it = impl_->db.allterms_begin(word);
         it != impl_->db.allterms_end(word) && seen < kMaxCompletionCandidates; ++it, ++seen) {
      found.push_back({*it, it.get_termfreq()});
    }
    const auto by_frequency = [](const Completion& a, const Completion& b) {
      return a.documents != b.documents ? a.documents > b.documents : a.word < b.word;
    };
    const std::size_t keep = std::min(limit, found.size());
    std::partial_sort(found.begin(), found.begin() + keep, found.end(), by_frequency);
    found.resize(keep);
    return found;
  });
}

IndexStatus Searcher::status() {
  return reopened(*impl_, "reading the status of index " + impl_->path.string(), [&] {
    IndexStatus s;
    s.documents = impl_->db.get_doccount();
    s.revision = impl_->shards.revision();  // get_revision() fails on several shards.
    const std::string last = impl_->db.get_metadata(std::string(format::kMetaLastCommit));
    if (!last.empty()) s.last_commit = last;
    return s;
  });
}

}  // namespace sift
