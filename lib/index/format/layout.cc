// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/layout.h"

#include "util/hash.h"

namespace sift::format {

std::string key_term(std::string_view prefix, std::string_view key) {
  std::string term(prefix);
  if (key.size() + term.size() <= kMaxKeyTermBytes) {
    term += key;
  } else {
    term += '#';
    term += util::hash_hex(key);
  }
  return term;
}

std::string id_term(std::string_view id) {
  return key_term(kId, id);
}

}  // namespace sift::format
