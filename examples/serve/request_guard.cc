// SPDX-License-Identifier: GPL-2.0-or-later
#include "request_guard.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

namespace sift::serve {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "name", "name:port", "[v6]", "[v6]:port" -> the name, lowercase, IPv6
// without brackets; nullopt when malformed.
std::optional<std::string> host_name(const std::string& host) {
  if (host.empty()) return std::nullopt;
  std::string name = host;
  std::string port;
  if (host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string::npos) return std::nullopt;
    name = host.substr(1, close - 1);
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return std::nullopt;
      port = host.substr(close + 2);
    }
  } else if (const auto colon = host.rfind(':'); colon != std::string::npos) {
    name = host.substr(0, colon);
    port = host.substr(colon + 1);
    if (name.find(':') != std::string::npos) return std::nullopt;  // bare IPv6
  }
  if (!std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  if (name.empty()) return std::nullopt;
  return lower(name);
}

}  // namespace

HostPolicy::HostPolicy(const std::string& bound_host, std::vector<std::string> allowed) {
  allowed.push_back(bound_host);
  allowed.push_back("localhost");
  for (auto& a : allowed) {
    std::string name = lower(a);
    if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
      name = name.substr(1, name.size() - 2);
    }
    names_.push_back(name);
  }
}

bool HostPolicy::allows(std::string name) const {
  name = lower(name);
  if (name.size() > 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  return std::find(names_.begin(), names_.end(), name) != names_.end();
}

void HostPolicy::check(const HttpRequest& request) const {
  const auto host = request.header("Host");
  const auto name = host ? host_name(*host) : std::nullopt;
  if (!name || !allows(*name)) {
    throw ApiError(421, "bad_host",
                   fmt::format("this server does not answer to Host '{}'; start it with "
                               "--allow-host NAME to add a name",
                               host ? *host : std::string("(none)")));
  }
  const auto origin = request.header("Origin");
  if (!origin) return;
  std::optional<std::string> origin_name;
  for (const char* scheme : {"http://", "https://"}) {
    if (origin->starts_with(scheme)) origin_name = host_name(origin->substr(std::strlen(scheme)));
  }
  if (!origin_name || !allows(*origin_name)) {
    throw ApiError(
        403, "cross_origin",
        fmt::format("requests from pages of other sites are refused (Origin '{}')", *origin));
  }
}

std::optional<int> RateLimiter::take(const std::string& client) {
  if (rate_ <= 0) return std::nullopt;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(mutex_);
  // Forget clients whose buckets are full again, so the map stays small.
  if (buckets_.size() > 10'000) {
    std::erase_if(buckets_, [&](const auto& entry) {
      const double idle = std::chrono::duration<double>(now - entry.second.last).count();
      return entry.second.tokens + idle * rate_ >= burst_;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{burst_, now});
  Bucket& b = it->second;
  const double idle = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(burst_, b.tokens + idle * rate_);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  return static_cast<int>(std::ceil((1 - b.tokens) / rate_));
}

}  // namespace sift::serve
