// SPDX-License-Identifier: GPL-2.0-or-later
// Facet counts: how many matching documents have each value of the faceted
// fields of the registry (index/format/fields.h).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "index/format/fields.h"
#include "sift/searcher.h"
#include "xapian.h"

namespace sift::search {

/// Facet name -> values, most documents first (the shape of Results::facets).
using FacetCounts = std::map<std::string, std::vector<FacetValue>>;

/// Counts the values of some faceted fields over the documents the matcher
/// looks at.  Counts are exact only when every match is checked: run the
/// match with check_at_least >= the database size.  Documents without a
/// value are not counted for that facet; a document with several values of
/// a multi-valued field (tags) counts once for each.
///
/// Owns its Xapian match spies; it must outlive the get_mset() call of the
/// Enquire it is attached to, and is used for one match only.  A
/// multi-valued field is counted by a spy of Sift's own, which Xapian's
/// remote backend cannot run: leave those fields out over remote shards.
class FacetSpies {
 public:
  explicit FacetSpies(const std::vector<const format::FieldSpec*>& fields);
  ~FacetSpies();
  FacetSpies(const FacetSpies&) = delete;
  FacetSpies& operator=(const FacetSpies&) = delete;
  /// Registers the spies with `enquire` (which keeps pointers to them).
  void attach(Xapian::Enquire& enquire);
  /// Adds the counts gathered by the last match to `out`, one entry per
  /// field (empty when no match had a value), sorted by count then value.
  void add_counts(FacetCounts& out) const;

 private:
  std::vector<const format::FieldSpec*> fields_;
  std::vector<std::unique_ptr<Xapian::MatchSpy>> spies_;
};

}  // namespace sift::search
