// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/remote_synonyms.h"

#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "index/format/layout.h"
#include "sift/error.h"

namespace sift::search {

std::optional<Xapian::Database> synonym_overlay(const Xapian::Database& source,
                                                const std::string& name,
                                                std::filesystem::path& folder) {
  const std::string json = source.get_metadata(std::string(format::kMetaSynonyms));
  if (json.empty()) return std::nullopt;
  const nlohmann::json groups = nlohmann::json::parse(json, nullptr, false);
  if (!groups.is_array()) {
    throw Error(ErrorCode::Corrupt, "index " + name + " has an unreadable " +
                                        std::string(format::kMetaSynonyms) + " table");
  }
  // Xapian's in-memory backend has no synonym table, so the overlay is a
  // small glass database in a private temporary folder.
  if (folder.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sift-synonyms-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::IO, "cannot make a folder for the synonyms of remote shards in " +
                                     std::filesystem::temp_directory_path().string());
    }
    folder = pattern;
  }
  const std::string where = (folder / "db").string();
  {
    Xapian::WritableDatabase table(where,
                                   Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    for (const auto& group : groups) {
      if (!group.is_array()) continue;
      for (const auto& key : group) {
        for (const auto& other : group) {
          if (key.is_string() && other.is_string() && key != other) {
            table.add_synonym(key.get<std::string>(), other.get<std::string>());
          }
        }
      }
    }
    table.commit();
  }
  return Xapian::Database(where);
}

}  // namespace sift::search
