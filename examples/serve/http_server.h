// SPDX-License-Identifier: GPL-2.0-or-later
// HttpServer: libmicrohttpd serving one handler function, for untrusted
// clients.
//
// Why libmicrohttpd: it reads requests with non-blocking sockets from a
// few epoll loops, so a connection that is idle or sends a byte a second
// costs a file descriptor and a capped buffer, never a thread; it caps
// connections in total and per client address, the bytes of a request's
// line and headers (an over-long URI gets 414 at once), and idle time; it
// never sends Range or multipart answers; it is a Debian package with a
// long security record.  Boost.Beast would need all of those limits
// written by hand around its async loop.
//
// Threads: `threads` polling threads, each with its own epoll set, accept
// from the one listening socket.  A request is answered inside the
// polling thread that read it; that thread's Searcher is busy for the few
// milliseconds of a search and the thread's other connections wait that
// long.  Handing searches to workers (MHD_suspend_connection) would add a
// cross-thread handoff to every request and buy nothing here: the work is
// CPU-bound and short, slow clients never reach the handler (only a
// complete request does), and the number of polling threads already is
// the number of searches that can run at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct MHD_Daemon;
struct MHD_Connection;

namespace sift::serve {

/// A complete request as read, nothing decoded or checked yet.
struct HttpRequest {
  std::string method;
  std::string raw_path;  ///< As sent (percent-encoded), without the query string.
  /// Query parameters in order; '+' is already a space, %XX escapes are
  /// still there.  A parameter without '=' has an empty value.
  std::vector<std::pair<std::string, std::string>> raw_params;
  std::string client_ip;
  bool has_body = false;  ///< Content-Length > 0 or Transfer-Encoding given.
  /// A request header (the first, if repeated), matched case-insensitively.
  std::function<std::optional<std::string>(const char* name)> header;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

/// What the server did with one request, for the access log and stats.
struct RequestRecord {
  std::string client_ip;
  std::string method;
  std::string target;  ///< Path and query string, as sent.
  int status = 0;      ///< 0 when the client went away before an answer.
  std::size_t body_bytes = 0;
  std::chrono::microseconds elapsed{0};
};

class HttpServer {
 public:
  struct Options {
    int listen_fd = -1;                            ///< Bound, listening; the server closes it.
    std::size_t threads = 4;                       ///< Polling threads.
    std::size_t max_connections = 1000;            ///< Open connections in total.
    std::size_t max_connections_per_ip = 64;       ///< Open connections from one address.
    unsigned idle_timeout_seconds = 10;            ///< Connection closed after this long silent.
    std::size_t request_buffer_bytes = 16 * 1024;  ///< Request line + headers, per connection.
  };
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  using Observer = std::function<void(const RequestRecord&)>;

  /// Starts serving at once.  `handler` runs on the polling threads, several
  /// at a time: it must be thread-safe; an exception from it becomes a 500.
  /// `observer` is called once per request that reached the handler.
  /// @throws std::runtime_error when libmicrohttpd cannot start.
  HttpServer(const Options& options, Handler handler, Observer observer);
  /// Stops accepting, closes every connection, joins the threads.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Connections open now.
  std::size_t open_connections() const;

 private:
  struct Callbacks;
  Handler handler_;
  Observer observer_;
  MHD_Daemon* daemon_ = nullptr;
};

}  // namespace sift::serve
