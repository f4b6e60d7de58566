// SPDX-License-Identifier: GPL-2.0-or-later
// Path comparison for pruning: which stored documents came from the folders
// being indexed, for PathWalk's prune verdicts.
#pragma once

#include <filesystem>
#include <string_view>

namespace sift::index {

/// The one spelling of a source path, used for Document::path in the index
/// and for every comparison when pruning, so `root/./`, `root/sub/..`,
/// `root/` and a symbolic link to `root` all give the same paths.
///
/// A folder (or a path ending in `.`, `..` or a separator) is resolved
/// whole with std::filesystem::weakly_canonical: symbolic links followed,
/// `..` taken physically (after links, as the OS does), the part that does
/// not exist normalized lexically.  For a file only its folder is resolved
/// that way and its own name kept, so a symbolic link to a file keeps the
/// link's name (the walk reads it under that name).  Not lexically_normal()
/// alone: it would take `link/..` to the link's folder instead of its
/// target's parent, and would not make a symlinked root and its target equal.
std::filesystem::path source_path(const std::filesystem::path& path);

/// The file a stored Document::path was read from: the path without the
/// ":LINE" or "[INDEX]" a JSON reader adds, when what precedes it names a
/// .jsonl, .ndjson or .json file; otherwise `stored` itself (a text
/// article's file, whose name may end in anything).
std::filesystem::path source_file(std::string_view stored);

/// True if `path` is `root` or lies under it (both source_path forms).
bool is_under(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace sift::index
