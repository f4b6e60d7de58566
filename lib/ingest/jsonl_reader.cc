// SPDX-License-Identifier: GPL-2.0-or-later
// JSONL: one document per line, each bad line rejected on its own.

#include <istream>
#include <nlohmann/json.hpp>
#include <string>

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
    reject({where, "duplicate id \"" + id + "\" (first read from " + it->second + ")"});
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
