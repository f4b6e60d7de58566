// SPDX-License-Identifier: GPL-2.0-or-later
// OP_SYNONYM groups that score alike on one index and on N shards.
//
// Internal to the query builder.
#pragma once

#include <vector>

#include "xapian.h"

namespace sift::search {

/// An OP_SYNONYM of `members` (in order), built as a balanced binary tree
/// of two-member OP_SYNONYMs when there are 3 or more; with fewer it is
/// the flat Q(OP_SYNONYM, ...) (a group of one term is that term, none is
/// an empty query).
///
/// Why: Xapian 1.4 weights a synonym group by its estimated term frequency,
/// computed from the global statistics over the OR tree below it.  Each
/// shard builds that tree from its own term frequencies (the rarest members
/// are joined first) and every binary node of the estimate is rounded to an
/// integer, so with 3+ members a flat group gets a shard-dependent weight.
/// A nested OP_SYNONYM is matched as a plain OR (its weight factor is 0,
/// QueryBranch::do_synonym) and does not merge into its parent, so every
/// node of this tree has exactly two children in every shard; the node's
/// estimate (a + b - ab/N) is symmetric, hence the same everywhere.  The
/// group's wdf is still the sum of its members' (OrPostList::get_wdf).
///
/// On one index the weights equal those of a flat group except for the
/// estimate's rounding, which may move the group's frequency estimate by
/// about one document per node.
Xapian::Query synonym_tree(const std::vector<Xapian::Query>& members);

/// synonym_tree() of term queries.
Xapian::Query synonym_tree(const std::vector<std::string>& terms);

}  // namespace sift::search
