// SPDX-License-Identifier: GPL-2.0-or-later
// The documents of one index_paths() or add_all() run: each document once
// per id (the first wins), rejections collected, progress reported.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "sift/index_writer.h"
#include "sift/ingest.h"

namespace sift::index {

/// One run over the inputs.  Counts read bytes and rejections into the
/// report it was given.
class PathWalk {
 public:
  explicit PathWalk(IndexReport& report) : report_(report) {}

  /// Reads every file under `paths` (read_path) and calls `add` with each
  /// document whose id was not seen before in this walk; a later document
  /// with a seen id is rejected as a duplicate.  When `add` throws
  /// sift::Error(BadInput) the document is rejected with that message; any
  /// other error stops the walk and is rethrown.  A path that does not
  /// exist is rejected ("no such file or folder").
  void run(const std::vector<std::filesystem::path>& paths, const ReadOptions& read,
           const ProgressFn& progress, const std::function<void(Document&&)>& add);

  /// Hands `doc` to `add` unless a document with its id was offered before
  /// (then it is rejected as a duplicate).  sift::Error(BadInput) from
  /// `add` becomes a rejection; other errors propagate.
  void offer(Document&& doc, const std::function<void(Document&&)>& add);

  /// Records a rejection, and its file as one that must not be pruned.
  void reject(const Rejection& rejection);

  /// Ids seen, each with the input it was first read from.
  const std::unordered_map<std::string, std::string>& seen() const { return seen_; }
  /// Files rejected in this walk (comparable_path form).
  const std::set<std::filesystem::path>& rejected_files() const { return rejected_files_; }
  /// The paths of the walk that exist (comparable_path form): a typo never prunes.
  const std::vector<std::filesystem::path>& roots() const { return roots_; }

 private:
  IndexReport& report_;
  std::unordered_map<std::string, std::string> seen_;
  std::set<std::filesystem::path> rejected_files_;
  std::vector<std::filesystem::path> roots_;
};

}  // namespace sift::index
