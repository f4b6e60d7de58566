// SPDX-License-Identifier: GPL-2.0-or-later
// Fuzz target: bytes -> parse_jsonl.
//
// Each input is read twice: with the default ReadOptions and with a
// 64-byte line limit.  parse_jsonl must not throw (the sinks do not);
// every document keeps Document's invariant and has a unique id; every
// rejection names "fuzz.jsonl:LINE" with a line that exists (or the file
// alone, for an empty file) and a reason; no line gives more than one
// outcome.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <set>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sift/error.h"
#include "sift/ingest.h"

namespace {

using sift::fuzz::check;

constexpr std::string_view kPath = "fuzz.jsonl";

// The 1-based line number of "fuzz.jsonl:N", or 0 when `input` is not that.
std::size_t line_of(std::string_view input) {
  if (!input.starts_with(kPath) || input.size() < kPath.size() + 2 || input[kPath.size()] != ':') {
    return 0;
  }
  std::size_t n = 0;
  for (char c : input.substr(kPath.size() + 1)) {
    if (c < '0' || c > '9' || n > 1'000'000'000) return 0;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

void read_once(std::string_view bytes, const sift::ReadOptions& options) {
  const std::size_t lines =
      static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
  std::set<std::string> ids;
  std::size_t outcomes = 0;
  bool whole_file_rejected = false;
  const auto emit = [&](sift::Document&& doc) {
    sift::fuzz::check_document(doc);
    const std::size_t line = line_of(doc.path);
    check(line >= 1 && line <= lines, "document path names no line of the input: " + doc.path);
    check(ids.insert(doc.id).second, "id '" + doc.id + "' emitted twice");
    ++outcomes;
  };
  const auto reject = [&](const sift::Rejection& r) {
    check(!r.reason.empty(), "rejection without a reason: " + r.input);
    if (r.input == kPath) {
      whole_file_rejected = true;
    } else {
      const std::size_t line = line_of(r.input);
      check(line >= 1 && line <= lines, "rejection names no line of the input: " + r.message());
    }
    ++outcomes;
  };
  try {
    sift::parse_jsonl(bytes, std::string(kPath), emit, reject, options);
  } catch (const std::exception& e) {
    sift::fuzz::fail(std::string("parse_jsonl threw: ") + e.what());
  }
  check(outcomes <= lines, "more outcomes than lines");
  check(!whole_file_rejected || outcomes == 1, "an empty file also gave documents");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  read_once(bytes, sift::ReadOptions{});
  sift::ReadOptions tiny;
  tiny.max_line_bytes = 64;
  read_once(bytes, tiny);
  return 0;
}
