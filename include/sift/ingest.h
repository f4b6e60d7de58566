// SPDX-License-Identifier: GPL-2.0-or-later
// Readers: bytes on disk -> sift::Document.
//
// Invalid-UTF-8 policy (the same everywhere in Sift): a document whose bytes
// are not valid UTF-8, or that contains NUL bytes, is rejected whole with a
// message naming the file (and line) and the byte offset of the first bad
// byte.  Nothing is silently repaired or dropped.  A UTF-8 byte-order mark
// at the start of a file is accepted and removed; CRLF line ends are read as
// LF.  Byte offsets are 0-based and count from the start of the file (BOM
// included) for a text file, from the start of the line for a JSONL line.
//
// Ids are unique within one parse_jsonl or read_path call: a later document
// with an id already read is rejected ("duplicate id "x" (first read from
// a.jsonl:3)"), because the first was already emitted.
//
// Thread-safety: the readers share no state; call them from any thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "sift/export.h"

namespace sift {

/// An input that could not be read as a document.
struct Rejection {
  std::string input;   ///< The file, with ":LINE" for a JSONL line, "[INDEX]" for a JSON element.
  std::string reason;  ///< What is wrong, e.g. "invalid UTF-8 at byte 812".
  /// "input: reason", the one-line message shown to people.
  std::string message() const { return input + ": " + reason; }
};

/// Options for reading files and folders.
struct ReadOptions {
  /// File extensions read when walking a folder (with the dot, lower case).
  std::vector<std::string> extensions = {".txt", ".jsonl", ".ndjson", ".json"};
  /// Files larger than this are rejected (a bound on memory per document).
  std::size_t max_file_bytes = 64u << 20;
  /// Longest JSONL line accepted; longer lines are rejected, not truncated.
  std::size_t max_line_bytes = 16u << 20;
  /// A first line longer than this (in characters) is not a headline.
  std::size_t max_headline_chars = 200;
  /// A title made from the first sentence is cut at a word boundary so that
  /// it has at most this many characters, the "…" added at the cut included.
  std::size_t max_title_chars = 120;
  /// File names skipped when walking a folder: data kept beside the
  /// articles that is not an article (corpus/synonyms.txt).  A file named
  /// explicitly is always read.
  std::vector<std::string> skip_names = {"synonyms.txt"};
};

/// Called for each document read.  The document may be moved from.
using DocumentSink = std::function<void(Document&&)>;
/// Called for each input that could not be read.
using RejectionSink = std::function<void(const Rejection&)>;

/// Parses one plain-text article.  The first non-blank line is the title
/// when it reads like a headline: it has a letter, at most
/// max_headline_chars characters, and does not end (before closing quotes or
/// brackets) in '.', '…', ',', ';' or ':'; a headline may end in '?' or '!'.
/// A headline is not repeated as a paragraph.  Otherwise the first line is
/// the first paragraph, and the title is its first sentence without a final
/// period, cut at a word boundary to max_title_chars with "…" added, and
/// Document::title_derived is set (that title is not weighted as a title
/// in ranking).  Each
/// non-empty line is a paragraph, trimmed (LF, CRLF, CR, VT, FF, U+0085,
/// U+2028, U+2029 end lines); a paragraph repeated within the article,
/// compared with white space normalized, is kept once, and so is dropped
/// when it repeats the headline.
/// @param bytes the file's contents; @param id the document id; @param path
/// recorded in Document::path and used in messages.
/// @throws sift::Error(BadInput) naming `path` for empty, binary (NUL bytes)
/// or invalid UTF-8 input.
SIFT_EXPORT Document parse_text_article(std::string_view bytes, std::string id,
                                        const std::string& path, const ReadOptions& options = {});

/// Parses JSONL: one JSON object per line with "id" (a non-empty string, or
/// an integer), "title" and "body" (strings, at least one non-empty; body
/// paragraphs are its lines, de-duplicated as in parse_text_article) and
/// optional "source", "url", "author" (a string or an array of strings,
/// joined by ", "), "tags" (an array of strings or one comma-separated
/// string), "date" or "published" (ISO 8601; the date part
/// "YYYY-MM-DD" is kept; "date" wins when both are given).  A null field is
/// absent; other fields are ignored.  Each document's path is "path:LINE"
/// (1-based), so a hit names its line.  Blank lines are skipped; a last line
/// without '\n' is read.  A bad line is reported to `reject` as
/// "path:LINE" (1-based) and the rest are still read: not valid JSON (with
/// the byte offset), not an object, nested deeper than 64 levels, longer
/// than max_line_bytes, invalid UTF-8 or NUL bytes, a missing or wrongly
/// typed field, an invalid date, a duplicate id.  An empty file is rejected.
/// @throws sift::Error only if a sink throws (other exceptions are mapped).
SIFT_EXPORT void parse_jsonl(std::string_view bytes, const std::string& path,
                             const DocumentSink& emit, const RejectionSink& reject,
                             const ReadOptions& options = {});

/// Parses a JSON array of document objects (a .json file): each element
/// is read as one parse_jsonl line (its path is "path[INDEX]"), and a bad
/// element is reported to `reject` as "path[INDEX]" (0-based, as jq counts) while the rest are
/// still read.  The file is rejected whole when it is empty, not valid
/// UTF-8, not valid JSON (with the byte offset), nested deeper than 64
/// levels inside the array, or not an array.
/// @throws sift::Error only if a sink throws (other exceptions are mapped).
SIFT_EXPORT void parse_json_array(std::string_view bytes, const std::string& path,
                                  const DocumentSink& emit, const RejectionSink& reject,
                                  const ReadOptions& options = {});

/// Reads JSONL from a stream (standard input) line by line, as
/// parse_jsonl reads bytes, without holding more than one line: a line
/// longer than max_line_bytes is skipped unread and rejected.  `name`
/// stands for the file in messages ("-:3").  A stream with no document
/// line is rejected ("no input (empty)"); a read error is rejected too.
/// @throws sift::Error only if a sink throws.
SIFT_EXPORT void read_jsonl_stream(std::istream& in, const std::string& name,
                                   const DocumentSink& emit, const RejectionSink& reject,
                                   const ReadOptions& options = {});

/// Reads a file or walks a folder (recursively, in sorted order, by
/// extension) and emits every document.  A .txt file's id is its file name
/// without extension; its source is the name of the folder it is in; its
/// path is the file's path as given or as found by the walk.  The walk
/// visits each folder's entries in byte order of their names, depth first;
/// it reads files whose lower-cased extension is in options.extensions,
/// skips names starting with '.' and options.skip_names, and does not
/// follow symlinks to folders (a symlink to a file is read).  A file named
/// explicitly is read by its extension (.txt; .jsonl or .ndjson, JSON
/// lines; .json, an array; any other is rejected).  Unreadable (with the OS's reason), too large,
/// empty or invalid files go to `reject`; reading continues.
/// @throws sift::Error(NotFound) "PATH: no such file or directory" if
/// `path` does not exist; sift::Error(IO) if it cannot be examined.
SIFT_EXPORT void read_path(const std::filesystem::path& path, const DocumentSink& emit,
                           const RejectionSink& reject, const ReadOptions& options = {});

}  // namespace sift
