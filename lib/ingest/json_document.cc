// SPDX-License-Identifier: GPL-2.0-or-later
// One JSON object -> one Document (json_document.h), shared by the JSONL
// and the JSON array readers.
#include "ingest/json_document.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "ingest/iso_date.h"
#include "ingest/text_util.h"
#include "util/utf8.h"

namespace sift {
namespace ingest {

using nlohmann::json;

bool nested_deeper_than(std::string_view text, std::size_t limit) {
  std::size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

namespace {

// nlohmann's message without its "[json.exception.NAME.ID] " prefix.
std::string without_prefix(std::string_view what) {
  if (what.starts_with("[json.exception.")) {
    if (const auto end = what.find("] "); end != std::string_view::npos)
      what.remove_prefix(end + 2);
  }
  return std::string(what);
}

}  // namespace

std::string parse_problem(const json::parse_error& e) {
  std::string_view what = e.what();
  if (const auto colon = what.find(": "); colon != std::string_view::npos) {
    what.remove_prefix(colon + 2);
  }
  // nlohmann counts bytes read, so the offending byte is one before.
  const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
  return "not valid JSON at byte " + std::to_string(offset) + ": " + std::string(what);
}

std::string json_problem(const json::exception& e) {
  // Valid syntax nlohmann still cannot hold, e.g. out_of_range 406: a
  // number past a double's range (1e400).
  return "not valid JSON: " + without_prefix(e.what());
}

namespace {

std::string in_quotes(std::string_view key) {
  return "\"" + std::string(key) + "\"";
}

std::string wrong_type(std::string_view key, std::string_view expected, const json& value) {
  return in_quotes(key) + " must be " + std::string(expected) + ", not " + value.type_name();
}

// A field read from a JSON object; `problem` is set when it is unusable.
struct Field {
  std::optional<std::string> text;  // nullopt when absent or null.
  std::string problem;
};

// An optional string member.  JSON \u0000 escapes can smuggle NUL bytes
// past the line check, so the decoded text is checked again.
Field string_field(const json& obj, std::string_view key) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return {};
  if (!it->is_string()) return {std::nullopt, wrong_type(key, "a string", *it)};
  std::string value = it->get<std::string>();
  if (std::string problem = util::check_text(value); !problem.empty()) {
    return {std::nullopt, in_quotes(key) + ": " + problem};
  }
  return {std::move(value), {}};
}

// "author": a string, or an array of strings joined by ", ".
Field author_field(const json& obj) {
  const auto it = obj.find("author");
  if (it == obj.end() || it->is_null()) return {};
  constexpr std::string_view kExpected = "a string or an array of strings";
  std::vector<const json*> names;
  if (it->is_string()) {
    names.push_back(&*it);
  } else if (it->is_array()) {
    for (const json& name : *it) names.push_back(&name);
  } else {
    return {std::nullopt, wrong_type("author", kExpected, *it)};
  }
  std::string joined;
  for (const json* name : names) {
    if (!name->is_string()) {
      return {std::nullopt, "\"author\" must be " + std::string(kExpected) +
                                ", not an array holding " + name->type_name()};
    }
    const std::string clean = normalize_space(name->get<std::string>());
    if (std::string problem = util::check_text(clean); !problem.empty()) {
      return {std::nullopt, "\"author\": " + problem};
    }
    if (clean.empty()) continue;
    if (!joined.empty()) joined += ", ";
    joined += clean;
  }
  return {std::move(joined), {}};
}

// "tags": an array of strings, or one string of comma-separated tags
// ("climate, energy").  Each tag is space-normalized; empty ones are
// dropped, repeats kept once; a comma inside an array element is an error,
// so that both forms mean the same.
std::string tags_field(const json& obj, std::vector<std::string>& tags) {
  tags.clear();
  const auto it = obj.find("tags");
  if (it == obj.end() || it->is_null()) return {};
  constexpr std::string_view kExpected = "an array of strings or a comma-separated string";
  std::vector<std::string> given;
  if (it->is_string()) {
    const std::string all = it->get<std::string>();
    std::size_t start = 0;
    for (;;) {
      const auto comma = all.find(',', start);
      given.push_back(all.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else if (it->is_array()) {
    for (const json& tag : *it) {
      if (!tag.is_string()) {
        return "\"tags\" must be " + std::string(kExpected) + ", not an array holding " +
               tag.type_name();
      }
      given.push_back(tag.get<std::string>());
      if (given.back().find(',') != std::string::npos) {
        return "\"tags\": tag \"" + given.back() +
               "\" holds a comma (a tag is a name without commas)";
      }
    }
  } else {
    return wrong_type("tags", kExpected, *it);
  }
  for (const std::string& raw : given) {
    std::string tag = normalize_space(raw);
    if (std::string problem = util::check_text(tag); !problem.empty()) {
      return "\"tags\": " + problem;
    }
    if (tag.empty() || std::find(tags.begin(), tags.end(), tag) != tags.end()) continue;
    tags.push_back(std::move(tag));
  }
  return {};
}

// "id": a non-empty string, or an integer written in decimal.
Field id_field(const json& obj) {
  const auto it = obj.find("id");
  if (it == obj.end()) return {std::nullopt, "missing \"id\""};
  if (it->is_number_integer()) return {it->dump(), {}};
  if (it->is_number_float()) {
    return {std::nullopt, "\"id\" must be a string or an integer, not a fractional number"};
  }
  if (!it->is_string()) return {std::nullopt, wrong_type("id", "a string or an integer", *it)};
  Field f = string_field(obj, "id");
  if (f.text && trim(*f.text).empty()) return {std::nullopt, "empty \"id\""};
  return f;
}

// "date", else "published": kept as "YYYY-MM-DD".
Field date_field(const json& obj) {
  Field used;
  for (std::string_view key : {"published", "date"}) {
    Field f = string_field(obj, key);
    if (!f.problem.empty()) return f;
    if (!f.text || trim(*f.text).empty()) continue;
    const std::string_view text = trim(*f.text);
    const auto day = iso_date_part(text);
    if (!day) {
      // A start shaped like a date that the calendar rejects says why.
      const std::string why = date_problem(text.substr(0, 10));
      const std::string detail = why.empty() || why.starts_with("not a date") ? "" : why + "; ";
      return {std::nullopt, "invalid " + in_quotes(key) + " " + in_quotes(*f.text) + " (" + detail +
                                "expected an ISO 8601 date such as 2024-05-28 or "
                                "2024-05-28T09:30:00Z)"};
    }
    used.text = *day;  // "date" is read last, so it wins.
  }
  return used;
}

}  // namespace

std::string to_document(const json& obj, const std::string& where, Document& doc) {
  if (!obj.is_object()) return std::string("not a JSON object (found ") + obj.type_name() + ")";
  Field id = id_field(obj);
  if (!id.problem.empty()) return id.problem;
  Field title = string_field(obj, "title");
  if (!title.problem.empty()) return title.problem;
  Field body = string_field(obj, "body");
  if (!body.problem.empty()) return body.problem;
  Field source = string_field(obj, "source");
  if (!source.problem.empty()) return source.problem;
  Field url = string_field(obj, "url");
  if (!url.problem.empty()) return url.problem;
  Field author = author_field(obj);
  if (!author.problem.empty()) return author.problem;
  Field date = date_field(obj);
  if (!date.problem.empty()) return date.problem;
  std::vector<std::string> tags;
  if (std::string problem = tags_field(obj, tags); !problem.empty()) return problem;

  doc = Document{};
  doc.id = std::move(*id.text);
  doc.title = normalize_space(title.text.value_or(""));
  ParagraphCollector paragraphs;
  if (!doc.title.empty()) paragraphs.mark_headline(doc.title);
  paragraphs.add_lines(body.text.value_or(""));
  doc.paragraphs = paragraphs.take();
  if (doc.title.empty() && doc.paragraphs.empty()) return "no \"title\" or \"body\" text";
  doc.source = normalize_space(source.text.value_or(""));
  doc.url = std::string(trim(url.text.value_or("")));
  doc.author = author.text.value_or("");
  doc.date = date.text.value_or("");
  doc.tags = std::move(tags);
  doc.path = where;
  return {};
}

}  // namespace ingest
}  // namespace sift
