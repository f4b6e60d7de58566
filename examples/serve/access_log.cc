// SPDX-License-Identifier: GPL-2.0-or-later
#include "access_log.h"

#include <fmt/chrono.h>
#include <fmt/core.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

namespace sift::serve {

AccessLog::AccessLog(const std::string& path)
    : file_(path == "-" ? stderr : std::fopen(path.c_str(), "a")), owned_(path != "-") {
  if (!file_) {
    throw std::runtime_error(
        fmt::format("cannot open the access log {}: {}", path, std::strerror(errno)));
  }
}

AccessLog::~AccessLog() {
  if (owned_) std::fclose(file_);
}

std::string AccessLog::format(const RequestRecord& r) {
  constexpr std::size_t kMaxTarget = 2000;
  std::string target;
  for (std::size_t i = 0; i < r.target.size() && i < kMaxTarget; ++i) {
    const unsigned char c = static_cast<unsigned char>(r.target[i]);
    if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
      target += fmt::format("\\x{:02x}", c);
    } else {
      target += static_cast<char>(c);
    }
  }
  if (r.target.size() > kMaxTarget) target += "...";
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z {} \"{} {}\" {} {} {:.3f}ms", now, r.client_ip,
                     r.method, target, r.status, r.body_bytes, r.elapsed.count() / 1000.0);
}

void AccessLog::write(const RequestRecord& r) {
  const std::string line = format(r) + "\n";
  std::lock_guard lock(mutex_);
  std::fwrite(line.data(), 1, line.size(), file_);
  std::fflush(file_);
}

}  // namespace sift::serve
