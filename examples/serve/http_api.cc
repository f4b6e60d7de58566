// SPDX-License-Identifier: GPL-2.0-or-later
#include "http_api.h"

#include <fmt/core.h>

#include <cstdio>
#include <string>

#include "api_error.h"
#include "assets.h"
#include "results_json.h"

namespace sift::serve {
namespace {

using Json = nlohmann::ordered_json;

// Scripts, styles and data only from this server; no framing, no plugins.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

constexpr const char* kJsonType = "application/json; charset=utf-8";

HttpResponse with_headers(HttpResponse res) {
  for (const auto& [name, value] : {std::pair{"Content-Security-Policy", kContentSecurityPolicy},
                                    {"X-Content-Type-Options", "nosniff"},
                                    {"X-Frame-Options", "DENY"},
                                    {"Referrer-Policy", "no-referrer"},
                                    {"Cache-Control", "no-store"}}) {
    res.headers.emplace_back(name, value);
  }
  return res;
}

HttpResponse json_answer(int status, const Json& body) {
  return with_headers({status, kJsonType, examples::dump_json(body), {}});
}

HttpResponse error_answer(const ApiError& e) {
  if (e.status() >= 500) std::fprintf(stderr, "sift-serve: %d %s\n", e.status(), e.what());
  HttpResponse res = json_answer(e.status(), e.body());
  if (e.status() == 405) res.headers.emplace_back("Allow", "GET, HEAD");
  return res;
}

// The word being typed: what follows the last space, quote, bracket or
// field colon; empty when the query ends in one of them.
std::string last_word(const std::string& q) {
  const auto cut = q.find_last_of(" \t\n\"():");
  std::string word = cut == std::string::npos ? q : q.substr(cut + 1);
  while (!word.empty() && (word.front() == '-' || word.front() == '+')) word.erase(0, 1);
  if (word.find('*') != std::string::npos) return {};
  return word;
}

// The index's most common words that start the query's last word, when it
// is a plain word being typed (not inside a phrase, not a field value, not
// excluded), for the page to show ("ukr" also finds ukraine, ...).  The
// search itself expands it (SearchOptions::partial_last_word).
void prefix_completions(Searcher& searcher, const std::string& q, const Limits& limits,
                        std::vector<std::string>& completed) {
  const auto cut = q.find_last_of(" \t\n\"():");
  const std::string tail = cut == std::string::npos ? q : q.substr(cut + 1);
  const bool in_phrase = std::count(q.begin(), q.end(), '"') % 2 == 1;
  const bool field_value = cut != std::string::npos && q[cut] == ':';
  if (tail.empty() || in_phrase || field_value || tail.front() == '-' ||
      tail.find_first_of("*=~") != std::string::npos) {
    return;
  }
  for (const auto& c : searcher.complete(tail, limits.prefix_completions)) {
    completed.push_back(c.word);
  }
}

Json search(const Api& api, const Params& params) {
  const SearchRequest sr = parse_search_request(params, api.limits);
  return api.pool.with_searcher([&](Searcher& searcher) {
    std::vector<std::string> completed;
    if (sr.prefix) prefix_completions(searcher, sr.query, api.limits, completed);
    const std::string& query = sr.query;
    SearchOptions options = sr.options;
    options.partial_last_word = sr.prefix;
    const Results r = searcher.search(query, options);
    Json out = examples::results_to_json(r);
    out["query"] = sr.query;
    if (sr.prefix) out["prefix"] = {{"word", last_word(sr.query)}, {"completions", completed}};
    // The library's facets are multi-select already (each field counted
    // without its own filters); facet_choices stays for older pages.
    if (sr.facet_choices) out["facet_choices"] = out["facets"];
    return out;
  });
}

Json document(const Api& api, const std::string& id) {
  const auto doc = api.pool.with_searcher([&](Searcher& s) { return s.document(id); });
  if (!doc) throw ApiError(404, "not_found", fmt::format("no document with id '{}'", id));
  std::string text;
  for (const auto& p : doc->paragraphs) text += (text.empty() ? "" : "\n") + p;
  return {{"id", doc->id},         {"title", doc->title},
          {"date", doc->date},     {"source", doc->source},
          {"author", doc->author}, {"url", doc->url},
          {"path", doc->path},     {"keywords", examples::keywords_to_json(doc->keywords)},
          {"text", text}};
}

Json suggest(const Api& api, const Params& params) {
  const std::string q = parse_suggest_query(params, api.limits);
  const std::string word = last_word(q);
  return api.pool.with_searcher([&](Searcher& searcher) {
    Json completions = Json::array();
    for (const auto& c : searcher.complete(word, api.limits.max_completions)) {
      completions.push_back({{"word", c.word}, {"documents", c.documents}});
    }
    Json suggestion = nullptr;
    if (q.find_first_not_of(" \t\n") != std::string::npos) {
      SearchOptions options;
      options.limit = 0;
      options.snippets = false;
      options.facets = false;
      try {
        if (auto s = searcher.search(q, options).suggestion) suggestion = *s;
      } catch (const Error& e) {
        if (e.code() != ErrorCode::BadQuery) throw;  // half-typed queries may not parse
      }
    }
    return Json{
        {"query", q}, {"word", word}, {"completions", completions}, {"suggestion", suggestion}};
  });
}

Json health(const Api& api) {
  const IndexStatus s =
      api.pool.with_searcher([](Searcher& searcher) { return searcher.status(); });
  return {{"status", "ok"},
          {"documents", s.documents},
          {"revision", s.revision},
          {"last_commit", s.last_commit ? Json(*s.last_commit) : Json(nullptr)}};
}

HttpResponse route(const Api& api, const HttpRequest& req) {
  const Limits& limits = api.limits;
  const std::string& path = req.raw_path;
  const auto params = [&](std::initializer_list<std::string_view> known,
                          std::initializer_list<std::string_view> repeatable = {}) {
    return Params(req.raw_params, path, known, repeatable, limits);
  };
  if (path == "/api/search") {
    return json_answer(200, search(api, params({"q", "limit", "offset", "sort", "filter",
                                                "snippets", "prefix", "as_typed", "facet_choices"},
                                               {"filter"})));
  }
  if (path == "/api/suggest") return json_answer(200, suggest(api, params({"q"})));
  if (path == "/healthz") {
    params({});
    return json_answer(200, health(api));
  }
  if (path == "/stats") {
    params({});
    Json stats = api.stats.to_json(api.open_connections());
    stats["open_searchers"] = api.pool.open_searchers();
    return json_answer(200, stats);
  }
  if (path.starts_with("/api/doc/") && path.size() > 9) {
    params({});
    return json_answer(200, document(api, decode_path_part(path.substr(9), "the document id")));
  }
  for (const Asset& asset : assets()) {
    if (path == asset.path) {
      // The page keeps its state in its address (page.js readUrl()).
      if (path == "/") {
        params({"q", "sort", "filter", "page", "doc"}, {"filter"});
      } else {
        params({});
      }
      return with_headers({200, std::string(asset.content_type), std::string(asset.body), {}});
    }
  }
  const std::string shown = decode_path_part(path, "the path");
  throw ApiError(404, "not_found", fmt::format("no such page: {}", shown));
}

}  // namespace

HttpResponse Api::answer(const HttpRequest& req) const {
  try {
    if (req.method != "GET" && req.method != "HEAD") {
      throw ApiError(
          405, "method_not_allowed",
          fmt::format("{} is not allowed; this server only answers GET and HEAD", req.method));
    }
    hosts.check(req);
    if (const auto wait = rate.take(req.client_ip)) {
      HttpResponse res = error_answer(
          {429, "too_many_requests",
           fmt::format("too many requests from {}; try again in {} s", req.client_ip, *wait)});
      res.headers.emplace_back("Retry-After", std::to_string(*wait));
      return res;
    }
    if (req.has_body) {
      throw ApiError(413, "body_not_allowed", "requests to this server carry no body");
    }
    HttpResponse res = route(*this, req);
    if (res.body.size() > limits.max_response_bytes) {
      throw ApiError(500, "response_too_large",
                     fmt::format("the answer would be {} bytes; the limit is {}", res.body.size(),
                                 limits.max_response_bytes));
    }
    return res;
  } catch (const ApiError& e) {
    return error_answer(e);
  } catch (const Error& e) {
    return error_answer(ApiError::from(e));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sift-serve: %s %s: %s\n", req.method.c_str(), req.raw_path.c_str(),
                 e.what());
    return error_answer({500, "internal", "internal error; the server log has the details"});
  }
}

}  // namespace sift::serve
