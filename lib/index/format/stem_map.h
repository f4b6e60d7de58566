// SPDX-License-Identifier: GPL-2.0-or-later
// The stem map: for each stem, the exact forms in the index that have it.
//
// Stemmed terms (Z<stem>) carry no positions (format/layout.h), so a
// stemmed phrase, a NEAR of stemmed words or a snippet's position hints
// find a stem's positions through its exact forms: `~"hit target"` is the
// phrase (hit OR hits OR hitting) (target OR targets).  The map lives in
// the index's metadata, one key per stem:
//
//   "sift:stems:<stem>"  ->  "form\0form\0..."   (sorted, unique)
//
// (the key is hashed, "sift:stems:#<hash>", when the stem is long).
// Metadata is served by Xapian's remote backend, so this works over
// tcp:// shards too.  A form whose last document is deleted stays listed:
// it then matches nothing.  Merging databases (the compactor) unites the
// lists: merge_stem_lists().
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "xapian.h"

namespace sift::format {

/// The metadata key of `stem`.
std::string stem_key(std::string_view stem);

/// True for a metadata key of the stem map.
bool is_stem_key(std::string_view key);

/// The forms of one key's value (empty for an empty value).
std::vector<std::string> decode_stem_list(std::string_view value);

/// The value for `forms` (sorted, unique).
std::string encode_stem_list(const std::set<std::string, std::less<>>& forms);

/// The union of several values of one key, as one value.
std::string merge_stem_lists(const std::vector<std::string_view>& values);

/// The stem-form pairs a writer has seen since its last commit.  Not
/// thread-safe; one per writer.  add() runs for every distinct word of
/// every document and nearly always finds a pair it already has, so the
/// pairs are kept in one hash set ("stem\0form"; neither holds a NUL) and
/// grouped by stem only when written.
class StemMapBatch {
 public:
  /// Records that `form` (an exact term without prefix) has stem `stem`.
  void add(std::string_view stem, std::string_view form);

  bool empty() const { return pending_.empty(); }

  /// Adds the pending pairs to `db`'s stem map (read, unite, write only
  /// the keys that gain a form) and forgets them.  The caller commits.
  void write_to(Xapian::WritableDatabase& db);

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> pending_;  // "stem\0form"
  std::string pair_;                                                // add()'s key, reused
};

/// The forms of `stem` in `db` (one database or shard).
std::vector<std::string> stem_forms(const Xapian::Database& db, std::string_view stem);

}  // namespace sift::format
