// SPDX-License-Identifier: GPL-2.0-or-later
// Opening an index for writing: where it is, who holds the lock, and which
// analyzer settings it was built with.
#pragma once

#include <filesystem>
#include <string>

#include "sift/options.h"
#include "xapian.h"

namespace sift::index {

/// Opens the glass database at `path` for writing, creating it when it is
/// missing (or an empty folder) and options.create_if_missing is set.
/// Retries every 50 ms while another writer holds the lock, until
/// options.lock_timeout has passed.  An existing index is first checked
/// with Xapian's B-tree check, table by table (smallest first, up to 256
/// MB of tables), so a damaged one is refused before anything is written.
/// @throws sift::Error Locked ("PATH: index is locked by another writer"),
/// NotFound (no index and !create_if_missing), Corrupt (PATH is a file, or
/// a folder with other files and no glass database, or a damaged table:
/// "PATH: the index is damaged (position.glass: ...); rebuild it: rm -r
/// ..."), IO.
Xapian::WritableDatabase open_writable(const std::filesystem::path& path,
                                       const IndexOptions& options);

/// Reconciles the analyzer settings stored in `db` with `requested`.  A
/// new, empty index gets `requested` written to its metadata (and
/// committed).  An existing index must agree on language and accents; its
/// stored max_token_bytes and paragraph_gap win over `requested`, so every
/// document of one index is analyzed alike.  `where` names the index in
/// messages.  @return the options to analyze with.
/// @throws sift::Error BadInput ("index PATH was built with language
/// 'english'; cannot add with 'french'"), Corrupt (a Xapian database that
/// is not a Sift index, unreadable settings), Unsupported (another format:
/// an older one names the command that rebuilds it, format/settings.h).
AnalyzerOptions settle_analyzer_options(Xapian::WritableDatabase& db, const std::string& where,
                                        const AnalyzerOptions& requested);

}  // namespace sift::index
