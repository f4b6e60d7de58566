// SPDX-License-Identifier: GPL-2.0-or-later
#include "http_api.h"

#include <fmt/core.h>

#include <cstdio>
#include <functional>
#include <string>

#include "api_error.h"
#include "assets.h"
#include "results_json.h"

namespace sift::serve {
namespace {

using Json = nlohmann::ordered_json;
using JsonHandler = std::function<Json(const httplib::Request&)>;

// Scripts, styles and data only from this server; no framing, no plugins.
constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

constexpr const char* kJsonType = "application/json; charset=utf-8";

void send_error(httplib::Response& res, const ApiError& e) {
  res.status = e.status();
  res.set_content(examples::dump_json(e.body()), kJsonType);
  if (e.status() >= 500) std::fprintf(stderr, "sift-serve: %d %s\n", e.status(), e.what());
}

// Runs `f` and sends its JSON, or the error it threw as JSON.
httplib::Server::Handler json_route(JsonHandler f) {
  return [f = std::move(f)](const httplib::Request& req, httplib::Response& res) {
    try {
      res.set_content(examples::dump_json(f(req)), kJsonType);
    } catch (const ApiError& e) {
      send_error(res, e);
    } catch (const Error& e) {
      send_error(res, ApiError::from(e));
    } catch (const std::exception& e) {
      std::fprintf(stderr, "sift-serve: %s %s: %s\n", req.method.c_str(), req.path.c_str(),
                   e.what());
      send_error(res, {500, "internal", "internal error; the server log has the details"});
    }
  };
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

Json search(SearcherPool& pool, const Limits& limits, const httplib::Request& req) {
  const SearchRequest sr = parse_search_request(req, limits);
  const Results r =
      pool.with_searcher([&](Searcher& searcher) { return searcher.search(sr.query, sr.options); });
  return examples::results_to_json(r);
}

Json document(SearcherPool& pool, const httplib::Request& req) {
  const std::string id = req.matches[1];
  const auto doc = pool.with_searcher([&](Searcher& searcher) { return searcher.document(id); });
  if (!doc) throw ApiError(404, "not_found", fmt::format("no document with id '{}'", id));
  std::string text;
  for (const auto& p : doc->paragraphs) text += (text.empty() ? "" : "\n") + p;
  return {{"id", doc->id},         {"title", doc->title},   {"date", doc->date},
          {"source", doc->source}, {"author", doc->author}, {"url", doc->url},
          {"path", doc->path},     {"text", text}};
}

Json suggest(SearcherPool& pool, const Limits& limits, const httplib::Request& req) {
  const std::string q = parse_suggest_query(req, limits);
  const std::string word = last_word(q);
  return pool.with_searcher([&](Searcher& searcher) {
    Json completions = Json::array();
    for (const auto& c : searcher.complete(word, limits.max_completions)) {
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

Json health(SearcherPool& pool) {
  const IndexStatus s = pool.with_searcher([](Searcher& searcher) { return searcher.status(); });
  return {{"status", "ok"},
          {"documents", s.documents},
          {"revision", s.revision},
          {"last_commit", s.last_commit ? Json(*s.last_commit) : Json(nullptr)}};
}

}  // namespace

void install_api(httplib::Server& server, SearcherPool& pool, const Limits& limits) {
  server.set_default_headers({{"Content-Security-Policy", kContentSecurityPolicy},
                              {"X-Content-Type-Options", "nosniff"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Cache-Control", "no-store"}});

  server.set_payload_max_length(64 * 1024);  // GET only: no request needs a body
  // Answers go out at once: without this, Nagle's algorithm and delayed ACKs
  // add ~40 ms to every keep-alive request.
  server.set_tcp_nodelay(true);

  server.Get("/api/search", json_route([&](const auto& req) { return search(pool, limits, req); }));
  server.Get(R"(/api/doc/(.+))", json_route([&](const auto& req) { return document(pool, req); }));
  server.Get("/api/suggest",
             json_route([&](const auto& req) { return suggest(pool, limits, req); }));
  server.Get("/healthz", json_route([&](const auto&) { return health(pool); }));

  for (const Asset& asset : assets()) {
    server.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& res) {
      res.set_content(asset.body.data(), asset.body.size(),
                      std::string(asset.content_type).c_str());
    });
  }

  // Anything else (unknown path or method, a request httplib rejected) is
  // answered in JSON too, unless a route already wrote its own error.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const int status = res.status;
        const ApiError e =
            status == 404 ? ApiError(404, "not_found", fmt::format("no such page: {}", req.path))
                          : ApiError(status, "bad_request",
                                     fmt::format("the request was rejected (HTTP {})", status));
        res.set_content(examples::dump_json(e.body()), kJsonType);
        return httplib::Server::HandlerResponse::Handled;
      }));
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send_error(res, {500, "internal", "internal error; the server log has the details"});
      });
}

}  // namespace sift::serve
