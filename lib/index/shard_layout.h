// SPDX-License-Identifier: GPL-2.0-or-later
// Where the shards of a sharded index live, and which shard holds an id.
//
// The names are format/files.h's: DIR/shard-0 ... DIR/shard-(N-1) (Sift
// indexes) and DIR/XAPIANDB, a Xapian stub file with one "glass shard-K"
// line per shard, which Xapian opens when given DIR (stub paths are
// relative to the stub's folder).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "index/format/files.h"
#include "sift/options.h"

namespace sift::index {

/// Writes DIR/XAPIANDB for `shards` shards (atomically: temp file + rename).
/// @throws sift::Error IO.
void write_stub(const std::filesystem::path& dir, std::size_t shards);

/// The shard folders listed by DIR/XAPIANDB, resolved against DIR.
/// @throws sift::Error NotFound (no stub), Corrupt (a line that is not
/// "glass|auto PATH", or a remote line: the writer writes local shards only).
std::vector<std::filesystem::path> read_stub(const std::filesystem::path& dir);

/// What a writer opens at a path: a plain index (one database, at the path
/// itself) or the shards of a sharded one.
struct Layout {
  bool sharded = false;
  /// The databases to open, in shard order; one for a plain index.
  std::vector<std::filesystem::path> shards;
  /// A new sharded index: write the stub once every shard is created.
  bool write_stub = false;
  /// Writer threads for a parallel run, 1 <= threads <= shards.size().
  std::size_t threads = 1;
};

/// The layout to open at `path`, as Searcher detects it: a folder with a
/// stub (is_sharded_index) is sharded; otherwise, with sharding.shards == 0
/// the path is a plain index (existing or to be created), and with
/// sharding.shards == N a sharded index of N shards is made there (its
/// folder is created; the shards are not).
/// @throws sift::Error BadInput (a sharded index with another count, a
/// plain index where shards are asked for), NotFound (nothing there and
/// !options.create_if_missing), Corrupt (a file, a folder with other files),
/// IO.
Layout settle_layout(const std::filesystem::path& path, const IndexOptions& options,
                     const ShardOptions& sharding);

}  // namespace sift::index
