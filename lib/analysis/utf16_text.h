// SPDX-License-Identifier: GPL-2.0-or-later
// UTF-8 input as UTF-16 for ICU, with a map back to the input's bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sift::analysis {

/// A UTF-16 copy of a UTF-8 text that remembers where each code unit came
/// from.  Ill-formed UTF-8 is read as U+FFFD, one per maximal ill-formed
/// subsequence (ICU's rule), so no input can make it fail or read past the
/// end.  Invariant after assign(): byte_offset(i) is the offset in the input
/// of the first byte of the character that holds unit i, and
/// byte_offset(size()) == input size.  Buffers are reused between calls.
class Utf16Text {
 public:
  /// Replaces the contents with `utf8`, which must be shorter than 2^31
  /// bytes (the caller cuts longer texts into pieces).
  void assign(std::string_view utf8);

  const char16_t* data() const { return units_.data(); }
  std::int32_t size() const { return size_; }
  char16_t operator[](std::int32_t i) const { return units_[static_cast<std::size_t>(i)]; }
  /// The input byte offset of unit `i` (0 <= i <= size()).
  std::size_t byte_offset(std::int32_t i) const { return offsets_[static_cast<std::size_t>(i)]; }

 private:
  std::vector<char16_t> units_;
  std::vector<std::uint32_t> offsets_;
  std::int32_t size_ = 0;
};

/// Appends the UTF-8 form of well-formed UTF-16 `units` to `out` (a lone
/// surrogate becomes U+FFFD).
void append_utf8(std::u16string_view units, std::string& out);

}  // namespace sift::analysis
