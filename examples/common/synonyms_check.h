// SPDX-License-Identifier: GPL-2.0-or-later
// Checking a synonym file before an index is touched.
#pragma once

#include <sift/options.h>

#include <filesystem>

namespace sift::cli {

/// Reads the synonym file at `file` exactly as IndexWriter::load_synonyms
/// will (split, analyzed with `analyzer`), so a bad file is reported before
/// a single document is written.  It is loaded into a scratch index in the
/// temp folder, removed afterwards: the library's own reader is the only
/// complete check, and its internals are not public.
/// @throws sift::Error as load_synonyms: NotFound, IO, BadInput naming the
/// file and line.
void check_synonyms(const std::filesystem::path& file, const AnalyzerOptions& analyzer);

}  // namespace sift::cli
