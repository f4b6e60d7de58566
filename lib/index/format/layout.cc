// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/layout.h"

#include "util/hash.h"

namespace sift::format {

std::string id_term(std::string_view id) {
  std::string term(kId);
  if (id.size() + term.size() <= kMaxKeyTermBytes) {
    term += id;
  } else {
    term += '#';
    term += util::hash_hex(id);
  }
  return term;
}

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

}  // namespace sift::format
