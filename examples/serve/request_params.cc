// SPDX-License-Identifier: GPL-2.0-or-later
#include "request_params.h"

#include <fmt/core.h>
#include <httplib.h>

#include <algorithm>
#include <charconv>

#include "api_error.h"

namespace sift::serve {
namespace {

ApiError bad(const std::string& message) {
  return {400, "bad_request", message};
}

std::size_t number_param(const httplib::Request& req, const char* name, std::size_t fallback,
                         std::size_t min, std::size_t max) {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  std::size_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec == std::errc::invalid_argument || end != text.data() + text.size()) {
    throw bad(fmt::format("{} must be a whole number, not '{}'", name, text));
  }
  if (ec == std::errc::result_out_of_range || value < min || value > max) {
    throw bad(fmt::format("{} must be between {} and {}, not {}", name, min, max, text));
  }
  return value;
}

std::string query_param(const httplib::Request& req, const Limits& limits) {
  std::string q = req.get_param_value("q");
  if (q.size() > limits.max_query_bytes) {
    throw bad(fmt::format("the query is {} bytes long; the limit is {}", q.size(),
                          limits.max_query_bytes));
  }
  return q;
}

bool flag_param(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  const std::string v = req.get_param_value(name);
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  throw bad(fmt::format("{} must be 1, 0, true or false, not '{}'", name, v));
}

}  // namespace

SearchRequest parse_search_request(const httplib::Request& req, const Limits& limits) {
  SearchRequest out;
  out.query = query_param(req, limits);
  if (std::all_of(out.query.begin(), out.query.end(), [](unsigned char c) { return c <= ' '; })) {
    throw bad("q is missing: give a query, e.g. /api/search?q=nato");
  }
  out.options.limit = number_param(req, "limit", 10, 1, limits.max_limit);
  out.options.offset = number_param(req, "offset", 0, 0, limits.max_offset);

  const std::string sort = req.has_param("sort") ? req.get_param_value("sort") : "relevance";
  if (sort == "date") {
    out.options.sort = SortOrder::Date;
  } else if (sort != "relevance") {
    throw bad(fmt::format("sort must be relevance or date, not '{}'", sort));
  }

  const std::size_t filters = req.get_param_value_count("filter");
  if (filters > limits.max_filters) {
    throw bad(fmt::format("{} filters given; the limit is {}", filters, limits.max_filters));
  }
  for (std::size_t i = 0; i < filters; ++i) {
    const std::string f = req.get_param_value("filter", i);
    const auto colon = f.find(':');
    const std::string field = f.substr(0, colon);
    if (colon == std::string::npos || (field != "source" && field != "date")) {
      throw bad(fmt::format(
          "filter '{}' is not source:NAME or date:FROM..TO (YYYY-MM-DD, either end optional)", f));
    }
    out.options.filters.push_back({field, f.substr(colon + 1)});
  }
  out.options.snippets = flag_param(req, "snippets", true);
  return out;
}

std::string parse_suggest_query(const httplib::Request& req, const Limits& limits) {
  return query_param(req, limits);
}

}  // namespace sift::serve
