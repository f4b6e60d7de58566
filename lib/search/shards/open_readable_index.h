// SPDX-License-Identifier: GPL-2.0-or-later
// Opening one index for reading: a local folder or stub file, or a remote
// shard served by xapian-tcpsrv.
#pragma once

#include <filesystem>
#include <string>

#include "search/shards/shard_spec.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift::search {

/// Opens the index at `path` read-only: a folder, a Xapian stub file, or
/// "tcp://HOST:PORT" for a remote shard (xapian-tcpsrv) with
/// options.remote_timeout.
/// @throws sift::Error NotFound ("cannot open index PATH: no such index"),
/// Corrupt (a folder or file that is not a Xapian index, damaged files, a
/// format this Xapian cannot read), Network, IO.
Xapian::Database open_readable_index(const std::filesystem::path& path,
                                     const SearcherOptions& options);

/// The message for a damaged index: "the index is damaged; rebuild it (DETAIL)".
std::string damaged(const Xapian::DatabaseCorruptError& e);

/// Connects to the remote shard `spec` within options.remote_timeout
/// (SIGPIPE blocked meanwhile).
/// @throws sift::Error Network naming the shard ("shard tcp://H:P did not
/// answer within 500 ms", "shard tcp://H:P is unreachable (REASON)").
Xapian::Database open_remote_index(const ShardSpec& spec, const SearcherOptions& options);

}  // namespace sift::search
