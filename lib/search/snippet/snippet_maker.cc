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

std::optional<BodyBounds> body_bounds(const Xapian::Database& db, Xapian::docid did,
                                      const std::vector<std::pair<std::string, std::size_t>>& terms,
                                      std::size_t keys, std::string_view text,
                                      const std::vector<std::uint32_t>& paragraph_starts) {
  const auto* starts = &paragraph_starts;
  if (starts->empty() ||
      starts->size() != static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1) {
    return std::nullopt;
  }
  // The lines with a word, and their first positions (increasing): line
  // k's words are at positions [first[k], first of the next such line).
  std::vector<std::uint32_t> firsts;
  std::vector<std::size_t> lines;
  for (std::size_t k = 0; k < starts->size(); ++k) {
    if ((*starts)[k] == 0) continue;
    if (!firsts.empty() && (*starts)[k] <= firsts.back()) return std::nullopt;
    firsts.push_back((*starts)[k]);
    lines.push_back(k);
  }

  // Per line: the matched positions, and which keys matched there.
  std::vector<std::vector<std::uint32_t>> positions(starts->size());
  std::vector<std::vector<bool>> keys_seen(starts->size());
  for (const auto& [term, key] : terms) {
    for (auto p = db.positionlist_begin(did, term); p != db.positionlist_end(did, term); ++p) {
      const auto after = std::upper_bound(firsts.begin(), firsts.end(), *p);
      if (after == firsts.begin()) continue;  // a title position
      const std::size_t line = lines[static_cast<std::size_t>(after - firsts.begin()) - 1];
      positions[line].push_back(*p);
      auto& seen = keys_seen[line];
      if (seen.empty()) seen.resize(keys);
      seen[key] = true;
    }
  }

  BodyBounds bounds(starts->size());
  for (std::size_t k = 0; k < bounds.size(); ++k) {
    auto& at = positions[k];
    if (at.empty()) continue;
    std::sort(at.begin(), at.end());
    at.erase(std::unique(at.begin(), at.end()), at.end());
    bounds[k].positions = at.size();
    bounds[k].first_position = (*starts)[k];
    bounds[k].matched = std::move(at);
    bounds[k].distinct =
        static_cast<std::size_t>(std::count(keys_seen[k].begin(), keys_seen[k].end(), true));
  }
  return bounds;
}

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
