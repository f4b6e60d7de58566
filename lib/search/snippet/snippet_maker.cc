// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/snippet/snippet_maker.h"

#include <algorithm>
#include <map>

#include "index/format/layout.h"

namespace sift::search {
namespace {

// Each highlight term costs one position-list probe per hit.  A guided
// snippet of a 2 KB news hit, its few probes included, costs 10-20 µs and
// a whole-body analysis 60-90 µs (bench/README.md, 10k news), so past a
// few dozen terms (a wildcard's expansion) analyzing the body is cheaper.
constexpr std::size_t kMaxGuidedTerms = 32;

}  // namespace

SnippetMaker::SnippetMaker(analysis::Analyzer& analyzer, const HighlightTerms& terms,
                           const Xapian::Database* db, StemForms* forms)
    : analyzer_(analyzer), terms_(terms), db_(db) {
  if (db_ == nullptr || forms == nullptr) {
    db_ = nullptr;
    return;
  }
  // A matching token counts as its stem (find_matches' key): an exact form
  // counts as the stem of that form.
  std::map<std::string, std::size_t, std::less<>> key_index;
  const auto key_of = [&](const std::string& stem) {
    return key_index.emplace(stem, key_index.size()).first->second;
  };
  for (const std::string& exact : terms_.exact) {
    // No token is empty or longer than a term can be: such a form matches
    // nothing (and Xapian rejects an empty term).
    if (exact.empty() || exact.size() > format::kMaxTermBytes) continue;
    xapian_terms_.emplace_back(exact, key_of(analyzer_.stem(exact)));
  }
  for (const std::string& stem : terms_.stems) {
    if (stem.empty()) continue;
    const auto& exact_forms = forms->forms(stem);
    if (xapian_terms_.size() + exact_forms.size() > kMaxGuidedTerms) {
      db_ = nullptr;
      return;
    }
    const std::size_t key = key_of(stem);
    for (const std::string& form : exact_forms) xapian_terms_.emplace_back(form, key);
  }
  keys_ = key_index.size();
  if (xapian_terms_.size() > kMaxGuidedTerms) db_ = nullptr;
}

Highlighted SnippetMaker::make(Xapian::docid did, const StoredDocument& doc, std::size_t max_chars,
                               const Markup& markup) const {
  std::optional<BodyBounds> bounds;
  if (db_ != nullptr && !terms_.empty() && !doc.paragraph_starts.empty()) {
    bounds = body_bounds(*db_, did, xapian_terms_, keys_, doc.text, doc.paragraph_starts);
  }
  return make_snippet(analyzer_, terms_, doc.title, doc.text, max_chars, markup,
                      bounds ? &*bounds : nullptr);
}

std::string SnippetMaker::make(Xapian::docid did, const StoredDocument& doc,
                               std::size_t max_chars) const {
  return make(did, doc, max_chars, Markup{}).text;
}

}  // namespace sift::search
