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
  auto it = pending_.find(stem);
  if (it == pending_.end()) it = pending_.emplace(std::string(stem), decltype(it->second){}).first;
  if (!it->second.contains(form)) it->second.emplace(form);
}

void StemMapBatch::write_to(Xapian::WritableDatabase& db) {
  // Erased as written, so a retry after an error writes the rest.
  for (auto it = pending_.begin(); it != pending_.end(); it = pending_.erase(it)) {
    const std::string key = stem_key(it->first);
    const std::string old = db.get_metadata(key);
    std::set<std::string, std::less<>> forms;
    add_forms(old, forms);
    const std::size_t before = forms.size();
    forms.insert(it->second.begin(), it->second.end());
    if (forms.size() != before) db.set_metadata(key, encode_stem_list(forms));
  }
}

std::vector<std::string> stem_forms(const Xapian::Database& db, std::string_view stem) {
  return decode_stem_list(db.get_metadata(stem_key(stem)));
}

}  // namespace sift::format
