// Readers: bytes on disk -> sift::Document.
//
// Invalid-UTF-8 policy (the same everywhere in Sift): a document whose bytes
// are not valid UTF-8, or that contains NUL bytes, is rejected whole with a
// message naming the file (and line) and the byte offset of the first bad
// byte.  Nothing is silently repaired or dropped.  A UTF-8 byte-order mark
// at the start of a file is accepted and removed; CRLF line ends are read as
// LF.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"
#include "sift/export.h"

namespace sift {

/// An input that could not be read as a document.
struct Rejection {
  std::string input;   ///< The file, with ":LINE" for a JSONL line.
  std::string reason;  ///< What is wrong, e.g. "invalid UTF-8 at byte 812".
  /// "input: reason", the one-line message shown to people.
  std::string message() const { return input + ": " + reason; }
};

/// Options for reading files and folders.
struct ReadOptions {
  /// File extensions read when walking a folder (with the dot, lower case).
  std::vector<std::string> extensions = {".txt", ".jsonl"};
  /// Files larger than this are rejected (a bound on memory per document).
  std::size_t max_file_bytes = 64u << 20;
  /// Longest JSONL line accepted; longer lines are rejected, not truncated.
  std::size_t max_line_bytes = 16u << 20;
  /// A first line longer than this (in characters) is not a headline.
  std::size_t max_headline_chars = 200;
  /// A title made from the first sentence is cut at a word boundary near this.
  std::size_t max_title_chars = 120;
};

/// Called for each document read.  The document may be moved from.
using DocumentSink = std::function<void(Document&&)>;
/// Called for each input that could not be read.
using RejectionSink = std::function<void(const Rejection&)>;

/// Parses one plain-text article.  The first line is the title when it reads
/// like a headline (short, not ending in a sentence period); otherwise the
/// title is the first sentence, cut at a word boundary.  Each non-empty line
/// is a paragraph; a paragraph repeated within the article (including a
/// repeated headline) is kept once.
/// @param bytes the file's contents; @param id the document id; @param path
/// recorded in Document::path and used in messages.
/// @throws sift::Error(BadInput) naming `path` for empty, binary (NUL bytes)
/// or invalid UTF-8 input.
SIFT_EXPORT Document parse_text_article(std::string_view bytes, std::string id,
                                        const std::string& path, const ReadOptions& options = {});

/// Parses JSONL: one JSON object per line with "id", "title", "body" (text,
/// paragraphs separated by newlines) and optional "source", "url", "author",
/// "date" (ISO 8601; the date part is kept).  Blank lines are skipped.  A bad
/// line is reported to `reject` as "path:LINE" and the rest are still read.
SIFT_EXPORT void parse_jsonl(std::string_view bytes, const std::string& path,
                             const DocumentSink& emit, const RejectionSink& reject,
                             const ReadOptions& options = {});

/// Reads a file or walks a folder (recursively, in sorted order, by
/// extension) and emits every document.  A .txt file's id is its file name
/// without extension; its source is the name of the folder it is in.
/// Unreadable, empty or invalid files go to `reject`; reading continues.
/// @throws sift::Error(NotFound) if `path` does not exist.
SIFT_EXPORT void read_path(const std::filesystem::path& path, const DocumentSink& emit,
                           const RejectionSink& reject, const ReadOptions& options = {});

}  // namespace sift
