// SPDX-License-Identifier: GPL-2.0-or-later
#include "api_error.h"

namespace sift::serve {

nlohmann::ordered_json ApiError::body() const {
  return {{"error", {{"status", status_}, {"code", code_}, {"message", what()}}}};
}

ApiError ApiError::from(const Error& e) {
  switch (e.code()) {
    case ErrorCode::BadQuery:
      return {400, "bad_query", e.what()};
    case ErrorCode::BadInput:
      return {400, "bad_request", e.what()};
    case ErrorCode::NotFound:
    case ErrorCode::Corrupt:
    case ErrorCode::IO:
    case ErrorCode::Locked:
    case ErrorCode::Network:
      return {503, "index_unavailable", std::string("the index is unavailable: ") + e.what()};
    case ErrorCode::Unsupported:
    case ErrorCode::Internal:
      break;
  }
  return {500, "internal", e.what()};
}

}  // namespace sift::serve
