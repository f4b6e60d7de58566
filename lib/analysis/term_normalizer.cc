// SPDX-License-Identifier: GPL-2.0-or-later
#include "analysis/term_normalizer.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>

#include "analysis/utf16_text.h"
#include "sift/error.h"
#include "util/utf8.h"

namespace sift::analysis {
namespace {

const icu::Normalizer2* checked(const icu::Normalizer2* n, UErrorCode status, const char* name) {
  if (U_FAILURE(status) || n == nullptr) {
    throw Error(ErrorCode::Internal, std::string("cannot load ICU's ") + name +
                                         " normalization data: " + u_errorName(status));
  }
  return n;
}

// Step 2 of the normalization: Sift's own character mappings.  After
// NFKC, U+FE63 and U+FF0D are already '-' and U+2011 is U+2010.
char16_t map_char(char16_t c) {
  if (util::is_dash(c)) return u'-';
  switch (c) {
    case u'\u2019':  // right single quotation mark
    case u'\u2018':  // left single quotation mark
    case u'\u02BC':  // modifier letter apostrophe
    case u'\u2032':  // prime
    case u'\uFF07':  // full-width apostrophe
      return u'\'';
    default:
      return c;
  }
}

bool folds_marks(UScriptCode script) {
  return script == USCRIPT_LATIN || script == USCRIPT_GREEK || script == USCRIPT_CYRILLIC;
}

UScriptCode script_of(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(c, &status);
  return U_SUCCESS(status) ? script : USCRIPT_UNKNOWN;
}

// A cheap, conservative test: can accent folding change `text`?  It can only
// if a nonspacing mark follows a Latin, Greek or Cyrillic base (after NFD),
// which needs a non-ASCII letter of those scripts (precomposed, or the base
// itself) or a first nonspacing mark right after an ASCII base.
bool may_have_foldable_marks(const icu::UnicodeString& text) {
  const std::int32_t n = text.length();
  UChar32 previous = 0;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(text.getBuffer(), i, n, c);
    if (c >= 0x80) {
      const UScriptCode script = script_of(c);
      if (folds_marks(script)) return true;
      if (previous < 0x80 && u_charType(c) == U_NON_SPACING_MARK) return true;
    }
    previous = c;
  }
  return false;
}

// Copies `decomposed` (NFD) to `out` without the nonspacing marks whose base
// letter is Latin, Greek or Cyrillic.
void drop_foldable_marks(const icu::UnicodeString& decomposed, icu::UnicodeString& out) {
  out.remove();
  const std::int32_t n = decomposed.length();
  bool base_folds = false;
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(decomposed.getBuffer(), i, n, c);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (base_folds) continue;
    } else {
      base_folds = folds_marks(script_of(c));
    }
    out.append(c);
  }
}

}  // namespace

TermNormalizer::TermNormalizer(bool keep_accents) : keep_accents_(keep_accents) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_ = checked(icu::Normalizer2::getNFKCCasefoldInstance(status), status, "NFKC_Casefold");
  nfd_ = checked(icu::Normalizer2::getNFDInstance(status), status, "NFD");
  nfc_ = checked(icu::Normalizer2::getNFCInstance(status), status, "NFC");
}

const icu::UnicodeString& TermNormalizer::normalize(const icu::UnicodeString& text,
                                                    icu::UnicodeString& a, icu::UnicodeString& b,
                                                    bool* folded) const {
  if (folded) *folded = false;
  UErrorCode status = U_ZERO_ERROR;
  nfkc_cf_->normalize(text, a, status);
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::Internal,
                std::string("ICU NFKC_Casefold normalization failed: ") + u_errorName(status));
  }
  const std::int32_t n = a.length();
  for (std::int32_t i = 0; i < n; ++i) {
    const char16_t c = a.charAt(i);
    const char16_t mapped = map_char(c);
    if (mapped != c) a.setCharAt(i, mapped);
  }
  if (keep_accents_ || !may_have_foldable_marks(a)) return a;
  // NFD into b, marks dropped into `result`, NFC back into b; `a` keeps the
  // unfolded form for the caller.
  icu::UnicodeString result;
  nfd_->normalize(a, b, status);
  drop_foldable_marks(b, result);
  nfc_->normalize(result, b, status);
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::Internal,
                std::string("ICU accent folding failed: ") + u_errorName(status));
  }
  if (folded) *folded = b != a;
  return b;
}

void TermNormalizer::normalize_word(std::u16string_view word, std::string& out,
                                    std::string* unfolded) {
  if (unfolded) unfolded->clear();
  // Fast path: NFKC_Casefold maps ASCII to itself except A-Z, and no ASCII
  // character carries an accent or is one of the mapped characters.
  out.resize(word.size());
  std::size_t i = 0;
  for (; i < word.size(); ++i) {
    const char16_t c = word[i];
    if (c >= 0x80) break;
    out[i] = static_cast<char>(c >= u'A' && c <= u'Z' ? c + 32 : c);
  }
  if (i == word.size()) return;
  out.clear();
  // A read-only alias: no copy of the word.
  const icu::UnicodeString alias(false, word.data(), static_cast<std::int32_t>(word.size()));
  bool folded = false;
  const icu::UnicodeString& result = normalize(alias, scratch_a_, scratch_b_, &folded);
  append_utf8(std::u16string_view(result.getBuffer(), static_cast<std::size_t>(result.length())),
              out);
  if (folded && unfolded) {
    append_utf8(
        std::u16string_view(scratch_a_.getBuffer(), static_cast<std::size_t>(scratch_a_.length())),
        *unfolded);
  }
}

std::string TermNormalizer::normalize_field(std::string_view utf8) const {
  icu::UnicodeString input = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<std::int32_t>(utf8.size())));
  // White space becomes ' ' before NFKC_Casefold, which would drop U+200B
  // and join the words on either side ("BBC\u200BNews" is "bbc news", as
  // the readers' normalize_space and the query language see it).
  for (std::int32_t i = 0; i < input.length(); ++i) {
    if (input.charAt(i) != u' ' && util::is_white_space(input.charAt(i))) input.setCharAt(i, u' ');
  }
  icu::UnicodeString a, b;
  const icu::UnicodeString& text = normalize(input, a, b);
  std::string out;
  bool pending_space = false;
  const std::int32_t n = text.length();
  for (std::int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(text.getBuffer(), i, n, c);
    if (util::is_white_space(static_cast<char32_t>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    util::append_utf8(static_cast<char32_t>(c), out);
  }
  return out;
}

bool join_dotted_letters(std::string& token) {
  // Shape: letter ('.' letter)+, each letter a single code point.
  if (token.size() < 3 || token.find('.') == std::string::npos) return false;
  bool want_letter = true;
  for (std::size_t i = 0; i < token.size();) {
    if (want_letter) {
      // U+FFFD, what ill-formed bytes decode as, is not a letter.
      if (!u_isalpha(static_cast<UChar32>(util::next_code_point(token, i)))) return false;
    } else if (token[i++] != '.') {
      return false;
    }
    want_letter = !want_letter;
  }
  if (want_letter) return false;  // ended with a dot
  std::erase(token, '.');
  return true;
}

}  // namespace sift::analysis
