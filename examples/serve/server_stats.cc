// SPDX-License-Identifier: GPL-2.0-or-later
#include "server_stats.h"

#include <bit>
#include <cmath>
#include <string>

namespace sift::serve {
namespace {

// Bucket i holds latencies up to 2^(i/4) microseconds.
std::size_t bucket_of(std::uint64_t us, std::size_t buckets) {
  if (us <= 1) return 0;
  const std::size_t b = static_cast<std::size_t>(std::ceil(4 * std::log2(double(us))));
  return b < buckets ? b : buckets - 1;
}

double bucket_upper_ms(std::size_t b) {
  return std::pow(2.0, b / 4.0) / 1000.0;
}

std::size_t route_of(std::string_view path) {
  if (path == "/api/search") return 0;
  if (path == "/api/suggest") return 1;
  if (path.starts_with("/api/doc/")) return 2;
  if (path == "/healthz") return 3;
  if (path == "/stats") return 4;
  if (path == "/" || path == "/page.js" || path == "/page.css") return 5;
  return 6;
}

double round3(double v) {
  return std::round(v * 1000) / 1000;
}

}  // namespace

void ServerStats::Latency::add(std::uint64_t us) {
  count.fetch_add(1, std::memory_order_relaxed);
  buckets[bucket_of(us, kBuckets)].fetch_add(1, std::memory_order_relaxed);
  std::uint64_t seen = max_us.load(std::memory_order_relaxed);
  while (us > seen && !max_us.compare_exchange_weak(seen, us, std::memory_order_relaxed)) {
  }
}

nlohmann::ordered_json ServerStats::Latency::to_json() const {
  std::array<std::uint64_t, kBuckets> snapshot;
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) n += snapshot[i] = buckets[i].load();
  nlohmann::ordered_json out = {{"requests", n}};
  for (const auto& [name, q] : {std::pair{"p50_ms", 0.50}, {"p90_ms", 0.90}, {"p99_ms", 0.99}}) {
    double value = 0;
    if (n > 0) {
      const auto rank = static_cast<std::uint64_t>(std::ceil(q * double(n)));
      std::uint64_t seen = 0;
      for (std::size_t i = 0; i < kBuckets; ++i) {
        seen += snapshot[i];
        if (seen >= rank) {
          value = bucket_upper_ms(i);
          break;
        }
      }
    }
    out[name] = round3(std::min(value, double(max_us.load()) / 1000.0));
  }
  out["max_ms"] = round3(double(max_us.load()) / 1000.0);
  return out;
}

void ServerStats::record(std::string_view path, int status, std::chrono::microseconds elapsed) {
  if (status >= 0 && status < static_cast<int>(by_status_.size())) {
    by_status_[static_cast<std::size_t>(status)].fetch_add(1, std::memory_order_relaxed);
  }
  const auto us = static_cast<std::uint64_t>(elapsed.count());
  by_route_[route_of(path)].add(us);
  all_.add(us);
}

nlohmann::ordered_json ServerStats::to_json(std::size_t open_connections) const {
  nlohmann::ordered_json statuses = nlohmann::ordered_json::object();
  for (std::size_t s = 0; s < by_status_.size(); ++s) {
    if (const auto n = by_status_[s].load()) statuses[std::to_string(s)] = n;
  }
  nlohmann::ordered_json routes = nlohmann::ordered_json::object();
  for (std::size_t r = 0; r < kRoutes.size(); ++r) {
    if (by_route_[r].count.load() > 0) routes[std::string(kRoutes[r])] = by_route_[r].to_json();
  }
  const double uptime =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  return {{"uptime_s", round3(uptime)},
          {"open_connections", open_connections},
          {"all", all_.to_json()},
          {"by_route", routes},
          {"by_status", statuses}};
}

}  // namespace sift::serve
