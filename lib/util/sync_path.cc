// SPDX-License-Identifier: GPL-2.0-or-later
#include "util/sync_path.h"

#include <fcntl.h>
#include <unistd.h>

namespace sift::util {

void sync_path(const std::filesystem::path& path) noexcept {
  // Read-only is enough: Linux syncs a file or folder through any descriptor.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace sift::util
