// SPDX-License-Identifier: GPL-2.0-or-later
// The exact forms of a stem, from the stem map of every shard
// (index/format/stem_map.h): how a stemmed phrase, a NEAR of stemmed
// words and a snippet's position hints reach positions, which only exact
// forms carry.
//
// Internal to the searcher.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "xapian.h"

namespace sift::search {

/// Looks stems up in the stem map of each shard and unites the forms
/// (Xapian's Database::get_metadata reads only the first database of a
/// combined one, so each shard is asked).  Answers are cached until
/// forget(): call it before each search, since a commit may add forms.
/// Not thread-safe; one per Searcher.
class StemForms {
 public:
  /// `shards`: every database that holds documents (local or remote).
  explicit StemForms(std::vector<Xapian::Database> shards = {});

  /// Replaces the shards (after a shard went down or came back).
  void set_shards(std::vector<Xapian::Database> shards);

  /// Forgets cached answers.
  void forget() { cache_.clear(); }

  /// The forms of `stem` (exact terms without prefix), sorted, unique.
  /// @throws Xapian::Error from a shard.
  const std::vector<std::string>& forms(const std::string& stem);

 private:
  std::vector<Xapian::Database> shards_;
  std::map<std::string, std::vector<std::string>, std::less<>> cache_;
};

}  // namespace sift::search
