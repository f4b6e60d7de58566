// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/stored/stem_forms.h"

#include <algorithm>
#include <utility>

#include "index/format/stem_map.h"

namespace sift::search {

StemForms::StemForms(std::vector<Xapian::Database> shards) : shards_(std::move(shards)) {}

void StemForms::set_shards(std::vector<Xapian::Database> shards) {
  shards_ = std::move(shards);
  cache_.clear();
}

const std::vector<std::string>& StemForms::forms(const std::string& stem) {
  if (auto hit = cache_.find(stem); hit != cache_.end()) return hit->second;
  std::vector<std::string> all;
  for (const Xapian::Database& shard : shards_) {
    std::vector<std::string> some = format::stem_forms(shard, stem);
    all.insert(all.end(), std::make_move_iterator(some.begin()),
               std::make_move_iterator(some.end()));
  }
  if (shards_.size() > 1) {
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
  }
  return cache_.emplace(stem, std::move(all)).first->second;
}

}  // namespace sift::search
