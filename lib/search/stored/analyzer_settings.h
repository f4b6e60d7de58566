// SPDX-License-Identifier: GPL-2.0-or-later
// The analyzer settings an index was built with, read back for searching.
#pragma once

#include <filesystem>

#include "sift/options.h"
#include "xapian.h"

namespace sift::search {

/// The AnalyzerOptions the index was built with (metadata format::kMeta*),
/// so queries are analyzed exactly as the documents were.  An index without
/// Sift metadata (empty, or built by another program) gets the defaults.
/// @throws sift::Error(Corrupt) for unreadable values, Unsupported for a
/// newer format, naming `path`.
AnalyzerOptions stored_analyzer_options(const Xapian::Database& db,
                                        const std::filesystem::path& path);

}  // namespace sift::search
