// SPDX-License-Identifier: GPL-2.0-or-later
#include "http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace sift::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Parses one answer at the start of `bytes`; returns its length, 0 if
// incomplete.
std::size_t parse_one(const std::string& bytes, HttpAnswer& out) {
  const auto end = bytes.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  out = {};
  std::size_t line_end = bytes.find("\r\n");
  const std::string status_line = bytes.substr(0, line_end);
  if (status_line.size() < 12) return 0;
  out.status = std::stoi(status_line.substr(9, 3));
  std::size_t pos = line_end + 2;
  while (pos < end) {
    line_end = bytes.find("\r\n", pos);
    const std::string line = bytes.substr(pos, line_end - pos);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      out.headers[lower(line.substr(0, colon))] = value;
    }
    pos = line_end + 2;
  }
  const std::size_t length =
      out.headers.count("content-length") ? std::stoul(out.headers["content-length"]) : 0;
  if (bytes.size() < end + 4 + length) return 0;
  out.body = bytes.substr(end + 4, length);
  return end + 4 + length;
}

}  // namespace

std::string HttpAnswer::header(const std::string& name) const {
  const auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

std::vector<HttpAnswer> parse_answers(const std::string& bytes) {
  std::vector<HttpAnswer> out;
  std::size_t pos = 0;
  for (;;) {
    HttpAnswer a;
    const std::size_t n = parse_one(bytes.substr(pos), a);
    if (n == 0) break;
    out.push_back(std::move(a));
    pos += n;
  }
  return out;
}

Connection::Connection(int port, const std::string& source) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error("socket failed");
  if (!source.empty()) {
    sockaddr_in from{};
    from.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.c_str(), &from.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot bind to " + source);
    }
  }
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot connect to port " + std::to_string(port));
  }
}

Connection::~Connection() {
  if (fd_ >= 0) ::close(fd_);
}

bool Connection::send(const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

std::string Connection::read_until_closed(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string out = std::move(buffered_);
  buffered_.clear();
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) break;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  return out;
}

std::vector<HttpAnswer> Connection::read_answers(std::size_t answers,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    auto parsed = parse_answers(buffered_);
    if (parsed.size() >= answers) return parsed;
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return parsed;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return parsed;
    char buf[16384];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return parsed;
    buffered_.append(buf, static_cast<std::size_t>(n));
  }
}

bool Connection::closed_by_server(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0) return false;
  char c;
  return ::recv(fd_, &c, 1, MSG_PEEK) <= 0;
}

HttpAnswer http_get(int port, const std::string& target,
                    const std::vector<std::string>& extra_headers, const std::string& method,
                    const std::string& source) {
  Connection c(port, source);
  // Host is ours unless the caller gives one (or an empty "Host:" line to
  // send none at all).
  std::string request = method + " " + target + " HTTP/1.1\r\n";
  bool has_host = false;
  for (const auto& h : extra_headers) has_host = has_host || lower(h).starts_with("host:");
  if (!has_host) request += "Host: 127.0.0.1:" + std::to_string(port) + "\r\n";
  request += "Connection: close\r\n";
  for (const auto& h : extra_headers) {
    if (h != "Host:") request += h + "\r\n";
  }
  c.send(request + "\r\n");
  const auto answers = c.read_answers(1, std::chrono::seconds(10));
  if (answers.empty()) throw std::runtime_error("no answer for " + target);
  return answers.front();
}

}  // namespace sift::testing
