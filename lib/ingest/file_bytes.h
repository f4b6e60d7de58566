// SPDX-License-Identifier: GPL-2.0-or-later
// Reading a whole file into memory, with a size bound and the OS's reason
// when it cannot be read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

namespace sift::ingest {

/// Reads the regular file at `path` (following symlinks) into `bytes`.
/// Never blocks on a FIFO or device: anything but a regular file is refused.
/// @return an empty string, or the problem: "cannot open: Permission
/// denied", "cannot read: is a folder", "not a regular file", "file is N
/// bytes, over the limit of M bytes (max_file_bytes)".
std::string load_file(const std::filesystem::path& path, std::size_t max_bytes, std::string& bytes);

}  // namespace sift::ingest
