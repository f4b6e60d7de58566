// SPDX-License-Identifier: GPL-2.0-or-later
// Small helpers shared by the query builder's files.
//
// Internal to the query parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "xapian.h"

namespace sift::search::builder_util {

using analysis::Token;
using Q = Xapian::Query;

struct Split {
  std::vector<const Token*> parts;  ///< The words, in order.
  /// The joined form of a hyphenated word, when it stands for all the parts
  /// ("f16" for F-16; not "ab" for "a-b/c-d", which has two joined forms).
  const Token* joined = nullptr;
};

inline Split split(const std::vector<Token>& tokens) {
  Split s;
  std::size_t joined = 0;
  for (const auto& t : tokens) {
    if (t.joined) {
      ++joined;
      s.joined = &t;
    } else {
      s.parts.push_back(&t);
    }
  }
  if (joined != 1 || s.parts.empty() || s.joined->begin > s.parts.front()->begin ||
      s.joined->end < s.parts.back()->end) {
    s.joined = nullptr;
  }
  return s;
}

inline std::uint32_t span(const std::vector<const Token*>& parts) {
  return parts.back()->position - parts.front()->position + 1;
}

inline std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += sep;
    out += items[i];
  }
  return out;
}

inline std::string parts_text(const std::vector<const Token*>& parts) {
  std::string out;
  for (const Token* t : parts) {
    if (!out.empty()) out += ' ';
    out += t->text;
  }
  return out;
}

/// "(a OP b OP c)", or just "a" for one item.
inline std::string group(const std::vector<std::string>& items, std::string_view op) {
  if (items.size() == 1) return items[0];
  return "(" + join(items, std::string(" ") + std::string(op) + " ") + ")";
}

inline Q combine(Q::op op, const std::vector<Q>& qs) {
  if (qs.size() == 1) return qs[0];
  return Q(op, qs.begin(), qs.end());
}

}  // namespace sift::search::builder_util
