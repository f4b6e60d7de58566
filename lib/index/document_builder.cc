// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/document_builder.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <utility>

#include "index/term_scheme.h"
#include "util/hash.h"
#include "util/utf8.h"

namespace sift::index {
namespace {

// Xapian refuses terms longer than this (and with them the whole document).
constexpr std::size_t kMaxTermBytes = 245;

// "YYYY-MM-DD" with a month 01-12 and a day 01-31.
bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Words worth offering as spelling corrections: letters (and apostrophes)
// only, so numbers, codes like "f16" and joined hyphen forms stay out.
bool is_spelling_word(const analysis::Token& token) {
  if (token.joined || token.text.empty()) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(token.text.data());
  const auto length = static_cast<int32_t>(token.text.size());
  int32_t i = 0;
  bool letter = false;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (u_isalpha(c)) {
      letter = true;
    } else if (c != '\'') {
      return false;
    }
  }
  return letter;
}

class TermAdder {
 public:
  explicit TermAdder(Xapian::Document& doc) : doc_(doc) {}

  // Adds prefix+word at `position` (wdf += 1); terms too long for Xapian
  // are skipped rather than failing the document.
  void operator()(std::string_view prefix, std::string_view word, Xapian::termpos position) {
    if (word.empty() || prefix.size() + word.size() > kMaxTermBytes) return;
    term_.assign(prefix);
    term_ += word;
    doc_.add_posting(term_, position);
  }

 private:
  Xapian::Document& doc_;
  std::string term_;
};

}  // namespace

