// SPDX-License-Identifier: GPL-2.0-or-later
// Stable content hashing (the same value on every machine and run).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sift::util {

// GCC and Clang both have a 128-bit integer; __extension__ keeps -Wpedantic
// quiet, and it needs the typedef form.
// NOLINTNEXTLINE(modernize-use-using)
__extension__ typedef unsigned __int128 uint128;

/// 64-bit FNV-1a of `bytes`.  Its values are part of the index format:
/// shard_of routes each id to a shard with it, so they never change.
std::uint64_t fnv1a_64(std::string_view bytes) noexcept;

/// 128-bit FNV-1a of `bytes`, as 32 lower-case hex digits.  Not
/// cryptographic: used to detect changed content and to shorten long keys.
std::string hash_hex(std::string_view bytes);

/// Incremental form of hash_hex: feed pieces, then hex().  Pieces are
/// length-prefixed, so ("ab","c") and ("a","bc") hash differently.
class Hasher {
 public:
  void add(std::string_view piece);
  std::string hex() const;

 private:
  uint128 state_ = kOffset;
  static constexpr uint128 kOffset =
      (static_cast<uint128>(0x6c62272e07bb0142ULL) << 64) | 0x62b821756295c58dULL;
};

}  // namespace sift::util
