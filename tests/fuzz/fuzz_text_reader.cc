// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: bytes -> parse_text_article.
//
// Each input is read twice: with the default ReadOptions and with tiny
// title limits.  Either a Document comes out that keeps Document's
// invariant, with a title no longer than the limits allow, or
// sift::Error(BadInput) whose message starts with the path.  Any other
// exception, or none of these, is a bug.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "util/utf8.h"

namespace {

using sift::fuzz::check;

void read_once(std::string_view bytes, const sift::ReadOptions& options) {
  const std::string path = "fuzz.txt";
  try {
    const sift::Document doc = sift::parse_text_article(bytes, "fuzz", path, options);
    sift::fuzz::check_document(doc);
    check(doc.id == "fuzz" && doc.path == path, "id or path not kept");
    check(sift::util::count_code_points(doc.title) <=
              std::max(options.max_headline_chars, options.max_title_chars),
          "title '" + doc.title + "' is longer than the limits");
    check(!doc.title.empty() || !doc.paragraphs.empty(), "a document with no text");
  } catch (const sift::Error& e) {
    check(e.code() == sift::ErrorCode::BadInput, std::string("unexpected error code ") +
                                                     std::string(sift::to_string(e.code())) + ": " +
                                                     e.what());
    check(std::string_view(e.what()).starts_with(path + ": "),
          std::string("message does not name the file: ") + e.what());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_once(bytes, sift::ReadOptions{});
  sift::ReadOptions tiny;
  tiny.max_headline_chars = 12;
  tiny.max_title_chars = 5;
  read_once(bytes, tiny);
  return 0;
}
