// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers shared by the index tests.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "index/format/layout.h"
#include "index/format/record.h"
#include "sift/document.h"
#include "support/test_support.h"

namespace sift::testing {

/// The five corpus ids, sorted.
inline std::vector<std::string> corpus_ids() {
  return {"000_3fc74faefdc7eeff", "001_20fc1e4ed93c3508", "002_b22d1a498633f02d",
          "003_10ab41207cfcd9b5", "004_2f8928cd84fb3494"};
}

/// Copies corpus/*.txt (not synonyms.txt) to `dest`/corpus, returns that folder.
inline std::filesystem::path copy_corpus(const std::filesystem::path& dest) {
  const auto folder = dest / "corpus";
  std::filesystem::create_directories(folder);
  for (const auto& id : corpus_ids()) {
    std::filesystem::copy_file(corpus_dir() / (id + ".txt"), folder / (id + ".txt"));
  }
  return folder;
}

/// A small valid document.
inline Document make_doc(std::string id, std::vector<std::string> paragraphs,
                         std::string title = "A title") {
  Document doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.paragraphs = std::move(paragraphs);
  doc.source = "tests";
  return doc;
}

/// The id in a document's summary record (format/record.h).
inline std::string stored_id(const Xapian::Document& doc) {
  const auto summary = format::decode_summary(format::summary_bytes(doc));
  if (!summary)
    throw std::runtime_error("damaged summary in document " + std::to_string(doc.get_docid()));
  return summary->id;
}

/// The id of every document matching `query`.
inline std::set<std::string> matching_ids(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  std::set<std::string> ids;
  const Xapian::MSet hits = enquire.get_mset(0, db.get_doccount() + 1);
  for (auto it = hits.begin(); it != hits.end(); ++it) {
    ids.insert(stored_id(it.get_document()));
  }
  return ids;
}

/// An OP_PHRASE query over exact (unprefixed) terms.
inline Xapian::Query phrase(const std::vector<std::string>& words) {
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
}

/// Ids with their prefix of three digits ("000"), for compact expectations.
inline std::set<std::string> short_ids(const std::set<std::string>& ids) {
  std::set<std::string> out;
  for (const auto& id : ids) out.insert(id.substr(0, 3));
  return out;
}

}  // namespace sift::testing
