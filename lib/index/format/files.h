// SPDX-License-Identifier: GPL-2.0-or-later
// Every file and folder name of an index on disk, Sift's and the ones
// Xapian's glass backend writes that Sift looks at.
//
//   INDEX/                a plain index: one glass database
//     iamglass            glass's version file, written last at creation and
//                         renamed over at every commit (the commit watch
//                         and the "unfinished creation" check look at it)
//     flintlock           glass's write lock
//     *.glass, *.tmp      glass's tables and their temporary files
//   DIR/                  a sharded index
//     XAPIANDB            Xapian stub: one "glass shard-K" line per shard
//     shard-0 ... shard-N one plain index each
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace sift::format {

/// glass's version file: present once a database is fully created.
inline constexpr std::string_view kVersionFile = "iamglass";
/// glass's lock file.
inline constexpr std::string_view kLockFile = "flintlock";
/// Endings of glass's table files and of its temporary files.
inline constexpr std::string_view kTableSuffix = ".glass";
inline constexpr std::string_view kTempSuffix = ".tmp";
/// The stub file inside a sharded index's folder (Xapian's name).
inline constexpr std::string_view kStubName = "XAPIANDB";
/// Shard folders are kShardPrefix + K.
inline constexpr std::string_view kShardPrefix = "shard-";

/// The folder name of shard `k`: "shard-K".
inline std::string shard_name(std::size_t k) {
  return std::string(kShardPrefix) + std::to_string(k);
}

/// True for the names glass creates in a database folder (flintlock,
/// *.glass, *.tmp) other than the version file.
inline bool is_glass_work_file(std::string_view name) {
  return name == kLockFile || name.ends_with(kTableSuffix) || name.ends_with(kTempSuffix);
}

}  // namespace sift::format
