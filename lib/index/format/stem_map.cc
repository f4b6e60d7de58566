// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/stem_map.h"

#include <algorithm>

#include "index/format/layout.h"

namespace sift::format {
namespace {

void add_forms(std::string_view value, std::set<std::string, std::less<>>& out) {
  std::size_t start = 0;
  while (start < value.size()) {
    std::size_t end = value.find('\0', start);
    if (end == std::string_view::npos) end = value.size();
    if (end > start) out.emplace(value.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::string stem_key(std::string_view stem) {
  // Xapian 1.4's glass rejects metadata keys much over 200 bytes: a long
  // stem is hashed, as a long id is.
  return key_term(kMetaStemsPrefix, stem);
}

bool is_stem_key(std::string_view key) {
  return key.starts_with(kMetaStemsPrefix);
}

std::vector<std::string> decode_stem_list(std::string_view value) {
  std::set<std::string, std::less<>> forms;
  add_forms(value, forms);
  return {forms.begin(), forms.end()};
}

std::string encode_stem_list(const std::set<std::string, std::less<>>& forms) {
  std::string out;
  for (const std::string& form : forms) {
    if (!out.empty()) out += '\0';
    out += form;
  }
  return out;
}

std::string merge_stem_lists(const std::vector<std::string_view>& values) {
  std::set<std::string, std::less<>> forms;
  for (const std::string_view value : values) add_forms(value, forms);
  return encode_stem_list(forms);
}

void StemMapBatch::add(std::string_view stem, std::string_view form) {
  pair_.assign(stem);
  pair_ += '\0';
  pair_ += form;
  if (!pending_.contains(std::string_view(pair_))) pending_.insert(pair_);
}

void StemMapBatch::write_to(Xapian::WritableDatabase& db) {
  // Sorted, so each stem's forms are adjacent and the keys are written in
  // order.
  std::vector<std::string_view> pairs(pending_.begin(), pending_.end());
  std::sort(pairs.begin(), pairs.end());
  for (std::size_t i = 0; i < pairs.size();) {
    const std::string_view stem = pairs[i].substr(0, pairs[i].find('\0'));
    const std::string key = stem_key(stem);
    std::set<std::string, std::less<>> forms;
    add_forms(db.get_metadata(key), forms);
    const std::size_t before = forms.size();
    std::size_t end = i;
    for (; end < pairs.size() && pairs[end].size() > stem.size() &&
           pairs[end][stem.size()] == '\0' && pairs[end].starts_with(stem);
         ++end) {
      forms.emplace(pairs[end].substr(stem.size() + 1));
    }
    if (forms.size() != before) db.set_metadata(key, encode_stem_list(forms));
    i = end;
  }
  // Forgotten only once all is written: a retry after an error writes
  // every pair again, which unites to the same lists.
  pending_.clear();
}

std::vector<std::string> stem_forms(const Xapian::Database& db, std::string_view stem) {
  return decode_stem_list(db.get_metadata(stem_key(stem)));
}

}  // namespace sift::format
