// SPDX-License-Identifier: GPL-2.0-or-later
// Sharded indexes: one logical index split over several Xapian databases,
// written in parallel, searched as one (see docs/SCALING.md).
//
// IndexWriter writes them (ShardOptions, options.h), as it writes a plain index.
//
// A sharded index is a folder DIR holding shard-0 ... shard-(N-1), each a
// complete Sift index with the same analyzer settings and synonyms, and a
// Xapian stub file DIR/XAPIANDB listing them, so Searcher(DIR) and every
// Xapian tool (xapian-delve DIR, xapian-compact) open DIR as one database.
// A document lives in exactly one shard, chosen by shard_of(id, N), so
// re-indexing, replacing and deleting by id work as on one index.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "sift/export.h"

namespace sift {

/// The shard (0-based) of a document id among `shards` shards: FNV-1a
/// (64-bit) of the id's bytes modulo `shards`.  Stable across runs,
/// machines and versions: changing it would strand documents.
SIFT_EXPORT std::size_t shard_of(std::string_view id, std::size_t shards) noexcept;

/// True if `path` is a folder holding a sharded index (a DIR/XAPIANDB stub).
SIFT_EXPORT bool is_sharded_index(const std::filesystem::path& path);

/// The shard folders of the sharded index at `dir`, in shard order.
/// @throws sift::Error NotFound (no sharded index there), Corrupt (an
/// unreadable stub, a shard that is not under DIR).
SIFT_EXPORT std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir);

/// Merges the index at `source` (a plain index, a sharded DIR or a stub
/// file; local shards only) into one compact index at `destination` with
/// Xapian's compactor.  Metadata (settings, synonyms) comes from the first
/// shard (they must agree), spellings are summed, synonyms united.  `destination` must not
/// exist.  Documents get new internal numbers; ids are unchanged.
/// @throws sift::Error NotFound (no source), BadInput (destination exists,
/// or a remote shard), Corrupt, IO.
SIFT_EXPORT void compact_index(const std::filesystem::path& source,
                               const std::filesystem::path& destination);

}  // namespace sift
