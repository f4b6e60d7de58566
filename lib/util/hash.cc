// SPDX-License-Identifier: GPL-2.0-or-later
#include "util/hash.h"

#include <cstdint>

namespace sift::util {
namespace {

constexpr uint128 kPrime =
    (static_cast<uint128>(0x0000000001000000ULL) << 64) | 0x000000000000013bULL;
constexpr std::uint64_t kOffset64 = 0xcbf29ce484222325ULL;
constexpr std::uint64_t kPrime64 = 0x100000001b3ULL;

// FNV-1a's step, for both widths.
template <typename Word>
Word mix(Word state, Word prime, std::string_view bytes) {
  for (unsigned char c : bytes) {
    state ^= c;
    state *= prime;
  }
  return state;
}

std::string to_hex(uint128 v) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(32, '0');
  for (int i = 31; i >= 0; --i) {
    out[i] = kDigits[static_cast<unsigned>(v & 0xf)];
    v >>= 4;
  }
  return out;
}

}  // namespace

void Hasher::add(std::string_view piece) {
  const std::uint64_t n = piece.size();
  char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<char>((n >> (8 * i)) & 0xff);
  state_ = mix(state_, kPrime, std::string_view(len, 8));
  state_ = mix(state_, kPrime, piece);
}

std::string Hasher::hex() const {
  return to_hex(state_);
}

std::uint64_t fnv1a_64(std::string_view bytes) noexcept {
  return mix(kOffset64, kPrime64, bytes);
}

std::string hash_hex(std::string_view bytes) {
  Hasher h;
  h.add(bytes);
  return h.hex();
}

}  // namespace sift::util
