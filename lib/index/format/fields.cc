// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/fields.h"

#include <array>

#include "index/format/layout.h"

namespace sift::format {
namespace {

std::vector<std::string> one(const std::string& value) {
  if (value.empty()) return {};
  return {value};
}

constexpr std::array kFields{
    // name     query    kind               prefix      slot         norm.  multi  filter facet
    FieldSpec{"source", "source", FieldKind::Keyword, kSource, kSourceSlot, true, false, true, true,
              [](const Document& d) { return one(d.source); }},
    FieldSpec{"author", "", FieldKind::Keyword, kAuthorKey, kAuthorSlot, true, false, true, true,
              [](const Document& d) { return one(d.author); }},
    FieldSpec{"tags", "tag", FieldKind::Keyword, kTag, kTagsSlot, true, true, true, true,
              [](const Document& d) { return d.tags; }},
    FieldSpec{"month", "", FieldKind::Keyword, kMonth, kMonthSlot, false, false, false, true,
              [](const Document& d) { return one(d.date.substr(0, 7)); }, true},
    FieldSpec{"date", "date", FieldKind::Date, "", kDateSlot, false, false, true, false,
              [](const Document& d) { return one(d.date); }},
};

constexpr std::array kTextFields{
    // query name, exact prefix, stem prefix, in body, wildcards, text
    TextFieldSpec{"title", kTitle, kTitleStem, true, true,
                  [](const Document& d) { return std::string_view(d.title); }},
    TextFieldSpec{"author", kAuthor, "", false, false,
                  [](const Document& d) { return std::string_view(d.author); }},
};

}  // namespace

std::span<const FieldSpec> fields() {
  return kFields;
}

std::span<const TextFieldSpec> text_fields() {
  return kTextFields;
}

const TextFieldSpec* find_text_field(std::string_view name, std::span<const TextFieldSpec> fields) {
  for (const TextFieldSpec& f : fields) {
    if (f.query_name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> field_values(const FieldSpec& field, const Document& doc) {
  if (field.values != nullptr) return field.values(doc);
  const auto it = doc.keywords.find(std::string(field.name));
  return it == doc.keywords.end() ? std::vector<std::string>{} : it->second;
}

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (f.name == name || (!f.query_name.empty() && f.query_name == name)) return &f;
  }
  return nullptr;
}

const FieldSpec* find_query_field(std::string_view name) {
  for (const FieldSpec& f : kFields) {
    if (!f.query_name.empty() && f.query_name == name) return &f;
  }
  return nullptr;
}

std::string field_names(bool facets) {
  std::vector<std::string_view> names;
  for (const FieldSpec& f : kFields) {
    if (facets ? f.facet : f.filter) names.push_back(f.name);
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string encode_values(const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += '\0';
    out += values[i];
  }
  return out;
}

std::vector<std::string> decode_values(std::string_view bytes) {
  std::vector<std::string> out;
  if (bytes.empty()) return out;
  std::size_t start = 0;
  for (;;) {
    const auto end = bytes.find('\0', start);
    out.emplace_back(bytes.substr(start, end - start));
    if (end == std::string_view::npos) return out;
    start = end + 1;
  }
}

std::map<std::string, std::vector<std::string>> stored_keywords(const Document& doc,
                                                                std::span<const FieldSpec> fields) {
  std::map<std::string, std::vector<std::string>> out;
  for (const FieldSpec& field : fields) {
    if (field.values != nullptr || !field.stored) continue;
    std::vector<std::string> values = field_values(field, doc);
    if (!values.empty()) out.emplace(field.name, std::move(values));
  }
  return out;
}

}  // namespace sift::format
