// SPDX-License-Identifier: GPL-2.0-or-later
// Keeping SIGPIPE from killing the process when a remote shard's socket
// closes under a write (Xapian 1.4.22 writes without MSG_NOSIGNAL).
#pragma once

#include <signal.h>

namespace sift::search {

/// Blocks SIGPIPE in the calling thread for the guard's lifetime, and on
/// exit discards a SIGPIPE raised meanwhile (sigtimedwait), so a write to
/// a dead shard fails with EPIPE (a Xapian::NetworkError) instead of
/// killing the process.  Process-wide signal dispositions are untouched,
/// so an application's own SIGPIPE handler still works.  Nests.
class SigpipeBlock {
 public:
  SigpipeBlock() noexcept;
  ~SigpipeBlock();
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t old_mask_{};
  bool was_pending_ = false;
};

}  // namespace sift::search
