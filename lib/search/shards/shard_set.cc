// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/shard_set.h"

#include <algorithm>
#include <future>
#include <system_error>

#include "search/shards/open_readable_index.h"
#include "search/shards/remote_synonyms.h"
#include "search/shards/sigpipe_block.h"
#include "sift/error.h"

namespace sift::search {

ShardSet::ShardSet(const std::vector<std::string>& inputs, const SearcherOptions& options)
    : options_(options) {
  for (ShardSpec& spec : resolve_shards(inputs)) shards_.push_back({std::move(spec), {}, {}});
  SigpipeBlock no_sigpipe;
  std::size_t up = 0;
  std::string first_problem;
  for (Shard& shard : shards_) {
    if (!shard.spec.remote()) {
      shard.db = open_readable_index(shard.spec.path, options_);
      ++up;
      continue;
    }
    try {
      shard.db = open_remote_index(shard.spec, options_);
      ++up;
    } catch (const Error& e) {
      if (!options_.allow_partial || e.code() != ErrorCode::Network) throw;
      shard.problem = e.what();
      if (first_problem.empty()) first_problem = shard.problem;
    }
  }
  if (up == 0) throw Error(ErrorCode::Network, first_problem + "; no shard is up");
  build_overlay();
}

ShardSet::~ShardSet() {
  close();
  if (!overlay_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(overlay_dir_, ec);
  }
}

void ShardSet::close() noexcept {
  SigpipeBlock no_sigpipe;
  try {
    overlay_.reset();
    for (Shard& shard : shards_) shard.db.reset();
  } catch (...) {
    // Closing a dead connection may fail; there is nothing left to do.
  }
}

void ShardSet::build_overlay() {
  overlay_.reset();
  const Shard* first_remote = nullptr;
  const Shard* first_up = nullptr;
  for (const Shard& shard : shards_) {
    if (!shard.db) continue;
    if (!first_up) first_up = &shard;
    if (shard.spec.remote() && !first_remote) first_remote = &shard;
  }
  if (!first_remote || !first_up) return;
  overlay_ = synonym_overlay(*first_up->db, first_up->spec.name, overlay_dir_);
}

Xapian::Database ShardSet::combined() const {
  Xapian::Database db;
  for (const Shard& shard : shards_) {
    if (shard.db) db.add_database(*shard.db);
  }
  if (overlay_) db.add_database(*overlay_);
  return db;
}

std::vector<Xapian::Database> ShardSet::databases() const {
  std::vector<Xapian::Database> out;
  for (const Shard& shard : shards_) {
    if (shard.db) out.push_back(*shard.db);
  }
  return out;
}

void ShardSet::recover() {
  // A failed exchange leaves every remote connection in an unknown state
  // (replies of other shards may be unread), so all are replaced.
  std::vector<std::future<std::optional<Xapian::Database>>> probes(shards_.size());
  std::vector<std::string> problems(shards_.size());
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    if (!shards_[i].spec.remote()) continue;
    probes[i] = std::async(std::launch::async, [this, i, &problems]() {
      SigpipeBlock no_sigpipe;
      try {
        return std::optional<Xapian::Database>(open_remote_index(shards_[i].spec, options_));
      } catch (const Error& e) {
        problems[i] = e.what();
        return std::optional<Xapian::Database>();
      }
    });
  }
  std::string first_problem;
  std::size_t up = 0;
  for (std::size_t i = 0; i < shards_.size(); ++i) {
    Shard& shard = shards_[i];
    if (!shard.spec.remote()) {
      ++up;
      continue;
    }
    std::optional<Xapian::Database> fresh = probes[i].get();
    shard.db.reset();
    shard.db = std::move(fresh);
    shard.problem = problems[i];
    if (shard.db) {
      ++up;
    } else if (first_problem.empty()) {
      first_problem = problems[i];
    }
  }
  if (first_problem.empty()) return;  // Every shard answers again: a transient failure.
  if (!options_.allow_partial) throw Error(ErrorCode::Network, first_problem);
  if (up == 0) throw Error(ErrorCode::Network, first_problem + "; no shard is up");
}

bool ShardSet::retry_down() {
  bool changed = false;
  for (Shard& shard : shards_) {
    if (shard.db || !shard.spec.remote()) continue;
    try {
      shard.db = open_remote_index(shard.spec, options_);
      shard.problem.clear();
      changed = true;
    } catch (const Error& e) {
      if (e.code() != ErrorCode::Network || !options_.allow_partial) throw;
      shard.problem = e.what();
    }
  }
  if (changed) build_overlay();
  return changed;
}

std::vector<std::string> ShardSet::warnings() const {
  std::size_t up = 0;
  for (const Shard& shard : shards_) up += shard.db ? 1 : 0;
  std::vector<std::string> out;
  for (const Shard& shard : shards_) {
    if (shard.db) continue;
    out.push_back(shard.problem + "; results are from the other " + std::to_string(up) + " of " +
                  std::to_string(shards_.size()) + " shards");
  }
  return out;
}

bool ShardSet::has_remote() const {
  return std::any_of(shards_.begin(), shards_.end(),
                     [](const Shard& shard) { return shard.spec.remote(); });
}

std::uint64_t ShardSet::revision() const {
  std::uint64_t sum = 0;
  for (const Shard& shard : shards_) {
    if (shard.db && !shard.spec.remote()) sum += shard.db->get_revision();
  }
  return sum;
}

}  // namespace sift::search
