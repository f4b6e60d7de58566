// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/index_swap.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "index/format/layout.h"
#include "sift/error.h"
#include "util/sync_path.h"

namespace sift::index {
namespace {

namespace fs = std::filesystem;

// A metadata key written only while the new database's revision is raised,
// deleted by the last of those commits.
constexpr const char* kMetaRevisionStep = "sift:revision_step";

std::string system_error_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

}  // namespace

fs::path work_folder(const fs::path& index) {
  // Beside the folder itself when `index` is a symbolic link to it.
  std::error_code ec;
  fs::path real = fs::canonical(index, ec);
  if (ec) real = fs::absolute(index, ec).lexically_normal();
  if (real.filename().empty()) real = real.parent_path();  // "dir/" -> "dir"
  return real.parent_path() / ("." + real.filename().string() + ".sift-work");
}

void remove_work_folder(const fs::path& index) {
  const fs::path work = work_folder(index);
  std::error_code ec;
  fs::remove_all(work, ec);
  if (ec) {
    throw Error(ErrorCode::IO, index.string() + ": cannot remove the unfinished work folder " +
                                   work.string() + ": " + ec.message());
  }
}

BoundFolder::BoundFolder(const fs::path& folder)
    : fd_(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (fd_ < 0) {
    throw Error(ErrorCode::IO,
                folder.string() + ": cannot open the folder: " + system_error_text(errno));
  }
}

BoundFolder::~BoundFolder() {
  if (fd_ >= 0) ::close(fd_);
}

BoundFolder::BoundFolder(BoundFolder&& other) noexcept : fd_(other.fd_) {
  other.fd_ = -1;
}

BoundFolder& BoundFolder::operator=(BoundFolder&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

fs::path BoundFolder::path() const {
  return fs::path("/proc/self/fd") / std::to_string(fd_);
}

Xapian::WritableDatabase install(Xapian::WritableDatabase& old, const fs::path& index,
                                 const fs::path& fresh, BoundFolder& bound,
                                 const std::string& last_commit) {
  bound = BoundFolder(fresh);
  const std::string through = bound.path().string();
  const Xapian::rev old_revision = old.get_revision();
  {
    // The compactor commits its output as revision 1; every commit adds 1.
    // Without fsync: only the last commit below must be durable, and it
    // syncs the table these commits wrote.
    Xapian::WritableDatabase steps(through, Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
    for (Xapian::rev r = steps.get_revision(); r < old_revision; ++r) {
      steps.set_metadata(kMetaRevisionStep, std::to_string(r));
      steps.commit();
    }
    steps.close();
  }
  Xapian::WritableDatabase db(through, Xapian::DB_OPEN);
  db.set_metadata(kMetaRevisionStep, "");
  db.set_metadata(std::string(format::kMetaLastCommit), last_commit);
  db.commit();
  if (::renameat2(AT_FDCWD, index.c_str(), AT_FDCWD, fresh.c_str(), RENAME_EXCHANGE) != 0) {
    const int error = errno;
    db.close();
    throw Error(ErrorCode::IO, index.string() + ": cannot put the new index in place of the old (" +
                                   system_error_text(error) + ")");
  }
  util::sync_path(index.parent_path().empty() ? fs::path(".") : index.parent_path());
  util::sync_path(fresh.parent_path());
  return db;
}

}  // namespace sift::index
