// SPDX-License-Identifier: GPL-2.0-or-later
// Damage to a stored record, as a failing disk would leave it, for the
// tests that check it is reported as Corrupt rather than shown.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>

namespace sift::testing {

/// The summary is the document data; the body is this value slot
/// (docs/FORMAT.md).
inline constexpr Xapian::valueno kBodySlot = 4;

/// The stored bytes of the summary of document `id` in the index at `path`.
inline std::string summary_bytes(const std::filesystem::path& path, const std::string& id) {
  Xapian::Database db(path.string());
  return db.get_document(*db.postlist_begin("Q" + id)).get_data();
}

/// Replaces one part of document `id` in the index at `path` with `bytes`
/// (the rest of the document is left as written).
inline void damage(const std::filesystem::path& path, const std::string& id, bool summary,
                   const std::string& bytes) {
  Xapian::WritableDatabase db(path.string(), Xapian::DB_OPEN);
  const Xapian::docid did = *db.postlist_begin("Q" + id);
  Xapian::Document doc = db.get_document(did);
  if (summary) {
    doc.set_data(bytes);
  } else {
    doc.add_value(kBodySlot, bytes);
  }
  db.replace_document(did, doc);
  db.commit();
}

}  // namespace sift::testing
