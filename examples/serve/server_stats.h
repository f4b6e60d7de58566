// SPDX-License-Identifier: GPL-2.0-or-later
// Request counts and latency percentiles for GET /stats.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

namespace sift::serve {

/// Lock-free counters, updated by every polling thread.  Latencies go into
/// a log-scale histogram (4 buckets per doubling, so a percentile is
/// reported within 19% of the true value, as the bucket's upper edge).
class ServerStats {
 public:
  ServerStats() : started_(std::chrono::steady_clock::now()) {}

  /// Counts one answered request; `path` (as sent) picks the route.
  void record(std::string_view path, int status, std::chrono::microseconds elapsed);

  /// {uptime_s, requests, by_status{"200":n,...}, by_route{route:{requests,
  /// p50_ms,p90_ms,p99_ms,max_ms}}, all:{...}, open_connections}.
  nlohmann::ordered_json to_json(std::size_t open_connections) const;

 private:
  static constexpr std::size_t kBuckets = 4 * 32;  // up to 2^32 us
  struct Latency {
    std::atomic<std::uint64_t> count{0};
    std::atomic<std::uint64_t> max_us{0};
    std::array<std::atomic<std::uint64_t>, kBuckets> buckets{};
    void add(std::uint64_t us);
    nlohmann::ordered_json to_json() const;
  };
  static constexpr std::array<std::string_view, 7> kRoutes = {
      "search", "suggest", "doc", "healthz", "stats", "page", "other"};

  std::chrono::steady_clock::time_point started_;
  std::array<std::atomic<std::uint64_t>, 600> by_status_{};
  std::array<Latency, kRoutes.size()> by_route_;
  Latency all_;
};

}  // namespace sift::serve
