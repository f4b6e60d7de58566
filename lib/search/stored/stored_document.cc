// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/stored/stored_document.h"

#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "sift/error.h"

namespace sift::search {
namespace {

[[noreturn]] void damaged(const Xapian::Document& doc, const char* part, std::string_view where) {
  throw Error(ErrorCode::Corrupt,
              "the stored " + std::string(part) + " of document #" +
                  std::to_string(doc.get_docid()) +
                  " is damaged; rebuild the index: " + format::rebuild_command(where));
}

}  // namespace

StoredDocument read_stored_document(const Xapian::Document& doc, bool with_body,
                                    std::string_view where) {
  auto summary = format::decode_summary(format::summary_bytes(doc));
  if (!summary) damaged(doc, "summary", where);
  StoredDocument out{std::move(summary->id),
                     std::move(summary->title),
                     std::move(summary->source),
                     std::move(summary->url),
                     std::move(summary->path),
                     std::move(summary->author),
                     std::move(summary->date),
                     std::move(summary->tags),
                     std::move(summary->keywords),
                     {},
                     {}};
  if (with_body) {
    auto body = format::decode_body(format::body_bytes(doc));
    if (!body) damaged(doc, "body", where);
    out.text = std::move(body->text);
    out.paragraph_starts = std::move(body->paragraph_starts);
  }
  return out;
}

}  // namespace sift::search
