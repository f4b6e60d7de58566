// SPDX-License-Identifier: GPL-2.0-or-later
// The synonym table of an index, as a database of its own: Xapian 1.4's
// remote backend serves no synonyms, so a Searcher over remote shards adds
// this one to the shards it combines.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "xapian.h"

namespace sift::search {

/// A small glass database holding the synonym groups that `source` stores
/// in its metadata (format::kMetaSynonyms), created in `folder`/db; an
/// empty `folder` is first set to a new private temporary folder, which
/// the caller removes.  nullopt when `source` has no synonyms.
/// @throws sift::Error Corrupt ("index NAME has an unreadable ... table"),
/// IO (no temporary folder).
std::optional<Xapian::Database> synonym_overlay(const Xapian::Database& source,
                                                const std::string& name,
                                                std::filesystem::path& folder);

}  // namespace sift::search
