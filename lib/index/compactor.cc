// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/compactor.h"

#include <algorithm>

#include "index/format/layout.h"
#include "index/format/stem_map.h"
#include "sift/error.h"

namespace sift::index {
std::string merge_metadata(std::string_view key, const std::vector<std::string>& tags) {
  if (tags.empty()) return {};
  if (format::is_stem_key(key)) return format::merge_stem_lists({tags.begin(), tags.end()});
  // ISO 8601 UTC times in one format compare as strings.
  if (key == format::kMetaLastCommit) return *std::max_element(tags.begin(), tags.end());
  for (const std::string& tag : tags) {
    if (tag != tags.front()) {
      throw Error(ErrorCode::Corrupt, "cannot merge indexes that disagree on metadata '" +
                                          std::string(key) + "' ('" + tags.front() + "' and '" +
                                          tag + "')");
    }
  }
  return tags.front();
}

std::string SiftCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                      const std::string tags[]) {
  std::string_view bare = key;
  if (bare.starts_with(std::string_view("\0\xc0", 2))) bare.remove_prefix(2);
  return merge_metadata(bare, std::vector<std::string>(tags, tags + num_tags));
}

void compact_databases(const std::vector<std::filesystem::path>& sources,
                       const std::filesystem::path& destination) {
  Xapian::Database all;
  for (const std::filesystem::path& source : sources) all.add_database(Xapian::Database(source));
  SiftCompactor compactor;
  // Multipass merges many sources in fewer passes over the data.
  all.compact(destination.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS, 0,
              compactor);
}

}  // namespace sift::index
