// SPDX-License-Identifier: GPL-2.0-or-later
// sift-serve: serve a Sift index over HTTP: a JSON API and a search page.
//
//   sift-serve --db DIR [--host 127.0.0.1] [--port 8080] [--threads N] ...
//
// -d, -H, -p, -t are short for --db, --host, --port, --threads; SIFT_DB
// stands for --db.
//
// Prints "sift-serve: serving DIR (N documents) at http://HOST:PORT/" once
// it listens (--port 0 picks a free port), then serves until SIGINT or
// SIGTERM.  The index is opened read-only; commits made meanwhile by
// sift-index are seen by the next request, and an index replaced wholesale
// is reopened.
//
// Exit status: 0 after a signal, 2 usage error, 3 the index cannot be
// opened, 1 anything else (e.g. the port is taken).
#include <fmt/core.h>
#include <pthread.h>
#include <sift/sift.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "access_log.h"
#include "cli_conventions.h"
#include "http_api.h"
#include "http_server.h"
#include "listen_socket.h"
#include "searcher_pool.h"

namespace {

constexpr int kUsageError = 2;
constexpr int kIndexError = 3;

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// Blocks SIGINT and SIGTERM in every thread started after it, so that
// wait() can take them synchronously.
class Signals {
 public:
  Signals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);
  }
  /// Waits up to `timeout` for a signal; true when one came.
  bool wait(std::chrono::milliseconds timeout) {
    const timespec ts{static_cast<time_t>(timeout.count() / 1000),
                      static_cast<long>(timeout.count() % 1000) * 1'000'000};
    return sigtimedwait(&set_, nullptr, &ts) > 0;
  }

 private:
  sigset_t set_;
};

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Serve a Sift index over HTTP: a JSON API and a search page.", "sift-serve"};
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> allowed_hosts;
  std::string access_log_path = "-";
  sift::serve::HttpServer::Options http;
  http.threads = std::max(2u, std::thread::hardware_concurrency());
  double rate = 100, burst = 200;
  sift::serve::Limits limits;
  sift::cli::add_db_option(app, db, "index folder (built by sift-index)")->required();
  app.add_option("-H,--host", host, "address to listen on (loopback unless told otherwise)")
      ->capture_default_str();
  app.add_option("-p,--port", port, "port to listen on; 0 picks a free one")
      ->capture_default_str()
      ->check(sift::cli::whole_number(0, 65535));
  app.add_option("--allow-host", allowed_hosts,
                 "another name clients may use in Host (the --host address and localhost "
                 "always work); repeatable");
  app.add_option("-t,--threads", http.threads, "polling threads, each with its own Searcher")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  app.add_option("--max-connections", http.max_connections, "open connections in total")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  app.add_option("--max-connections-per-ip", http.max_connections_per_ip,
                 "open connections from one client address")
      ->capture_default_str()
      ->check(CLI::Range(1, 60000));
  app.add_option("--idle-timeout", http.idle_timeout_seconds,
                 "seconds a silent connection stays open")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  app.add_option("--rate", rate, "requests per second per client address (0: no limit)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1e6));
  app.add_option("--burst", burst, "requests a client may make at once before --rate applies")
      ->capture_default_str()
      ->check(CLI::Range(1.0, 1e6));
  app.add_option("--max-response-bytes", limits.max_response_bytes,
                 "longest answer; a longer one is a 500")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30));
  app.add_option("--access-log", access_log_path,
                 "file to append one line per request to; - is stderr")
      ->capture_default_str();
  sift::cli::add_version_and_env(app, "sift-serve");
  if (const int done = sift::cli::parse(app, argc, argv, false, kUsageError); done >= 0) {
    return done;
  }

  // Fails early on a bad --db; closed again before the polling threads
  // open their own.
  const std::size_t documents = sift::Searcher(db).status().documents;
  sift::serve::SearcherPool pool(db);

  Signals signals;  // before any thread starts
  sift::serve::AccessLog access_log(access_log_path);
  sift::serve::ServerStats stats;
  const sift::serve::HostPolicy hosts(host, allowed_hosts);
  sift::serve::RateLimiter limiter(rate, burst);

  sift::serve::ListenSocket listener;
  try {
    listener = sift::serve::listen_on(host, port);
  } catch (const std::exception& e) {
    fmt::print(stderr, "sift-serve: {}\n", e.what());
    return 1;
  }
  http.listen_fd = listener.fd;
  sift::serve::HttpServer* server_ref = nullptr;
  const sift::serve::Api api{pool,  limits,
                             hosts, limiter,
                             stats, [&server_ref] { return server_ref->open_connections(); }};
  sift::serve::HttpServer server(
      http, [&api](const sift::serve::HttpRequest& r) { return api.answer(r); },
      [&](const sift::serve::RequestRecord& r) {
        const auto query = r.target.find('?');
        stats.record(std::string_view(r.target).substr(0, query), r.status, r.elapsed);
        access_log.write(r);
      });
  server_ref = &server;

  if (!is_loopback(host)) {
    fmt::print(stderr, "sift-serve: warning: listening on {}, reachable from other machines\n",
               host);
  }
  const std::string url_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  fmt::print("sift-serve: serving {} ({} documents) at http://{}:{}/ with {} threads\n", db,
             documents, url_host, listener.port, http.threads);
  std::fflush(stdout);
  // Once a second, close Searchers left on a replaced index by idle threads.
  while (!signals.wait(std::chrono::seconds(1))) pool.close_stale();
  return 0;
} catch (const sift::Error& e) {
  fmt::print(stderr, "sift-serve: {}\n", e.what());
  if (e.code() == sift::ErrorCode::NotFound) {
    fmt::print(stderr, "sift-serve: build an index first, e.g. sift-index --db DIR corpus/\n");
  }
  return e.code() == sift::ErrorCode::BadInput ? kUsageError : kIndexError;
} catch (const std::exception& e) {
  fmt::print(stderr, "sift-serve: {}\n", e.what());
  return 1;
}
