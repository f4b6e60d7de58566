#include "searcher_pool.h"

namespace sift::serve {

IndexReader& ReaderPool::local() {
  const auto me = std::this_thread::get_id();
  {
    std::lock_guard lock(mutex_);
    if (const auto it = readers_.find(me); it != readers_.end()) return *it->second;
  }
  // Open outside the lock: opening touches the disk and may throw.
  auto reader = std::make_unique<IndexReader>(db_);
  std::lock_guard lock(mutex_);
  return *(readers_[me] = std::move(reader));
}

void ReaderPool::discard_local() {
  std::unique_ptr<IndexReader> old;
  {
    std::lock_guard lock(mutex_);
    if (const auto it = readers_.find(std::this_thread::get_id()); it != readers_.end()) {
      old = std::move(it->second);
      readers_.erase(it);
    }
  }
}

}  // namespace sift::serve
