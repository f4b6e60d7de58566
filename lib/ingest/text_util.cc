// SPDX-License-Identifier: GPL-2.0-or-later
#include "ingest/text_util.h"

#include "util/utf8.h"

namespace sift::ingest {
namespace {

// The length in bytes of a line break starting at text[i], or 0.
std::size_t line_break_at(std::string_view text, std::size_t i) {
  switch (text[i]) {
    case '\n':
    case '\v':
    case '\f':
      return 1;
    case '\r':
      return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
    case '\xc2':  // U+0085 NEL
      return text.substr(i, 2) == "\xc2\x85" ? 2 : 0;
    case '\xe2':  // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR
      return text.substr(i, 3) == "\xe2\x80\xa8" || text.substr(i, 3) == "\xe2\x80\xa9" ? 3 : 0;
    default:
      return 0;
  }
}

}  // namespace

std::string_view strip_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xef\xbb\xbf";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

namespace {

// What trim removes: white space, and a BOM at either end (a file's BOM left
// at the start of a paragraph when files were concatenated).  Inside a line
// U+FEFF joins the letters beside it, as the analyzer reads it.
bool trims(char32_t cp) {
  return util::is_white_space(cp) || cp == util::kByteOrderMark;
}

}  // namespace

std::string_view trim(std::string_view text) {
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t next = begin;
    if (!trims(util::next_code_point(text, next))) break;
    begin = next;
  }
  std::size_t end = text.size();
  while (end > begin) {
    std::size_t prev = end;
    if (!trims(util::prev_code_point(text, prev))) break;
    end = prev;
  }
  return text.substr(begin, end - begin);
}

std::string normalize_space(std::string_view text) {
  text = trim(text);
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (util::is_white_space(util::next_code_point(text, i))) {
      in_space = true;
      continue;
    }
    if (in_space) out += ' ';
    in_space = false;
    out.append(text.substr(start, i - start));
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (const std::size_t len = line_break_at(text, i)) {
      lines.push_back(text.substr(start, i - start));
      i += len;
      start = i;
    } else {
      ++i;
    }
  }
  if (start < text.size()) lines.push_back(text.substr(start));
  return lines;
}

void ParagraphCollector::mark_headline(std::string_view headline) {
  headline_ = normalize_space(headline);
  seen_.insert(headline_);
}

bool ParagraphCollector::repeats_headline(std::string_view key) const {
  if (headline_.empty()) return false;
  while (key.starts_with(headline_)) {
    key.remove_prefix(headline_.size());
    if (key.starts_with(' ')) key.remove_prefix(1);
    if (key.empty()) return true;
  }
  return false;
}

void ParagraphCollector::add_lines(std::string_view text) {
  for (std::string_view line : split_lines(text)) add(line);
}

void ParagraphCollector::add(std::string_view paragraph) {
  paragraph = trim(paragraph);
  if (paragraph.empty()) return;
  std::string key = normalize_space(paragraph);
  if (repeats_headline(key)) return;
  if (seen_.insert(std::move(key)).second) paragraphs_.emplace_back(paragraph);
}

}  // namespace sift::ingest
