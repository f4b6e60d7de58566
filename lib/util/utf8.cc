// SPDX-License-Identifier: GPL-2.0-or-later
#include "util/utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace sift::util {
namespace {

// ICU's macros index with int32_t; every call here works on a window of at
// most four bytes around the offset, so texts of any size are fine.
constexpr std::size_t kMaxSequence = 4;

const std::uint8_t* bytes(std::string_view text) {
  return reinterpret_cast<const std::uint8_t*>(text.data());
}

// Decodes at text[i] like next_code_point; a negative value when ill-formed.
UChar32 next_or_negative(std::string_view text, std::size_t& i) {
  const std::uint8_t* window = bytes(text) + i;
  const auto length = static_cast<std::int32_t>(std::min(text.size() - i, kMaxSequence));
  std::int32_t k = 0;
  UChar32 c;
  U8_NEXT(window, k, length, c);
  i += static_cast<std::size_t>(k);
  return c;
}

}  // namespace

char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  const UChar32 c = next_or_negative(text, i);
  return c < 0 ? kReplacementChar : static_cast<char32_t>(c);
}

char32_t prev_code_point(std::string_view text, std::size_t& end) {
  const auto last = static_cast<unsigned char>(text[end - 1]);
  if (last < 0x80) {
    --end;
    return last;
  }
  const std::size_t back = std::min(end, kMaxSequence);
  const std::uint8_t* window = bytes(text) + (end - back);
  auto k = static_cast<std::int32_t>(back);
  UChar32 c;
  U8_PREV_OR_FFFD(window, 0, k, c);
  end = end - back + static_cast<std::size_t>(k);
  return static_cast<char32_t>(c);
}

void decode_utf8(std::string_view text, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
}

std::u32string to_code_points(std::string_view text) {
  std::u32string out;
  decode_utf8(text, out);
  return out;
}

void append_utf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
    return;
  }
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacementChar;
  char buf[U8_MAX_LENGTH];
  std::int32_t length = 0;
  U8_APPEND_UNSAFE(buf, length, static_cast<UChar32>(cp));
  out.append(buf, static_cast<std::size_t>(length));
}

std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  out.reserve(code_points.size());
  for (const char32_t cp : code_points) append_utf8(cp, out);
  return out;
}

std::size_t count_code_points(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

std::size_t code_point_start(std::string_view text, std::size_t n) {
  if (n >= text.size()) return text.size();
  if (!is_continuation_byte(text[n])) return n;
  const std::size_t back = std::min(n, kMaxSequence - 1);
  const std::uint8_t* window = bytes(text) + (n - back);
  auto k = static_cast<std::int32_t>(back);
  U8_SET_CP_START(window, 0, k);
  return n - back + static_cast<std::size_t>(k);
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  return text.substr(0, code_point_start(text, max_bytes));
}

std::size_t skip_forward(std::string_view text, std::size_t pos, std::size_t count,
                         std::size_t limit) {
  for (; pos < limit && count > 0; --count) {
    ++pos;
    while (pos < limit && is_continuation_byte(text[pos])) ++pos;
  }
  return pos;
}

std::size_t skip_back(std::string_view text, std::size_t pos, std::size_t count,
                      std::size_t floor) {
  for (; pos > floor && count > 0; --count) {
    --pos;
    while (pos > floor && is_continuation_byte(text[pos])) --pos;
  }
  return pos;
}

bool is_valid_utf8(std::string_view text) {
  return !first_invalid_utf8(text).has_value();
}

bool is_white_space(char32_t cp) {
  // ICU's White_Space property (the Unicode data Debian's ICU ships), plus
  // the zero width space (see utf8.h).
  return cp == U'\u200B' || u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0;
}

bool is_joining_dash(char32_t cp) {
  switch (cp) {
    case U'-':
    case U'\u2010':  // hyphen
    case U'\u2011':  // non-breaking hyphen
    case U'\u2012':  // figure dash
    case U'\u2013':  // en dash
    case U'\u2014':  // em dash
    case U'\u2212':  // minus sign
    case U'\uFE63':  // small hyphen-minus
    case U'\uFF0D':  // full-width hyphen-minus
      return true;
    default:
      return false;
  }
}

bool is_dash(char32_t cp) {
  return is_joining_dash(cp) || cp == U'\u2015';  // horizontal bar
}

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (next_or_negative(text, i) < 0) return start;
  }
  return std::nullopt;
}

std::string check_text(std::string_view text) {
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    return "NUL byte at byte " + std::to_string(nul) + " (binary content?)";
  }
  if (auto bad = first_invalid_utf8(text)) {
    return "invalid UTF-8 at byte " + std::to_string(*bad);
  }
  return {};
}

}  // namespace sift::util
