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

namespace sift::index {

/// Writes DIR/XAPIANDB for `shards` shards (atomically: temp file + rename).
/// @throws sift::Error IO.
void write_stub(const std::filesystem::path& dir, std::size_t shards);

/// The shard folders listed by DIR/XAPIANDB, resolved against DIR.
/// @throws sift::Error NotFound (no stub), Corrupt (a line that is not
/// "glass|auto PATH", or a remote line: the writer writes local shards only).
std::vector<std::filesystem::path> read_stub(const std::filesystem::path& dir);

}  // namespace sift::index
