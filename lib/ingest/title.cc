// SPDX-License-Identifier: GPL-2.0-or-later
#include "ingest/title.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <memory>

#include "ingest/text_util.h"
#include "util/utf8.h"

namespace sift::ingest {
namespace {

constexpr std::string_view kEllipsis = "…";
// Enough text to find any sensible first sentence; a longer one is cut anyway.
constexpr std::size_t kMaxSentenceScanBytes = 64 * 1024;

bool has_letter(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (u_isalpha(static_cast<UChar32>(util::next_code_point(text, i)))) return true;
  }
  return false;
}

bool is_closer(char32_t cp) {
  const auto type = u_charType(static_cast<UChar32>(cp));
  return cp == '"' || cp == '\'' || type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION;
}

bool ends_clause(char32_t cp) {
  switch (cp) {
    case '.':
    case ',':
    case ';':
    case ':':
    case U'…':
    case U'。':
      return true;
    default:
      return false;
  }
}

// Punctuation that should not be left hanging before the "…" of a cut title.
bool dangles(char32_t cp) {
  const auto type = u_charType(static_cast<UChar32>(cp));
  return util::is_white_space(cp) || cp == ',' || cp == ';' || cp == ':' || cp == '"' ||
         cp == '\'' || type == U_DASH_PUNCTUATION || type == U_START_PUNCTUATION ||
         type == U_INITIAL_PUNCTUATION;
}

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

// The last boundary of `iter` at or before `limit` in `text`, or 0.
std::size_t boundary_before(icu::BreakIterator* iter, std::string_view text, std::size_t limit) {
  if (iter == nullptr) return 0;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) return 0;
  iter->setText(ut.get(), status);
  if (U_FAILURE(status)) return 0;
  const int32_t b = iter->preceding(static_cast<int32_t>(limit + 1));
  return b == icu::BreakIterator::DONE ? 0 : static_cast<std::size_t>(b);
}

// The first sentence of `text` (ICU sentence rules with English
// abbreviation suppressions), or all of it if ICU cannot tell.
std::string_view first_sentence(std::string_view text) {
  // Break iterators are costly to build and not thread-safe: one per thread.
  thread_local std::unique_ptr<icu::BreakIterator> iter = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> it(
        icu::BreakIterator::createSentenceInstance(icu::Locale("en@ss=standard"), status));
    return U_SUCCESS(status) ? std::move(it) : nullptr;
  }();
  if (!iter) return text;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status));
  if (U_FAILURE(status)) return text;
  iter->setText(ut.get(), status);
  if (U_FAILURE(status)) return text;
  iter->first();
  const int32_t end = iter->next();
  // The iterator keeps a pointer to the UText: leave it on an empty text.
  iter->setText(icu::UnicodeString());
  if (end == icu::BreakIterator::DONE || end <= 0) return text;
  return text.substr(0, static_cast<std::size_t>(end));
}

// Where to cut `sentence` so that at most `keep` characters remain.
std::size_t cut_point(std::string_view sentence, std::size_t keep) {
  const std::size_t limit = util::skip_forward(sentence, 0, keep, sentence.size());
  // The text is normalized: ASCII spaces are the only white space.
  if (const std::size_t space = sentence.substr(0, limit + 1).rfind(' ');
      space != std::string_view::npos && space > 0) {
    return space;
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_SUCCESS(status)) {
    if (const std::size_t b = boundary_before(words.get(), sentence, limit); b > 0) return b;
  }
  status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> chars(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_SUCCESS(status)) {
    if (const std::size_t b = boundary_before(chars.get(), sentence, limit); b > 0) return b;
  }
  return limit;
}

}  // namespace

bool is_headline(std::string_view line, std::size_t max_chars) {
  line = trim(line);
  if (line.empty() || util::count_code_points(line) > max_chars || !has_letter(line)) return false;
  std::size_t end = line.size();
  char32_t last = util::prev_code_point(line, end);
  while (is_closer(last) && end > 0) last = util::prev_code_point(line, end);
  return !ends_clause(last);
}

std::string title_from_first_sentence(std::string_view paragraph, std::size_t max_chars) {
  paragraph = trim(paragraph);
  paragraph = util::truncate_utf8(paragraph, kMaxSentenceScanBytes);
  std::string sentence = normalize_space(first_sentence(paragraph));
  if (sentence.empty()) return sentence;
  if (util::count_code_points(sentence) <= max_chars) {
    if (sentence.ends_with('.') && !sentence.ends_with("..")) sentence.pop_back();
    return sentence;
  }
  const std::size_t keep = max_chars > 0 ? max_chars - 1 : 0;
  std::string_view title(sentence);
  title = title.substr(0, cut_point(title, keep));
  while (!title.empty()) {
    std::size_t end = title.size();
    if (!dangles(util::prev_code_point(title, end))) break;
    title = title.substr(0, end);
  }
  if (title.empty())
    title = std::string_view(sentence).substr(
        0, util::skip_forward(sentence, 0, keep, sentence.size()));
  return std::string(title) + std::string(kEllipsis);
}

}  // namespace sift::ingest
