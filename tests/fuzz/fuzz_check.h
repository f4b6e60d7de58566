// SPDX-License-Identifier: GPL-2.0-or-later
// What a fuzz target does when it finds a bug: say what and abort, so
// libFuzzer saves the input and the replay test fails.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

#include "sift/document.h"
#include "util/utf8.h"

namespace sift::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
  std::abort();
}

/// Aborts with `what` unless `condition` holds.
inline void check(bool condition, const std::string& what) {
  if (!condition) fail(what);
}

/// Aborts unless `doc` keeps Document's invariant (include/sift/document.h):
/// a non-empty id, every string valid UTF-8 without NUL bytes, paragraphs
/// non-empty and without line breaks, a date empty or "YYYY-MM-DD".
inline void check_document(const Document& doc) {
  check(!doc.id.empty(), "document with an empty id");
  for (const std::string* s :
       {&doc.id, &doc.title, &doc.source, &doc.url, &doc.path, &doc.author, &doc.date}) {
    check(util::check_text(*s).empty(), "document field '" + *s + "': " + util::check_text(*s));
  }
  for (const std::string& p : doc.paragraphs) {
    check(!p.empty(), "empty paragraph in document '" + doc.id + "'");
    check(util::check_text(p).empty(), "paragraph of '" + doc.id + "': " + util::check_text(p));
    check(p.find_first_of("\r\n\v\f") == std::string::npos &&
              p.find("\u2028") == std::string::npos && p.find("\u2029") == std::string::npos &&
              p.find("\u0085") == std::string::npos,
          "line break inside a paragraph of '" + doc.id + "'");
  }
  if (!doc.date.empty()) {
    bool shape = doc.date.size() == 10 && doc.date[4] == '-' && doc.date[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      shape = shape && doc.date[i] >= '0' && doc.date[i] <= '9';
    }
    check(shape, "date '" + doc.date + "' is not YYYY-MM-DD");
  }
}

}  // namespace sift::fuzz
