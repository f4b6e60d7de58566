// SPDX-License-Identifier: GPL-2.0-or-later
#include "util/utf8.h"

#include <cstdint>

namespace sift::util {

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t cp;
    if (c >= 0xc2 && c <= 0xdf) {
      len = 2;
      cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
      len = 3;
      cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xc0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3f);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff)) {
      return i;
    }
    i += len;
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
