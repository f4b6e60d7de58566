// SPDX-License-Identifier: GPL-2.0-or-later
// sift-serve: serve a Sift index over HTTP: a JSON API and a search page.
//
//   sift-serve --db DIR [--host 127.0.0.1] [--port 8080] [--threads N]
//
// -d, -H, -p, -t are short for --db, --host, --port, --threads; SIFT_DB
// stands for --db.
//
// Prints "sift-serve: serving DIR (N documents) at http://HOST:PORT/" once
// it listens (--port 0 picks a free port), then serves until SIGINT or
// SIGTERM.  The index is opened read-only; commits made meanwhile by
// sift-index are seen by the next request.
//
// Exit status: 0 after a signal, 2 usage error, 3 the index cannot be
// opened, 1 anything else (e.g. the port is taken).
#include <fmt/core.h>
#include <httplib.h>
#include <pthread.h>
#include <sift/sift.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <string>
#include <thread>

#include "cli_conventions.h"
#include "http_api.h"
#include "listen_backlog.h"
#include "searcher_pool.h"

namespace {

constexpr int kUsageError = 2;
constexpr int kIndexError = 3;

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

// Waits for SIGINT or SIGTERM (blocked in every thread) and stops the
// server.  Signals are taken synchronously, so stop() never runs inside a
// signal handler.
class SignalStopper {
 public:
  explicit SignalStopper(httplib::Server& server) {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, nullptr);  // inherited by every later thread
    thread_ = std::thread([this, &server] {
      int sig = 0;
      sigwait(&set_, &sig);
      server.stop();
    });
  }
  ~SignalStopper() {
    pthread_kill(thread_.native_handle(), SIGTERM);  // wakes it if still waiting
    thread_.join();
  }

 private:
  sigset_t set_;
  std::thread thread_;
};

}  // namespace

int main(int argc, char** argv) try {
  CLI::App app{"Serve a Sift index over HTTP: a JSON API and a search page.", "sift-serve"};
  std::string db;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::size_t threads = std::max(4u, std::thread::hardware_concurrency());
  sift::cli::add_db_option(app, db, "index folder (built by sift-index)")->required();
  app.add_option("-H,--host", host, "address to listen on (loopback unless told otherwise)")
      ->capture_default_str();
  app.add_option("-p,--port", port, "port to listen on; 0 picks a free one")
      ->capture_default_str()
      ->check(sift::cli::whole_number(0, 65535));
  app.add_option("-t,--threads", threads, "worker threads, each with its own Searcher")
      ->capture_default_str()
      ->check(sift::cli::whole_number(1, 256));
  sift::cli::add_version_and_env(app, "sift-serve");
  if (const int done = sift::cli::parse(app, argc, argv, false, kUsageError); done >= 0) {
    return done;
  }

  sift::serve::SearcherPool pool(db);
  const std::size_t documents = pool.local().status().documents;  // fails early on a bad --db
  pool.discard_local();

  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  sift::serve::Limits limits;
  sift::serve::install_api(server, pool, limits);

  SignalStopper stopper(server);
  const int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound < 0) {
    fmt::print(stderr, "sift-serve: cannot listen on {}:{} (in use, or not this machine's)\n", host,
               port);
    return 1;
  }
  if (!sift::serve::widen_listen_backlog(bound)) {
    fmt::print(stderr,
               "sift-serve: warning: could not widen the listen backlog; "
               "expect slow connects under load\n");
  }
  if (!is_loopback(host)) {
    fmt::print(stderr, "sift-serve: warning: listening on {}, reachable from other machines\n",
               host);
  }
  const std::string url_host = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  fmt::print("sift-serve: serving {} ({} documents) at http://{}:{}/ with {} threads\n", db,
             documents, url_host, bound, threads);
  std::fflush(stdout);
  server.listen_after_bind();
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
