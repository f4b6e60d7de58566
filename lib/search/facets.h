// SPDX-License-Identifier: GPL-2.0-or-later
// Facet counts: how many matching documents per source and per month.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "xapian.h"

namespace sift::search {

/// Facet name -> value -> matching documents (the shape of Results::facets).
using FacetCounts = std::map<std::string, std::map<std::string, std::size_t>>;

/// Counts the values of the source and month slots over the documents the
/// matcher looks at.  Counts are exact only when every match is checked:
/// run the match with check_at_least >= the database size.  Documents
/// without a value in a slot are not counted for that facet.
///
/// Owns its Xapian match spies; it must outlive the get_mset() call of the
/// Enquire it is attached to, and is used for one match only.
class FacetSpies {
 public:
  FacetSpies();
  /// Registers the spies with `enquire` (which keeps pointers to them).
  void attach(Xapian::Enquire& enquire);
  /// The counts gathered by the last match, as {"source": {...}, "month": {...}}.
  FacetCounts counts() const;

 private:
  Xapian::ValueCountMatchSpy source_;
  Xapian::ValueCountMatchSpy month_;
};

}  // namespace sift::search
