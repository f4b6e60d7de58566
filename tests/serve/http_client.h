// SPDX-License-Identifier: GPL-2.0-or-later
// A minimal HTTP/1.1 client over raw loopback sockets, for tests that must
// send exactly the bytes they mean (hostile requests, pipelining) and read
// exactly what comes back.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace sift::testing {

/// One parsed answer.  Header names are lowercase.
struct HttpAnswer {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;
  std::string header(const std::string& lowercase_name) const;
};

/// A TCP connection to 127.0.0.1:port (from `source`, another loopback
/// address, when given).  Closed on destruction.
class Connection {
 public:
  explicit Connection(int port, const std::string& source = "");
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Sends all of `bytes`; false if the server closed the connection.
  bool send(const std::string& bytes);
  /// Reads until the peer closes or `timeout` passes; returns what came.
  std::string read_until_closed(std::chrono::milliseconds timeout);
  /// Reads until `answers` complete answers arrived (or close/timeout).
  std::vector<HttpAnswer> read_answers(std::size_t answers, std::chrono::milliseconds timeout);
  /// True when the server has closed the connection (waits up to `timeout`).
  bool closed_by_server(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  std::string buffered_;
};

/// Splits bytes into complete answers (Content-Length bodies).
std::vector<HttpAnswer> parse_answers(const std::string& bytes);

/// `method` `target` with Host 127.0.0.1:port and `extra_headers` (each
/// "Name: value"), from the loopback address `source` if given; one
/// request on a fresh connection.
/// @throws std::runtime_error when no complete answer comes within 10 s.
HttpAnswer http_get(int port, const std::string& target,
                    const std::vector<std::string>& extra_headers = {},
                    const std::string& method = "GET", const std::string& source = "");

}  // namespace sift::testing
