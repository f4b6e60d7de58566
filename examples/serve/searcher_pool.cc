// SPDX-License-Identifier: GPL-2.0-or-later
#include "searcher_pool.h"

namespace sift::serve {

Searcher& SearcherPool::local() {
  const auto me = std::this_thread::get_id();
  {
    std::lock_guard lock(mutex_);
    if (const auto it = searchers_.find(me); it != searchers_.end()) return *it->second;
  }
  // Open outside the lock: opening touches the disk and may throw.
  auto searcher = std::make_unique<Searcher>(db_);
  std::lock_guard lock(mutex_);
  return *(searchers_[me] = std::move(searcher));
}

void SearcherPool::discard_local() {
  std::unique_ptr<Searcher> old;  // destroyed after the lock is released
  {
    std::lock_guard lock(mutex_);
    if (const auto it = searchers_.find(std::this_thread::get_id()); it != searchers_.end()) {
      old = std::move(it->second);
      searchers_.erase(it);
    }
  }
}

}  // namespace sift::serve
