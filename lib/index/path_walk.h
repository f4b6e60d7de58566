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

#include "ingest/readers.h"
#include "sift/index_writer.h"
#include "sift/ingest.h"

namespace sift::index {

/// One run over the inputs.  Counts read bytes and rejections into the
/// report it was given.
class PathWalk {
 public:
  explicit PathWalk(IndexReport& report) : report_(report) {}

  /// Reads every file under `paths` (read_path) and calls `add` with each
  /// document whose id was not seen before in this walk, its path made
  /// source_path() (prune_paths.h); a later document
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

  /// Records a rejection, and its file or folder as a source that must not
  /// be pruned (a JSONL line "f.jsonl:3" or JSON element "f.json[3]" marks
  /// its whole file).
  void reject(const Rejection& rejection);

  /// What pruning does with a stored document that was not seen in this
  /// walk, read before from `stored_path` (empty: not from a file).
  enum class Prune {
    Leave,   ///< Not from under this walk's roots, or not from a file.
    Keep,    ///< Its file, or a folder above it, could not be read: it may still exist.
    Remove,  ///< From under a root, and every folder and file on its way was read.
  };
  Prune prune_verdict(const std::string& stored_path) const;

  /// Ids seen, each with the input it was first read from.
  const ingest::IdRegistry& seen() const { return seen_; }

 private:
  IndexReport& report_;
  ingest::IdRegistry seen_;  // The duplicate-id check: ingest::claim_id.
  // Files and folders rejected in this walk (source_path form).
  std::set<std::filesystem::path> unread_;
  // The paths of the walk that exist (source_path form): a typo never prunes.
  std::vector<std::filesystem::path> roots_;
};

}  // namespace sift::index
