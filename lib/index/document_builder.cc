// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/document_builder.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <utility>

#include "index/format/fields.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "ingest/iso_date.h"
#include "sift/error.h"
#include "util/hash.h"
#include "util/utf8.h"

namespace sift::index {
namespace {

// Adds a document's terms.  Terms too long for Xapian are skipped rather
// than failing the document.
class TermAdder {
 public:
  TermAdder(Xapian::Document& doc, analysis::Analyzer& analyzer, format::StemMapBatch& stems)
      : doc_(doc), analyzer_(analyzer), stems_(stems) {}

  // prefix+word at `position` (wdf += 1).
  void positional(std::string_view prefix, std::string_view word, Xapian::termpos position) {
    if (!fits(prefix, word)) return;
    doc_.add_posting(term_, position);
  }

  // prefix+word without a position (wdf += 1: the same weight as a
  // positional term).
  void plain(std::string_view prefix, std::string_view word) {
    if (!fits(prefix, word)) return;
    doc_.add_term(term_);
  }

  // The stem of `token`, once per distinct word and document; each word
  // that becomes a term is recorded with its stem in the stem map.
  const std::string& stem(const analysis::Token& token) {
    auto [it, fresh] = stems_of_.try_emplace(token.unfolded.empty() ? token.text : token.unfolded);
    if (fresh) {
      if (stems_of_.size() > kMaxDistinctWords) {
        throw Error(ErrorCode::BadInput, "more than " + std::to_string(kMaxDistinctWords) +
                                             " distinct words; the limit per document is " +
                                             std::to_string(kMaxDistinctWords));
      }
      it->second = analyzer_.stem(token);
      if (!token.text.empty() && token.text.size() <= format::kMaxTermBytes) {
        stems_.add(it->second, token.text);
      }
    }
    return it->second;
  }

 private:
  bool fits(std::string_view prefix, std::string_view word) {
    if (word.empty() || prefix.size() + word.size() > format::kMaxTermBytes) return false;
    term_.assign(prefix);
    term_ += word;
    return true;
  }

  Xapian::Document& doc_;
  analysis::Analyzer& analyzer_;
  format::StemMapBatch& stems_;
  std::string term_;
  // Word (unfolded when it has an unfolded form) -> stem.
  std::unordered_map<std::string, std::string> stems_of_;
};

}  // namespace

std::string validate(const Document& doc, std::span<const format::FieldSpec> fields) {
  if (doc.id.empty()) return "document has an empty id";
  if (std::string problem = util::check_text(doc.id); !problem.empty()) {
    return "document id is not valid text: " + problem;
  }
  const std::string who = "document '" + doc.id + "': ";
  // The text fields; the keyword fields follow, from the registry.
  const std::pair<const char*, const std::string*> texts[] = {
      {"title", &doc.title}, {"url", &doc.url}, {"path", &doc.path}};
  for (const auto& [name, value] : texts) {
    if (std::string problem = util::check_text(*value); !problem.empty()) {
      return who + "field " + name + ": " + problem;
    }
  }
  if (doc.paragraphs.size() > kMaxParagraphs) {
    return who + std::to_string(doc.paragraphs.size()) + " paragraphs; the limit is " +
           std::to_string(kMaxParagraphs);
  }
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    if (std::string problem = util::check_text(doc.paragraphs[i]); !problem.empty()) {
      return who + "paragraph " + std::to_string(i + 1) + ": " + problem;
    }
  }
  for (const auto& keyword : doc.keywords) {
    // Not a structured binding: clang before 16 cannot capture one.
    const std::string& name = keyword.first;
    const auto known = std::find_if(fields.begin(), fields.end(), [&](const auto& f) {
      return f.values == nullptr && f.name == name;
    });
    if (known == fields.end()) {
      std::string shown = name.substr(0, 64);
      if (!util::is_valid_utf8(shown)) shown = "(not valid UTF-8)";
      return who + "keywords: '" + shown + "' is not a keyword field of the index";
    }
  }
  for (const format::FieldSpec& field : fields) {
    if (field.derived) continue;
    const std::string name(field.name);
    const std::vector<std::string> values = format::field_values(field, doc);
    if (!field.multi_valued && values.size() > 1) {
      return who + "field " + name + ": " + std::to_string(values.size()) + " values; it takes one";
    }
    for (const std::string& value : values) {
      if (value.empty()) return who + "field " + name + ": a value is empty";
      if (std::string problem = util::check_text(value); !problem.empty()) {
        return who + "field " + name + ": " + problem;
      }
      // A comma separates the values in their comma-separated input form.
      if (field.multi_valued && value.find(',') != std::string::npos) {
        return who + "field " + name + ": '" + value + "' holds a comma";
      }
      if (field.kind == format::FieldKind::Date) {
        std::string problem = value.size() == 10 ? ingest::date_problem(value)
                                                 : "'" + value + "' is not a date YYYY-MM-DD";
        if (!problem.empty()) return who + "field " + name + ": " + problem;
      }
    }
  }
  return {};
}

std::string body_text(const Document& doc) {
  std::string text;
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    if (i > 0) text += '\n';
    text += doc.paragraphs[i];
  }
  return text;
}

