// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/snippet/body_bounds.h"

#include <algorithm>

namespace sift::search {

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

}  // namespace sift::search
