// SPDX-License-Identifier: GPL-2.0-or-later
// The HTTP routes of sift-serve: the JSON API and the embedded page.
//
//   GET /api/search?q=&limit=&offset=&sort=&filter=&snippets=&prefix=&facet_choices=
//                          the object `sift-search --json` prints; prefix=1
//                          adds "prefix": {word, completions} (the last word
//                          stood for its completions), facet_choices=1 adds
//                          "facet_choices", a copy of the (multi-select)
//                          "facets"
//   GET /api/doc/{id}      the stored article
//   GET /api/suggest?q=    completions for the last word, and a spelling fix
//   GET /healthz           document count and last commit
//   GET /stats             request counts and latency percentiles
//   GET /, /page.css, /page.js   the search page
//
// Before any route: the method (GET or HEAD), Host and Origin
// (request_guard.h), the client's request rate, no request body.  Every
// answer carries a Content-Security-Policy; every error is JSON (see
// api_error.h).  Nothing is ever served from the disk.
#pragma once

#include <functional>

#include "http_server.h"
#include "request_guard.h"
#include "request_params.h"
#include "searcher_pool.h"
#include "server_stats.h"

namespace sift::serve {

/// What the routes use; everything must outlive the server.
struct Api {
  SearcherPool& pool;
  const Limits& limits;
  const HostPolicy& hosts;
  RateLimiter& rate;
  const ServerStats& stats;
  std::function<std::size_t()> open_connections;

  /// Answers one request.  Thread-safe (called by every polling thread).
  HttpResponse answer(const HttpRequest& request) const;
};

}  // namespace sift::serve
