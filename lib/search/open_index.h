// Opening an index for reading, and the analysis settings stored in it.
#pragma once

#include <filesystem>
#include <string>

#include "sift/options.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift::search {

/// Opens the index at `path` read-only: a folder, a Xapian stub file, or
/// "tcp://HOST:PORT" for a remote shard (xapian-tcpsrv) with
/// options.remote_timeout.
/// @throws sift::Error NotFound ("cannot open index PATH: no such index"),
/// Corrupt (a folder or file that is not a Xapian index, damaged files, a
/// format this Xapian cannot read), Network, IO.
Xapian::Database open_index(const std::filesystem::path& path, const SearcherOptions& options);

/// The message for a damaged index: "the index is damaged; rebuild it (DETAIL)".
std::string damaged(const Xapian::DatabaseCorruptError& e);

/// The AnalyzerOptions the index was built with (metadata scheme::kMeta*),
/// so queries are analyzed exactly as the documents were.  An index without
/// Sift metadata (empty, or built by another program) gets the defaults.
/// @throws sift::Error(Corrupt) for unreadable values, Unsupported for a
/// newer format, naming `path`.
AnalyzerOptions stored_analyzer_options(const Xapian::Database& db,
                                        const std::filesystem::path& path);

}  // namespace sift::search
