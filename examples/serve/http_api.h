// SPDX-License-Identifier: GPL-2.0-or-later
// The HTTP routes of sift-serve: the JSON API and the embedded page.
//
//   GET /api/search?q=&limit=&offset=&sort=&filter=&snippets=
//                          the object `sift-search --json` prints
//   GET /api/doc/{id}      the stored article
//   GET /api/suggest?q=    completions for the last word, and a spelling fix
//   GET /healthz           document count and last commit
//   GET /, /page.css, /page.js   the search page
//
// Every response carries a Content-Security-Policy; every error is JSON
// (see api_error.h).  Nothing is ever served from the disk.
#pragma once

#include <httplib.h>

#include "request_params.h"
#include "searcher_pool.h"

namespace sift::serve {

/// Installs the routes, the error and exception handlers and the default
/// headers on `server`.  `pool` and `limits` must outlive the server.
void install_api(httplib::Server& server, SearcherPool& pool, const Limits& limits);

}  // namespace sift::serve
