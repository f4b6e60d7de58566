// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/sigpipe_block.h"

#include <pthread.h>

#include <ctime>

namespace sift::search {
namespace {

sigset_t sigpipe_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGPIPE);
  return set;
}

bool sigpipe_pending() {
  sigset_t pending;
  sigemptyset(&pending);
  return sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1;
}

}  // namespace

SigpipeBlock::SigpipeBlock() noexcept {
  const sigset_t set = sigpipe_set();
  pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
  was_pending_ = sigpipe_pending();
}

SigpipeBlock::~SigpipeBlock() {
  // A SIGPIPE pending before we blocked belongs to someone else: leave it.
  if (!was_pending_ && sigismember(&old_mask_, SIGPIPE) == 0) {
    const sigset_t set = sigpipe_set();
    const timespec zero{0, 0};
    while (sigpipe_pending() && sigtimedwait(&set, nullptr, &zero) == SIGPIPE) {
    }
  }
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

}  // namespace sift::search
