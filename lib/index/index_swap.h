// SPDX-License-Identifier: GPL-2.0-or-later
// Replacing a whole index by a new database while its writer holds the
// lock, atomically for readers and crash-safe.
//
// Xapian 1.4 cannot merge into an open database, so a bulk build or an
// in-place compaction writes a new database into a work folder beside the
// index (work_folder()) and then exchanges the two folders with one
// renameat2(RENAME_EXCHANGE): at every moment the index's path names a
// complete, committed glass database, the old one or the new one, so a
// crash leaves one of them, and the work folder, which the next writer
// removes (remove_work_folder()) once it holds the index's lock.
//
// The lock: Xapian's write lock belongs to the database folder.  The old
// database stays open (locked) until after the exchange, and the new one
// is opened for writing, through a descriptor of its folder (BoundFolder),
// before it: a second writer finds whichever folder the index's path names
// locked.  Opened through "/proc/self/fd/N", the new handle keeps writing
// into its own folder after the rename, and the writer goes on using it.
//
// Readers: a Searcher sees the exchange as a commit (a new version file,
// search/shards/commit_watch.h) and reopens.  Xapian reopens only when the
// revision differs from the one it has, so the new database is committed
// up to a revision above the old one's.  A reader keeps the old files open
// until it reopens, so its searches go on meanwhile.
#pragma once

#include <filesystem>
#include <string>

#include "xapian.h"

namespace sift::index {

/// The work folder of the index at `index`: ".NAME.sift-work" beside it
/// (the same file system, as rename needs), beside the folder a symbolic
/// link `index` points to.
std::filesystem::path work_folder(const std::filesystem::path& index);

/// Removes the work folder of `index` if there is one.  Call it only while
/// holding the index's write lock.  @throws sift::Error(IO).
void remove_work_folder(const std::filesystem::path& index);

/// An open descriptor of a folder, which names the folder wherever it is
/// moved.  Move-only.
class BoundFolder {
 public:
  BoundFolder() = default;
  /// @throws sift::Error(IO) when `folder` cannot be opened.
  explicit BoundFolder(const std::filesystem::path& folder);
  ~BoundFolder();
  BoundFolder(BoundFolder&& other) noexcept;
  BoundFolder& operator=(BoundFolder&& other) noexcept;
  BoundFolder(const BoundFolder&) = delete;
  BoundFolder& operator=(const BoundFolder&) = delete;

  /// "/proc/self/fd/N": a path that reaches the folder through the descriptor.
  std::filesystem::path path() const;

 private:
  int fd_ = -1;
};

/// Makes the committed glass database at `fresh` (in the index's work
/// folder) the index at `index`, whose writer `old` holds the lock and has
/// nothing uncommitted.  `fresh` is opened for writing through `bound`
/// (which takes hold of the folder), committed durably at a revision above
/// `old`'s with `last_commit` as format::kMetaLastCommit, and exchanged
/// with the index.  Afterwards the path `fresh` names the old database.
/// @return the writer of the new index; it writes through `bound`, which
/// must outlive it.  `old` is left open (close it, then remove the work
/// folder).  @throws sift::Error(IO) if the exchange fails (the index is
/// then unchanged), Xapian::Error.
Xapian::WritableDatabase install(Xapian::WritableDatabase& old, const std::filesystem::path& index,
                                 const std::filesystem::path& fresh, BoundFolder& bound,
                                 const std::string& last_commit);

}  // namespace sift::index
