// SPDX-License-Identifier: GPL-2.0-or-later
// Which shards a Searcher's inputs name: remote addresses, stub files
// listing shards, plain index folders.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sift::search {

/// How an input names a remote shard: "tcp://HOST:PORT".
inline constexpr std::string_view kRemotePrefix = "tcp://";

/// One shard as the Searcher opens it.
struct ShardSpec {
  std::string name;            ///< In messages: "tcp://HOST:PORT" or the path.
  std::filesystem::path path;  ///< A local shard's path (when !remote()).
  std::string host;            ///< A remote shard's host.
  unsigned port = 0;           ///< A remote shard's port; 0 for a local shard.
  bool remote() const { return port != 0; }
};

/// The remote shard "tcp://HOST:PORT" names.
/// @throws sift::Error(BadInput) "cannot open index ADDRESS: a remote index
/// is tcp://HOST:PORT" for a malformed address.
ShardSpec parse_remote_address(const std::string& address);

/// The shards named by `inputs`, in order: "tcp://HOST:PORT" is a remote
/// shard; a folder holding a XAPIANDB stub, or a stub file, stands for the
/// shards it lists ("glass|auto PATH", relative to the stub's folder, and
/// "remote HOST:PORT" or "remote :HOST:PORT"); anything else is one local
/// index, opened by open_readable_index (with its messages).
/// @throws sift::Error BadInput (a malformed address or stub line, no
/// inputs), NotFound, IO.
std::vector<ShardSpec> resolve_shards(const std::vector<std::string>& inputs);

}  // namespace sift::search
