// SPDX-License-Identifier: GPL-2.0-or-later
#include "analysis/utf16_text.h"

#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "util/utf8.h"

namespace sift::analysis {

void Utf16Text::assign(std::string_view utf8) {
  // A UTF-8 byte never yields more than one UTF-16 unit (a 4-byte sequence
  // yields 2), so the input's length bounds the output's.
  const auto n = static_cast<std::int32_t>(utf8.size());
  if (units_.size() < utf8.size()) units_.resize(utf8.size());
  if (offsets_.size() < utf8.size() + 1) offsets_.resize(utf8.size() + 1);
  const auto* s = reinterpret_cast<const std::uint8_t*>(utf8.data());
  char16_t* out = units_.data();
  std::uint32_t* map = offsets_.data();
  std::int32_t u = 0;
  std::int32_t i = 0;
  while (i < n) {
    const std::int32_t start = i;
    if (s[i] < 0x80) {
      out[u] = s[i];
      map[u++] = static_cast<std::uint32_t>(i++);
      continue;
    }
    // ICU's macro inline, by the toolkit's rule (util/utf8.h: U+FFFD per
    // maximal ill-formed subsequence): this loop runs over every byte the
    // analyzer reads.
    UChar32 c;
    U8_NEXT_OR_FFFD(s, i, n, c);
    if (c <= 0xffff) {
      out[u] = static_cast<char16_t>(c);
      map[u++] = static_cast<std::uint32_t>(start);
    } else {
      out[u] = U16_LEAD(c);
      map[u++] = static_cast<std::uint32_t>(start);
      out[u] = U16_TRAIL(c);
      map[u++] = static_cast<std::uint32_t>(start);
    }
  }
  map[u] = static_cast<std::uint32_t>(n);
  size_ = u;
}

void append_utf8(std::u16string_view units, std::string& out) {
  const auto n = static_cast<std::int32_t>(units.size());
  const char16_t* const s = units.data();  // ICU's macros index a pointer.
  std::int32_t i = 0;
  while (i < n) {
    UChar32 c = units[static_cast<std::size_t>(i)];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    U16_NEXT_OR_FFFD(s, i, n, c);
    util::append_utf8(static_cast<char32_t>(c), out);
  }
}

}  // namespace sift::analysis
