// SPDX-License-Identifier: GPL-2.0-or-later
// Plain-text articles: title, paragraphs, de-duplication.

#include <string>

#include "ingest/readers.h"
#include "ingest/text_util.h"
#include "ingest/title.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace sift {
namespace ingest {

std::string read_text_article(std::string_view bytes, std::string id, const std::string& path,
                              const ReadOptions& options, Document& doc) {
  // Offsets in messages count from the start of the file, BOM included.
  if (std::string problem = util::check_text(bytes); !problem.empty()) return problem;
  if (trim(id).empty()) return "empty document id";
  if (std::string problem = util::check_text(id); !problem.empty()) {
    return "document id: " + problem;
  }
  const auto lines = split_lines(strip_bom(bytes));
  std::size_t first = 0;
  while (first < lines.size() && trim(lines[first]).empty()) ++first;
  if (first == lines.size()) return "empty file";

  doc = Document{};
  doc.id = std::move(id);
  doc.path = path;
  ParagraphCollector body;
  if (is_headline(lines[first], options.max_headline_chars)) {
    // The headline is the title only; its repeats in the body are dropped.
    doc.title = normalize_space(lines[first]);
    body.mark_headline(doc.title);
    ++first;
  } else {
    // The first line is content: it stays in the body and lends the title.
    doc.title = title_from_first_sentence(lines[first], options.max_title_chars);
    doc.title_derived = true;
  }
  for (std::size_t i = first; i < lines.size(); ++i) body.add(lines[i]);
  doc.paragraphs = body.take();
  return {};
}

}  // namespace ingest

Document parse_text_article(std::string_view bytes, std::string id, const std::string& path,
                            const ReadOptions& options) {
  return util::guarded("reading " + path, [&] {
    Document doc;
    if (std::string problem = ingest::read_text_article(bytes, std::move(id), path, options, doc);
        !problem.empty()) {
      throw Error(ErrorCode::BadInput, path + ": " + problem);
    }
    return doc;
  });
}

}  // namespace sift
