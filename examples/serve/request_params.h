// SPDX-License-Identifier: GPL-2.0-or-later
// Query-string parameters of the API, checked against the server's caps.
#pragma once

#include <sift/options.h>

#include <cstddef>
#include <string>

namespace httplib {
struct Request;
}

namespace sift::serve {

/// Caps on what one request may ask for; requests over them get 400.
struct Limits {
  std::size_t max_query_bytes = 1000;  ///< Length of q.
  std::size_t max_limit = 100;         ///< Hits per page.
  std::size_t max_offset = 10'000;     ///< offset (so offset + limit is the result window).
  std::size_t max_filters = 8;         ///< filter parameters per request.
  std::size_t max_completions = 10;    ///< Words returned by /api/suggest.
};

/// A checked GET /api/search request.
struct SearchRequest {
  std::string query;
  SearchOptions options;
};

/// Reads q (required, non-blank, at most max_query_bytes), limit (1..
/// max_limit, default 10), offset (0..max_offset), sort (relevance|date),
/// filter (repeatable FIELD:VALUE, FIELD source or date), snippets (1|0|
/// true|false, default 1).
/// @throws ApiError 400 bad_request naming the parameter and the problem.
SearchRequest parse_search_request(const httplib::Request& req, const Limits& limits);

/// q for /api/suggest: may be empty; at most max_query_bytes.
/// @throws ApiError 400 bad_request.
std::string parse_suggest_query(const httplib::Request& req, const Limits& limits);

}  // namespace sift::serve
