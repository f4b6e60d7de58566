// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher: query string -> Results, on a read-only Xapian::Database.
#include "sift/searcher.h"

#include <chrono>
#include <optional>
#include <thread>
#include <utility>

#include "search/searcher_impl.h"
#include "sift/error.h"
#include "util/errors.h"
#include "xapian.h"

namespace sift {
namespace {

using Clock = std::chrono::steady_clock;

/// Paging caps: deeper pages cost the matcher linear work and memory.
constexpr std::size_t kMaxOffset = 100'000;
constexpr std::size_t kMaxLimit = 1'000;
/// Attempts at a search that races a writer's commit (DatabaseModifiedError).
/// A slow reader can be lapped by a fast writer several times in a row, so
/// retries back off (1, 2, 3, ... ms) to let a burst of commits pass.
constexpr int kAttempts = 12;
/// Attempts after a remote shard failed (each may wait for a timeout).
constexpr int kNetworkAttempts = 5;

}  // namespace

Searcher::Searcher(const std::filesystem::path& path, const SearcherOptions& options)
    : Searcher(std::vector<std::string>{path.string()}, options) {}

Searcher::Searcher(const std::vector<std::string>& shards, const SearcherOptions& options)
    : impl_(util::guarded("cannot open index " + search_detail::display_name(shards).string(),
                          [&] { return std::make_unique<Impl>(shards, options); })) {}

Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

Results Searcher::search(std::string_view query, const SearchOptions& options) {
  const auto start = Clock::now();
  Results r;
  r.query = std::string(query);
  r.offset = std::min(options.offset, kMaxOffset);
  r.limit = std::min(options.limit, kMaxLimit);
  const std::string context = "searching index " + impl_->path.string() + " for '" + r.query + "'";
  util::guarded(context, [&] {
    // Remote shards: a write to a closed connection must fail, not kill us.
    // (Local shards write to no socket; blocking costs four system calls.)
    std::optional<search::SigpipeBlock> no_sigpipe;
    if (impl_->shards.has_remote()) no_sigpipe.emplace();
    impl_->refresh_shards();
    for (int attempt = 1;; ++attempt) {
      try {
        // After a race with a writer, reopen for certain.
        impl_->reopen(/*force=*/attempt > 1);
        impl_->run(query, options, r);
        break;
      } catch (const Xapian::DatabaseModifiedError&) {
        // A writer committed twice while we read: reopen at the new
        // revision and run again.
        if (attempt == kAttempts) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
      } catch (const Xapian::NetworkError&) {
        // A remote shard failed: name it, or go on without it.
        if (attempt >= kNetworkAttempts) throw;
        impl_->recover_shards();
      } catch (const Xapian::DatabaseCorruptError& e) {
        throw Error(ErrorCode::Corrupt, context + ": " + search::damaged(e));
      }
    }
  });
  for (std::string& warning : impl_->shards.warnings()) r.warnings.push_back(std::move(warning));
  if (options.offset > kMaxOffset) {
    r.warnings.push_back("offset " + std::to_string(options.offset) + " is over the maximum " +
                         std::to_string(kMaxOffset) + "; used " + std::to_string(kMaxOffset));
  }
  if (options.limit > kMaxLimit) {
    r.warnings.push_back("limit " + std::to_string(options.limit) + " is over the maximum " +
                         std::to_string(kMaxLimit) + "; used " + std::to_string(kMaxLimit));
  }
  r.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return r;
}

std::size_t Searcher::document_count() {
  return util::guarded("counting the documents of index " + impl_->path.string(),
                       [&] { return static_cast<std::size_t>(impl_->db.get_doccount()); });
}

}  // namespace sift
