// SPDX-License-Identifier: GPL-2.0-or-later
// Query-string parameters of the API: decoded, checked once, and read.
#pragma once

#include <sift/options.h>

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sift::serve {

/// Caps on what one request may ask for; requests over them get 400.
struct Limits {
  std::size_t max_query_bytes = 1000;        ///< Length of q.
  std::size_t max_limit = 100;               ///< Hits per page.
  std::size_t max_offset = 10'000;           ///< offset (so offset + limit is the result window).
  std::size_t max_filters = 8;               ///< filter parameters per request.
  std::size_t max_completions = 10;          ///< Words returned by /api/suggest.
  std::size_t prefix_completions = 8;        ///< Words the typed prefix stands for (prefix=1).
  std::size_t max_params = 32;               ///< Query-string parameters per request.
  std::size_t max_response_bytes = 4 << 20;  ///< A longer answer is a 500 instead.
};

/// A route's query string after the one check every parameter passes:
/// each name and value percent-decodes cleanly to valid UTF-8 without NUL,
/// the name is one the route knows, and only repeatable names repeat.
class Params {
 public:
  /// @throws ApiError 400 bad_request naming the parameter and the problem.
  Params(const std::vector<std::pair<std::string, std::string>>& raw, std::string_view route,
         std::initializer_list<std::string_view> known,
         std::initializer_list<std::string_view> repeatable, const Limits& limits);

  bool has(std::string_view name) const;
  /// The value, or `fallback` when absent.
  std::string get(std::string_view name, std::string fallback = "") const;
  std::vector<std::string> all(std::string_view name) const;

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

/// Decodes and checks a path segment (a document id) like a parameter.
/// @throws ApiError 400 bad_request.
std::string decode_path_part(std::string_view raw, std::string_view what);

/// A checked GET /api/search request.
struct SearchRequest {
  std::string query;
  SearchOptions options;       ///< With every filter given.
  bool prefix = false;         ///< The last word is a prefix being typed.
  bool facet_choices = false;  ///< Add facet counts for multi-select (see http_api.h).
};

/// Reads q (required, non-blank, at most max_query_bytes), limit (1..
/// max_limit, default 10), offset (0..max_offset), sort (relevance|date),
/// filter (repeatable FIELD:VALUE, FIELD source, author, tags or date; values of one
/// field are ORed, fields ANDed), snippets, prefix and facet_choices
/// (1|0|true|false, default 1, 0, 0).  @throws ApiError 400 naming the parameter.
SearchRequest parse_search_request(const Params& params, const Limits& limits);

/// q for /api/suggest: may be empty; at most max_query_bytes.
/// @throws ApiError 400 bad_request.
std::string parse_suggest_query(const Params& params, const Limits& limits);

}  // namespace sift::serve
