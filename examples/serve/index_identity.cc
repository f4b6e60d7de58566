// SPDX-License-Identifier: GPL-2.0-or-later
#include "index_identity.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstring>

namespace sift::serve {

std::optional<IndexIdentity> identify_index(const std::filesystem::path& folder) {
  struct stat st {};
  if (::stat(folder.c_str(), &st) != 0) return std::nullopt;
  IndexIdentity id;
  id.entries.emplace_back("", st.st_dev, st.st_ino);
  if (!S_ISDIR(st.st_mode)) return id;
  DIR* dir = ::opendir(folder.c_str());
  if (!dir) return std::nullopt;
  while (const dirent* e = ::readdir(dir)) {
    const char* name = e->d_name;
    if (!std::strcmp(name, ".") || !std::strcmp(name, "..") || !std::strcmp(name, "flintlock") ||
        !std::strncmp(name, "iamglass", 8)) {
      continue;
    }
    struct stat entry {};
    if (::fstatat(::dirfd(dir), name, &entry, AT_SYMLINK_NOFOLLOW) != 0) continue;
    id.entries.emplace_back(name, entry.st_dev, entry.st_ino);
  }
  ::closedir(dir);
  std::sort(id.entries.begin(), id.entries.end());
  return id;
}

}  // namespace sift::serve