std::string validate(const Document& doc) {
  if (doc.id.empty()) return "document has an empty id";
  if (std::string problem = util::check_text(doc.id); !problem.empty()) {
    return "document id is not valid text: " + problem;
  }
  const std::string who = "document '" + doc.id + "': ";
  const std::pair<const char*, const std::string*> fields[] = {
      {"title", &doc.title}, {"source", &doc.source}, {"url", &doc.url},
      {"path", &doc.path},   {"author", &doc.author}, {"date", &doc.date}};
  for (const auto& [name, value] : fields) {
    if (std::string problem = util::check_text(*value); !problem.empty()) {
      return who + "field " + name + ": " + problem;
    }
  }
  for (std::size_t i = 0; i < doc.paragraphs.size(); ++i) {
    if (std::string problem = util::check_text(doc.paragraphs[i]); !problem.empty()) {
      return who + "paragraph " + std::to_string(i + 1) + ": " + problem;
    }
  }
  if (!doc.date.empty() && !is_iso_date(doc.date)) {
    return who + "field date: '" + doc.date + "' is not a date YYYY-MM-DD";
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

std::string content_hash(const Document& doc, const AnalyzerOptions& options) {
  util::Hasher h;
  h.add("sift-document");
  h.add(scheme::kFormatVersion);
  for (const std::string* field :
       {&doc.id, &doc.title, &doc.source, &doc.url, &doc.path, &doc.author, &doc.date}) {
    h.add(*field);
  }
  h.add(std::to_string(doc.paragraphs.size()));
  for (const std::string& paragraph : doc.paragraphs) h.add(paragraph);
  h.add(options.language);
  h.add(options.keep_accents ? "1" : "0");
  h.add(std::to_string(options.max_token_bytes));
  h.add(std::to_string(options.paragraph_gap));
  return h.hex();
}

Xapian::Document build_document(const Document& doc, const std::string& hash,
                                analysis::Analyzer& analyzer, SpellingCounts& spellings) {
  Xapian::Document xdoc;
  TermAdder add(xdoc);
  const std::string text = body_text(doc);

  xdoc.add_boolean_term(scheme::id_term(doc.id));

  std::string stem;
  const std::uint32_t after_title =
      analyzer.analyze(doc.title, 1, [&](const analysis::Token& token) {
        stem = analyzer.stem(token.text);
        add("", token.text, token.position);
        add(scheme::kStem, stem, token.position);
        add(scheme::kTitle, token.text, token.position);
        add(scheme::kTitleStem, stem, token.position);
        if (is_spelling_word(token)) ++spellings[token.text];
      });
  // starts[k]: the first body position in line k of `text` (0: none).
  std::vector<std::uint32_t> starts(
      static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1, 0);
  std::size_t line = 0;
  std::size_t line_end = text.find('\n');  // npos in the last line
  analyzer.analyze(text, after_title + analyzer.options().paragraph_gap,
                   [&](const analysis::Token& token) {
                     while (token.begin > line_end) {
                       ++line;
                       line_end = text.find('\n', line_end + 1);
                     }
                     if (starts[line] == 0) starts[line] = token.position;
                     add("", token.text, token.position);
                     add(scheme::kStem, analyzer.stem(token.text), token.position);
                     if (is_spelling_word(token)) ++spellings[token.text];
                   });
  analyzer.analyze(doc.author, 1, [&](const analysis::Token& token) {
    add(scheme::kAuthor, token.text, token.position);
  });

  if (!doc.source.empty()) {
    const std::string normalized = analyzer.normalize(doc.source);
    if (!normalized.empty()) xdoc.add_boolean_term(scheme::key_term(scheme::kSource, normalized));
    xdoc.add_value(scheme::kSourceSlot, doc.source);
  }
  if (!doc.date.empty()) {
    const std::string month = doc.date.substr(0, 7);
    xdoc.add_value(scheme::kDateSlot, doc.date);
    xdoc.add_value(scheme::kMonthSlot, month);
    xdoc.add_boolean_term(std::string(scheme::kMonth) + month);
  }
  if (!doc.path.empty()) xdoc.add_boolean_term(scheme::key_term(scheme::kPath, doc.path));
  if (!doc.url.empty()) xdoc.add_boolean_term(scheme::key_term(scheme::kPath, doc.url));
  xdoc.add_value(scheme::kHashSlot, hash);

  const nlohmann::json data = {{"id", doc.id},
                               {"title", doc.title},
                               {"text", text},
                               {"source", doc.source},
                               {"url", doc.url},
                               {"path", doc.path},
                               {"author", doc.author},
                               {"date", doc.date},
                               {kDataParagraphStarts, encode_paragraph_starts(starts)}};
  xdoc.set_data(data.dump());
  return xdoc;
}

std::string encode_paragraph_starts(const std::vector<std::uint32_t>& starts) {
  std::string out;
  std::uint32_t last = 0;
  for (const std::uint32_t start : starts) {
    if (!out.empty()) out += ' ';
    out += std::to_string(start == 0 ? 0 : start - last);
    if (start != 0) last = start;
  }
  return out;
}

std::optional<std::vector<std::uint32_t>> decode_paragraph_starts(std::string_view encoded) {
  if (encoded.empty()) return std::nullopt;
  std::vector<std::uint32_t> starts;
  std::uint64_t last = 0;
  const char* p = encoded.data();
  const char* const end = p + encoded.size();
  while (true) {
    std::uint32_t delta = 0;
    const auto [next, ec] = std::from_chars(p, end, delta);
    if (ec != std::errc() || next == p) return std::nullopt;
    if (delta != 0) {
      last += delta;
      if (last > UINT32_MAX) return std::nullopt;
    }
    starts.push_back(delta == 0 ? 0 : static_cast<std::uint32_t>(last));
    p = next;
    if (p == end) return starts;
    if (*p != ' ') return std::nullopt;
    ++p;
  }
}

void spelling_words(std::string_view title, std::string_view text, analysis::Analyzer& analyzer,
                    SpellingCounts& spellings) {
  const auto count = [&](const analysis::Token& token) {
    if (is_spelling_word(token)) ++spellings[token.text];
  };
  analyzer.analyze(title, 1, count);
  analyzer.analyze(text, 1, count);
}

}  // namespace sift::index
