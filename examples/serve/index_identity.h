// SPDX-License-Identifier: GPL-2.0-or-later
// IndexIdentity: which index a folder holds, told apart from the same
// index after a commit.
//
// A replaced index (rm -rf DB then sift-index, or a new index renamed into
// place) has a different folder inode or different table files; a commit
// rewrites only the table files' contents and renames a fresh version
// file (iamglass) into place, and a writer creates its lock file
// (flintlock), so those two names are left out.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace sift::serve {

struct IndexIdentity {
  /// The folder itself ("") and each entry: name, device, inode; sorted.
  std::vector<std::tuple<std::string, dev_t, ino_t>> entries;
  bool operator==(const IndexIdentity&) const = default;
};

/// The identity of the index at `folder`, or nullopt when it is not a
/// readable folder (gone, or a file such as a Xapian stub: then the path's
/// own inode is used).  Costs one stat per entry (about 10 for an index).
std::optional<IndexIdentity> identify_index(const std::filesystem::path& folder);

}  // namespace sift::serve
