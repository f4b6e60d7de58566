// SPDX-License-Identifier: GPL-2.0-or-later
#include "ingest/file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace sift::ingest {
namespace {

std::string os_reason(int err) {
  return std::system_category().message(err);
}

std::string too_big(std::size_t size, std::size_t max_bytes, bool at_least) {
  return "file is " + std::string(at_least ? "more than " : "") + std::to_string(size) +
         " bytes, over the limit of " + std::to_string(max_bytes) + " bytes (max_file_bytes)";
}

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

std::string load_file(const std::filesystem::path& path, std::size_t max_bytes,
                      std::string& bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return "cannot open: " + os_reason(errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return "cannot read: " + os_reason(errno);
  if (S_ISDIR(st.st_mode)) return "cannot read: is a folder";
  if (!S_ISREG(st.st_mode)) return "not a regular file";
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size > max_bytes) return too_big(size, max_bytes, false);

  // Read to the end rather than trusting st_size: the file may grow, and
  // some files (in /proc) report size 0.
  bytes.clear();
  bytes.reserve(size);
  char buffer[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      return "cannot read: " + os_reason(errno);
    }
    if (bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
      return too_big(max_bytes, max_bytes, true);
    }
    bytes.append(buffer, static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace sift::ingest
