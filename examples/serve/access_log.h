// SPDX-License-Identifier: GPL-2.0-or-later
// The access log: one line per request, to stderr or a file.
//
//   2026-12-03T16:40:00Z 127.0.0.1 "GET /api/search?q=nato" 200 5321 2.104ms
//
// The target is logged as sent (percent-encoded); any byte outside
// printable ASCII, '"' and '\' are written as \xNN, and it is cut at 2,000
// bytes, so a client cannot forge or flood lines.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>

#include "http_server.h"

namespace sift::serve {

/// Thread-safe: lines from several threads never interleave.
class AccessLog {
 public:
  /// `path` "-" is stderr; otherwise the file is appended to.
  /// @throws std::runtime_error if the file cannot be opened.
  explicit AccessLog(const std::string& path);
  ~AccessLog();
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  void write(const RequestRecord& r);

  /// The line write() prints for `r`, without the newline (for tests of the
  /// format, and the README).
  static std::string format(const RequestRecord& r);

 private:
  std::FILE* file_;
  bool owned_;
  std::mutex mutex_;  // one line at a time
};

}  // namespace sift::serve
