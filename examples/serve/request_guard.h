// SPDX-License-Identifier: GPL-2.0-or-later
// Who may ask: the Host and Origin checks that stop DNS rebinding and
// cross-site reads, and the per-client request rate.
//
// CORS policy: none.  sift-serve never sends Access-Control-Allow-* headers,
// answers OPTIONS (a preflight) with 405, and refuses any request whose
// Origin is not one of its own names, so only its own page can read it.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "api_error.h"
#include "http_server.h"

namespace sift::serve {

/// The names this server answers to.  Immutable after construction, so
/// thread-safe.
class HostPolicy {
 public:
  /// `bound_host` is --host; `allowed` the --allow-host names.  localhost
  /// is always allowed.
  HostPolicy(const std::string& bound_host, std::vector<std::string> allowed);

  /// @throws ApiError 421 bad_host when Host is missing or names another
  /// server; 403 cross_origin when Origin is present and is not
  /// http(s)://one-of-our-names[:port].
  void check(const HttpRequest& request) const;

  /// Whether `name` (without port; IPv6 in brackets or not) is ours.
  bool allows(std::string name) const;

 private:
  std::vector<std::string> names_;  // lowercase, IPv6 without brackets
};

/// A token bucket per client address: `rate` requests a second on
/// average, bursts of up to `burst`.  Thread-safe.
class RateLimiter {
 public:
  /// rate 0 turns the limit off.
  RateLimiter(double rate, double burst) : rate_(rate), burst_(burst) {}

  /// Takes one token for `client`.  @return nullopt when allowed, or the
  /// whole seconds to wait (for Retry-After) when over the rate.
  std::optional<int> take(const std::string& client);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  double rate_, burst_;
  std::mutex mutex_;  // guards buckets_
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace sift::serve
