// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/query/synonym_tree.h"

#include <cstddef>
#include <string>

namespace sift::search {
namespace {

using Q = Xapian::Query;

// The members [begin, end) (at least one), halved recursively.
Q build(const std::vector<Q>& members, std::size_t begin, std::size_t end) {
  if (end - begin == 1) return members[begin];
  const std::size_t middle = begin + (end - begin + 1) / 2;
  return Q(Q::OP_SYNONYM, build(members, begin, middle), build(members, middle, end));
}

}  // namespace

Xapian::Query synonym_tree(const std::vector<Xapian::Query>& members) {
  // One or two members: the flat group (Xapian reduces a group of one term).
  if (members.size() <= 2) return Q(Q::OP_SYNONYM, members.begin(), members.end());
  return build(members, 0, members.size());
}

Xapian::Query synonym_tree(const std::vector<std::string>& terms) {
  std::vector<Q> members;
  members.reserve(terms.size());
  for (const std::string& t : terms) members.emplace_back(t);
  return synonym_tree(members);
}

}  // namespace sift::search
