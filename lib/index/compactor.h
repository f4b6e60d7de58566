// SPDX-License-Identifier: GPL-2.0-or-later
// Merging Sift indexes with Xapian's compactor, and the rule for metadata
// keys that several of the merged databases hold.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "xapian.h"

namespace sift::index {

/// The merged value of metadata `key` held by several databases (`tags`, in
/// source order, at least one): for a stem-map key (format/stem_map.h), the
/// union of the lists; for format::kMetaLastCommit, the latest time; for any
/// other key (settings, synonyms) the sources must agree and the first tag
/// is taken.
/// @throws sift::Error(Corrupt) naming the key when they disagree: the
/// databases were not written alike and must not be merged.
std::string merge_metadata(std::string_view key, const std::vector<std::string>& tags);

/// Xapian's compactor with merge_metadata() for duplicate metadata.  (Xapian
/// 1.4's glass compactor passes the key as stored in its B-tree, behind the
/// 2-byte prefix of user metadata; it is stripped before merge_metadata.)
class SiftCompactor : public Xapian::Compactor {
 public:
  std::string resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                         const std::string tags[]) override;
};

/// Compacts the databases `sources` (in this order: document numbers of the
/// output follow it) into a new glass database at `destination`, with
/// SiftCompactor.  The output is synced to disk.
/// @throws Xapian::Error, sift::Error(Corrupt) from merge_metadata.
void compact_databases(const std::vector<std::filesystem::path>& sources,
                       const std::filesystem::path& destination);

}  // namespace sift::index
