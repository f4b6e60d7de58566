// SPDX-License-Identifier: GPL-2.0-or-later
// JSONL: one document per line, each bad line rejected on its own.

#include <algorithm>
#include <istream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ingest/iso_date.h"
#include "ingest/json_document.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"
#include "sift/ingest.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace sift {
namespace ingest {
namespace {

using nlohmann::json;

bool is_json_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (!is_json_space(c)) return false;
  }
  return true;
}

}  // namespace

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

namespace {

std::string line_too_long(std::size_t bytes, const ReadOptions& options) {
  return "line is " + std::to_string(bytes) + " bytes, over the limit of " +
         std::to_string(options.max_line_bytes) + " bytes (max_line_bytes)";
}

// Reads one non-blank line.  @return the problem, or empty.
std::string read_line(std::string_view line, const std::string& where, const ReadOptions& options,
                      Document& doc) {
  if (line.size() > options.max_line_bytes) return line_too_long(line.size(), options);
  // nlohmann would reject bad UTF-8 too, but not name the byte this way.
  if (std::string problem = util::check_text(line); !problem.empty()) return problem;
  if (nested_deeper_than(line, kMaxJsonDepth)) {
    return "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels";
  }
  json obj;
  try {
    obj = json::parse(line);
  } catch (const json::parse_error& e) {
    return parse_problem(e);
  } catch (const json::exception& e) {
    return json_problem(e);  // one bad line, not a bad file
  }
  return to_document(obj, where, doc);
}

// Reads line `line_number` (1-based, already without its line end) and
// emits the document or rejects the line.
void read_numbered_line(std::string_view line, std::size_t line_number, const std::string& path,
                        const DocumentSink& emit, const RejectionSink& reject,
                        const ReadOptions& options, IdRegistry& ids) {
  if (line.ends_with('\r')) line.remove_suffix(1);
  if (is_blank(line)) return;
  const std::string where = path + ":" + std::to_string(line_number);
  Document doc;
  // The document's path is its line, as a rejection would name it.
  if (std::string problem = read_line(line, where, options, doc); !problem.empty()) {
    reject({where, problem});
    return;
  }
  if (!claim_id(doc.id, where, ids, reject)) return;
  emit(std::move(doc));
}

}  // namespace

bool claim_id(const std::string& id, const std::string& where, IdRegistry& ids,
              const RejectionSink& reject) {
  if (const auto [it, fresh] = ids.emplace(id, where); !fresh) {
    reject({where, "duplicate id " + in_quotes(id) + " (first read from " + it->second + ")"});
    return false;
  }
  return true;
}

void read_jsonl(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                const RejectionSink& reject, const ReadOptions& options, IdRegistry& ids) {
  bytes = strip_bom(bytes);
  if (is_blank(bytes)) {
    reject({path, "empty file"});
    return;
  }
  std::size_t line_number = 0;
  while (!bytes.empty()) {
    ++line_number;
    const std::size_t end = bytes.find('\n');
    const std::string_view line = bytes.substr(0, end);
    bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 1);
    read_numbered_line(line, line_number, path, emit, reject, options, ids);
  }
}

void read_jsonl_stream(std::istream& in, const std::string& name, const DocumentSink& emit,
                       const RejectionSink& reject, const ReadOptions& options) {
  IdRegistry ids;
  std::string line;
  std::size_t line_number = 0;
  bool any = false;
  for (;;) {
    // One line, kept to max_line_bytes + 1 bytes: the rest of a longer line
    // is skipped unread, so a huge line cannot take the memory.
    line.clear();
    std::size_t length = 0;
    int c = 0;
    while ((c = in.get()) != std::char_traits<char>::eof() && c != '\n') {
      if (length++ <= options.max_line_bytes) line.push_back(static_cast<char>(c));
    }
    if (c == std::char_traits<char>::eof() && length == 0) break;
    ++line_number;
    std::string_view text = line;
    if (line_number == 1) text = strip_bom(text);
    if (!is_blank(text)) any = true;
    if (length > options.max_line_bytes) {
      reject({name + ":" + std::to_string(line_number), line_too_long(length, options)});
    } else {
      read_numbered_line(text, line_number, name, emit, reject, options, ids);
    }
    if (c == std::char_traits<char>::eof()) break;
  }
  if (in.bad()) reject({name, "read error"});
  if (!any && !in.bad()) reject({name, "no input (empty)"});
}

}  // namespace ingest

void parse_jsonl(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                 const RejectionSink& reject, const ReadOptions& options) {
  util::guarded("reading " + path, [&] {
    ingest::IdRegistry ids;
    ingest::read_jsonl(bytes, path, emit, reject, options, ids);
  });
}

void read_jsonl_stream(std::istream& in, const std::string& name, const DocumentSink& emit,
                       const RejectionSink& reject, const ReadOptions& options) {
  util::guarded("reading " + name,
                [&] { ingest::read_jsonl_stream(in, name, emit, reject, options); });
}

}  // namespace sift
