// SPDX-License-Identifier: GPL-2.0-or-later
// Making a file's bytes, or a folder's entries, durable.
#pragma once

#include <filesystem>

namespace sift::util {

/// fsync(2) of the file or folder at `path`: for a file its contents, for a
/// folder its entries (a rename, a creation or a removal in it).  Best
/// effort, never throws: a failure leaves the data to the file system's own
/// schedule, so call it only where every state a crash can leave is still
/// a complete index (a rename of a finished file or folder).
void sync_path(const std::filesystem::path& path) noexcept;

}  // namespace sift::util