std::string content_hash(const Document& doc, const AnalyzerOptions& options,
                         std::span<const format::FieldSpec> fields) {
  util::Hasher h;
  h.add("sift-document");
  h.add(format::kFormatVersion);
  // Format 2's hash: Document's members in this order, then its list
  // fields, the paragraphs and the options.  Frozen, or every index would
  // be re-indexed whole by an upgrade (tests/index pins two values).
  for (const std::string* field :
       {&doc.id, &doc.title, &doc.source, &doc.url, &doc.path, &doc.author, &doc.date}) {
    h.add(*field);
  }
  for (const format::FieldSpec& field : fields) {
    if (!field.multi_valued || field.values == nullptr) continue;  // Members only.
    const std::vector<std::string> values = field.values(doc);
    h.add(std::to_string(values.size()));
    for (const std::string& value : values) h.add(value);
  }
  h.add(std::to_string(doc.paragraphs.size()));
  for (const std::string& paragraph : doc.paragraphs) h.add(paragraph);
  h.add(options.language);
  h.add(options.keep_accents ? "1" : "0");
  h.add(std::to_string(options.max_token_bytes));
  h.add(std::to_string(options.paragraph_gap));
  // Then the fields kept in Document::keywords, each only when it has
  // values: a new field changes the hash of the documents that have it,
  // and only theirs.
  for (const format::FieldSpec& field : fields) {
    if (field.values != nullptr) continue;
    const std::vector<std::string> values = format::field_values(field, doc);
    if (values.empty()) continue;
    h.add(field.name);
    h.add(std::to_string(values.size()));
    for (const std::string& value : values) h.add(value);
  }
  // Only when set, so that every other document hashes as before.
  if (doc.title_derived) h.add("title_derived");
  return h.hex();
}

Xapian::Document build_document(const Document& doc, const std::string& hash,
                                analysis::Analyzer& analyzer, format::StemMapBatch& stems,
                                std::span<const format::FieldSpec> fields,
                                std::span<const format::TextFieldSpec> text_fields) {
  Xapian::Document xdoc;
  TermAdder add(xdoc, analyzer, stems);
  const std::string text = body_text(doc);

  xdoc.add_boolean_term(format::id_term(doc.id));
  if (doc.title_derived && !doc.title.empty()) {
    xdoc.add_boolean_term(std::string(format::kDerivedTitle));
  }

  // Text fields that are also body words (title) come first, from
  // position 1; the body follows a paragraph gap after them.
  auto add_text_field = [&](const format::TextFieldSpec& field, std::uint32_t first) {
    const bool stemmed = !field.stem_prefix.empty();
    return analyzer.analyze(field.text(doc), first, [&](const analysis::Token& token) {
      const std::string* stem = field.in_body || stemmed ? &add.stem(token) : nullptr;
      if (field.in_body) {
        add.positional("", token.text, token.position);
        add.plain(format::kStem, *stem);
        if (token.capitals) add.plain(format::kCapitals, token.text);
      }
      add.positional(field.exact_prefix, token.text, token.position);
      if (stemmed) add.plain(field.stem_prefix, *stem);
    });
  };
  std::uint32_t body_start = 0;
  for (const format::TextFieldSpec& field : text_fields) {
    if (!field.in_body) continue;
    const std::uint32_t first = body_start == 0 ? 1 : body_start + analyzer.options().paragraph_gap;
    body_start = add_text_field(field, first);
  }
  const std::uint32_t first_body_position =
      body_start == 0 ? 1 : body_start + analyzer.options().paragraph_gap;
  // starts[k]: the first body position in line k of `text` (0: none).
  std::vector<std::uint32_t> starts(
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1, 0);
  std::size_t line = 0;
  std::size_t line_end = text.find('\n');  // npos in the last line
  analyzer.analyze(text, first_body_position, [&](const analysis::Token& token) {
    while (token.begin > line_end) {
      ++line;
      line_end = text.find('\n', line_end + 1);
    }
    if (starts[line] == 0) starts[line] = token.position;
    add.positional("", token.text, token.position);
    add.plain(format::kStem, add.stem(token));
    if (token.capitals) add.plain(format::kCapitals, token.text);
  });
  // The other text fields (author), each from position 1.
  for (const format::TextFieldSpec& field : text_fields) {
    if (!field.in_body) add_text_field(field, 1);
  }

  // Filter and facet fields, as the registry lays them out.
  for (const format::FieldSpec& field : fields) {
    const std::vector<std::string> values = format::field_values(field, doc);
    if (values.empty()) continue;
    if (field.kind == format::FieldKind::Keyword) {
      for (const std::string& value : values) {
        const std::string key = field.normalized ? analyzer.normalize(value) : value;
        if (!key.empty()) xdoc.add_boolean_term(format::key_term(field.term_prefix, key));
      }
    }
    if (field.slot != format::kNoSlot) {
      xdoc.add_value(field.slot, field.multi_valued ? format::encode_values(values) : values[0]);
    }
  }
  if (!doc.path.empty()) xdoc.add_boolean_term(format::key_term(format::kPath, doc.path));
  if (!doc.url.empty()) xdoc.add_boolean_term(format::key_term(format::kPath, doc.url));
  xdoc.add_value(format::kHashSlot, hash);
  format::store_records(xdoc,
                        {doc.id, doc.title, doc.source, doc.url, doc.path, doc.author, doc.date,
                         doc.tags, format::stored_keywords(doc, fields)},
                        text, starts);
  return xdoc;
}

}  // namespace sift::index
