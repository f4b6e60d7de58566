// SPDX-License-Identifier: GPL-2.0-or-later
#include "request_params.h"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>

#include "api_error.h"
#include "url_text.h"

namespace sift::serve {
namespace {

ApiError bad(const std::string& message) {
  return {400, "bad_request", message};
}

// Decodes one name or value; `what` names it in the error.
std::string decode_checked(std::string_view raw, const std::string& what) {
  const auto text = percent_decode(raw);
  if (!text) throw bad(fmt::format("{} has a malformed %-escape", what));
  if (const auto problem = text_problem(*text)) throw bad(fmt::format("{} {}", what, *problem));
  return *text;
}

std::size_t number_param(const Params& p, const char* name, std::size_t fallback, std::size_t min,
                         std::size_t max) {
  if (!p.has(name)) return fallback;
  const std::string text = p.get(name);
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

std::string query_param(const Params& p, const Limits& limits) {
  std::string q = p.get("q");
  if (q.size() > limits.max_query_bytes) {
    throw bad(fmt::format("the query is {} bytes long; the limit is {}", q.size(),
                          limits.max_query_bytes));
  }
  return q;
}

bool flag_param(const Params& p, const char* name, bool fallback) {
  if (!p.has(name)) return fallback;
  const std::string v = p.get(name);
  if (v == "1" || v == "true") return true;
  if (v == "0" || v == "false") return false;
  throw bad(fmt::format("{} must be 1, 0, true or false, not '{}'", name, v));
}

}  // namespace

Params::Params(const std::vector<std::pair<std::string, std::string>>& raw, std::string_view route,
               std::initializer_list<std::string_view> known,
               std::initializer_list<std::string_view> repeatable, const Limits& limits) {
  if (raw.size() > limits.max_params) {
    throw bad(fmt::format("{} parameters given; the limit is {}", raw.size(), limits.max_params));
  }
  for (const auto& [raw_name, raw_value] : raw) {
    const std::string name = decode_checked(raw_name, "a parameter name");
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      std::string names;
      for (const auto k : known) names += (names.empty() ? "" : ", ") + std::string(k);
      throw bad(fmt::format("unknown parameter '{}' for {}; it takes {}", name, route,
                            names.empty() ? std::string("none") : names));
    }
    if (has(name) && std::find(repeatable.begin(), repeatable.end(), name) == repeatable.end()) {
      throw bad(fmt::format("{} is given more than once", name));
    }
    values_.emplace_back(name, decode_checked(raw_value, "parameter " + name));
  }
}

bool Params::has(std::string_view name) const {
  return std::any_of(values_.begin(), values_.end(),
                     [&](const auto& v) { return v.first == name; });
}

std::string Params::get(std::string_view name, std::string fallback) const {
  for (const auto& [k, v] : values_) {
    if (k == name) return v;
  }
  return fallback;
}

std::vector<std::string> Params::all(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [k, v] : values_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::string decode_path_part(std::string_view raw, std::string_view what) {
  return decode_checked(raw, std::string(what));
}

SearchRequest parse_search_request(const Params& p, const Limits& limits) {
  SearchRequest out;
  out.query = query_param(p, limits);
  if (std::all_of(out.query.begin(), out.query.end(), [](unsigned char c) { return c <= ' '; })) {
    throw bad("q is missing: give a query, e.g. /api/search?q=nato");
  }
  out.options.limit = number_param(p, "limit", 10, 1, limits.max_limit);
  out.options.offset = number_param(p, "offset", 0, 0, limits.max_offset);

  const std::string sort = p.get("sort", "relevance");
  if (sort == "date") {
    out.options.sort = SortOrder::Date;
  } else if (sort != "relevance") {
    throw bad(fmt::format("sort must be relevance or date, not '{}'", sort));
  }

  const std::vector<std::string> filters = p.all("filter");
  if (filters.size() > limits.max_filters) {
    throw bad(fmt::format("{} filters given; the limit is {}", filters.size(), limits.max_filters));
  }
  // The field is checked by the library (one list of fields, one message):
  // an unknown one is a 400 bad_query.
  for (const std::string& f : filters) {
    const auto colon = f.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw bad(
          fmt::format("filter '{}' is not FIELD:VALUE (source:NAME, author:NAME, tags:NAME or "
                      "date:FROM..TO with YYYY-MM-DD ends, either optional)",
                      f));
    }
    out.options.filters.push_back({f.substr(0, colon), f.substr(colon + 1)});
  }
  out.options.snippets = flag_param(p, "snippets", true);
  out.prefix = flag_param(p, "prefix", false);
  out.options.auto_correct = !flag_param(p, "as_typed", false);
  out.facet_choices = flag_param(p, "facet_choices", false);
  return out;
}

std::string parse_suggest_query(const Params& p, const Limits& limits) {
  return query_param(p, limits);
}

}  // namespace sift::serve
