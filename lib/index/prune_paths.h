// SPDX-License-Identifier: GPL-2.0-or-later
// Path comparison for pruning: which stored documents came from the folders
// being indexed.  Shared by IndexWriter and ShardedIndexWriter.
#pragma once

#include <filesystem>
#include <string_view>

namespace sift::index {

/// `path` made absolute and normal, without a trailing separator, so paths
/// given in different spellings compare equal.
std::filesystem::path comparable_path(const std::filesystem::path& path);

/// The file a stored Document::path was read from: the path without the
/// ":LINE" or "[INDEX]" a JSON reader adds, when what precedes it names a
/// .jsonl, .ndjson or .json file; otherwise `stored` itself (a text
/// article's file, whose name may end in anything).
std::filesystem::path source_file(std::string_view stored);

/// True if `path` is `root` or lies under it (both comparable_path forms).
bool is_under(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace sift::index
