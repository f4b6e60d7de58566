// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/commit_watch.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

#include "index/format/files.h"

namespace sift::search {

CommitWatch::CommitWatch(const std::vector<ShardSpec>& specs) {
  for (const ShardSpec& spec : specs) {
    std::error_code ec;
    if (spec.remote() || !std::filesystem::is_directory(spec.path, ec)) {
      watchable_ = false;
      return;
    }
    files_.push_back({spec.path / format::kVersionFile});
  }
  watchable_ = !files_.empty();
}

CommitWatch::~CommitWatch() {
  release();
}

void CommitWatch::release() noexcept {
  for (Watched& w : files_) {
    if (w.fd >= 0) ::close(w.fd);
    w.fd = -1;
  }
}

bool CommitWatch::changed() const {
  if (!watchable_) return true;
  for (const Watched& w : files_) {
    struct stat now;
    if (w.fd < 0 || ::stat(w.file.c_str(), &now) != 0) return true;
    if (now.st_dev != w.device || now.st_ino != w.inode) return true;
  }
  return false;
}

void CommitWatch::mark() {
  if (!watchable_) return;
  release();
  for (Watched& w : files_) {
    // Held open, the file keeps its inode number from being reused, so a
    // later version file cannot look like this one.
    w.fd = ::open(w.file.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat held;
    if (w.fd >= 0 && ::fstat(w.fd, &held) == 0) {
      w.device = held.st_dev;
      w.inode = held.st_ino;
    } else if (w.fd >= 0) {
      ::close(w.fd);
      w.fd = -1;  // changed() stays true: reopen every time, as before.
    }
  }
}

}  // namespace sift::search
