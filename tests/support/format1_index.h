// SPDX-License-Identifier: GPL-2.0-or-later
// An index as an older Sift (format 1) left it, for the tests that check
// it is refused: format 1's writer no longer exists, so its layout is
// written here by hand (stems with positions, JSON document data).
#pragma once

#include <xapian.h>

#include <filesystem>

namespace sift::testing {

/// Writes a format-1 index with its settings and one document "old".
inline void write_format_1_index(const std::filesystem::path& path) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE);
  db.set_metadata("sift:format", "1");
  db.set_metadata("sift:language", "english");
  db.set_metadata("sift:keep_accents", "0");
  db.set_metadata("sift:max_token_bytes", "64");
  db.set_metadata("sift:paragraph_gap", "100");
  Xapian::Document doc;
  doc.add_boolean_term("Qold");
  doc.add_posting("strikes", 1);
  doc.add_posting("Zstrike", 1);
  doc.set_data(R"({"id":"old","title":"","text":"strikes"})");
  db.add_document(doc);
  db.commit();
}

}  // namespace sift::testing
