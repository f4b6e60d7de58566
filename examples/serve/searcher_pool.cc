// SPDX-License-Identifier: GPL-2.0-or-later
#include "searcher_pool.h"

#include <vector>

namespace sift::serve {

SearcherPool::SearcherPool(std::filesystem::path db)
    : db_(std::move(db)), identity_(identify_index(db_)) {}

SearcherPool::Slot& SearcherPool::local_slot() {
  std::lock_guard lock(slots_mutex_);
  auto& slot = slots_[std::this_thread::get_id()];
  if (!slot) slot = std::make_unique<Slot>();
  return *slot;
}

void SearcherPool::notice_replacement() {
  auto now = identify_index(db_);
  std::lock_guard lock(identity_mutex_);
  // A folder that is gone counts as a change each time: whatever was open
  // is stale, and nothing new can be opened until it is back.
  if (!now || now != identity_) {
    identity_ = std::move(now);
    generation_.fetch_add(1);
  }
}

void SearcherPool::close_stale() {
  notice_replacement();
  const std::uint64_t generation = generation_.load();
  std::vector<Slot*> slots;
  {
    std::lock_guard lock(slots_mutex_);
    for (auto& [id, slot] : slots_) slots.push_back(slot.get());
  }
  for (Slot* slot : slots) {
    std::unique_lock lock(slot->mutex, std::try_to_lock);  // a busy slot closes its own
    if (lock && slot->searcher && slot->generation != generation) slot->searcher.reset();
  }
}

std::size_t SearcherPool::open_searchers() {
  std::size_t n = 0;
  std::lock_guard lock(slots_mutex_);
  for (auto& [id, slot] : slots_) {
    std::unique_lock slot_lock(slot->mutex, std::try_to_lock);
    if (!slot_lock || slot->searcher) ++n;
  }
  return n;
}

}  // namespace sift::serve
