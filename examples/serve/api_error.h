// SPDX-License-Identifier: GPL-2.0-or-later
// ApiError: an HTTP error answer.  Every error the server sends is JSON,
//   {"error": {"status": 400, "code": "bad_query", "message": "..."}}
// with the matching HTTP status; never an HTML page or a stack trace.
#pragma once

#include <sift/error.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace sift::serve {

class ApiError : public std::runtime_error {
 public:
  /// `code` is a stable machine name: bad_request, bad_query, not_found,
  /// index_unavailable, internal.  `message` is a sentence for people.
  ApiError(int status, std::string code, const std::string& message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}

  int status() const noexcept { return status_; }
  const std::string& code() const noexcept { return code_; }

  /// The JSON body described above.
  nlohmann::ordered_json body() const;

  /// Maps a library error: BadQuery -> 400 bad_query, BadInput -> 400
  /// bad_request, NotFound/Corrupt/IO/Locked/Network -> 503
  /// index_unavailable, anything else -> 500 internal.
  static ApiError from(const Error& e);

 private:
  int status_;
  std::string code_;
};

}  // namespace sift::serve
