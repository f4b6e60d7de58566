// SPDX-License-Identifier: GPL-2.0-or-later
// Normalization of words and field values: NFKC, case folding, accent
// folding and Sift's character mappings.
#pragma once

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include <string>
#include <string_view>

namespace sift::analysis {

/// Turns text into its normalized form, the same way for documents and
/// queries:
///   1. NFKC + case folding (ICU's NFKC_Casefold, which also removes default
///      ignorables: soft hyphen, zero-width space/joiners, word joiner, BOM);
///   2. typographic apostrophes (’ ‘ ʼ ′ ＇) become ', dashes (util::is_dash: ‐ ‑ ‒ – — ―
///      −) become -;
///   3. unless accents are kept, nonspacing marks on Latin, Greek and
///      Cyrillic letters are removed (café -> cafe, ё -> е, й -> и); marks of
///      other scripts (Thai, Devanagari, ...) are part of the spelling and
///      stay.
/// Not thread-safe (reuses scratch buffers); ICU's normalizer instances are
/// shared, immutable singletons.
class TermNormalizer {
 public:
  /// @throws sift::Error(Internal) if ICU's normalization data is missing.
  explicit TermNormalizer(bool keep_accents);

  /// Replaces `out` with the normalized form of one word.  Pure-ASCII words
  /// take a fast path (lower-casing) that gives the same result.  When
  /// `unfolded` is given, it receives the word after steps 1-2 only (case
  /// folded, accents kept) if step 3 changed it, and is cleared otherwise.
  void normalize_word(std::u16string_view word, std::string& out, std::string* unfolded = nullptr);

  /// The normalized form of a whole field value, with runs of white space
  /// (util::is_white_space) collapsed to one space and the ends trimmed.
  std::string normalize_field(std::string_view utf8) const;

 private:
  // Steps 1-3 of `text`; the result is `a` or `b`, which are work buffers.
  // `folded` (if given) says whether step 3 changed anything; `a` then
  // still holds the result of steps 1-2.
  const icu::UnicodeString& normalize(const icu::UnicodeString& text, icu::UnicodeString& a,
                                      icu::UnicodeString& b, bool* folded = nullptr) const;

  const icu::Normalizer2* nfkc_cf_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  bool keep_accents_ = false;
  icu::UnicodeString scratch_a_, scratch_b_;
};

/// If `token` is single letters separated by dots ("u.s", "e.g", "u.s.a"),
/// removes the dots ("us", "eg", "usa") and returns true; otherwise leaves
/// it alone ("3.14", "example.com", "no.1").
bool join_dotted_letters(std::string& token);

}  // namespace sift::analysis
