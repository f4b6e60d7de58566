// SPDX-License-Identifier: GPL-2.0-or-later
// Searcher::Impl: opening the shards, and keeping the database at the latest
// commit and the shards that are up.
#include "search/searcher_impl.h"

#include "search/stored/analyzer_settings.h"

namespace sift {
namespace search_detail {

std::filesystem::path display_name(const std::vector<std::string>& inputs) {
  std::string out;
  for (const std::string& input : inputs) out += (out.empty() ? "" : ",") + input;
  return out;
}

}  // namespace search_detail

Searcher::Impl::Impl(const std::vector<std::string>& inputs, const SearcherOptions& options)
    : path(search_detail::display_name(inputs)),
      shards(inputs, options),
      db(shards.combined()),
      analyzer(search::stored_analyzer_options(db, path)),
      forms(shards.databases()),
      parser(analyzer, db, {}, &forms),
      commits(search::resolve_shards(inputs)) {}

void Searcher::Impl::reopen(bool force) {
  if (!force && !commits.changed()) return;
  commits.mark();
  db.reopen();
}

void Searcher::Impl::refresh_shards() {
  if (shards.retry_down()) combine();
}

void Searcher::Impl::recover_shards() {
  db = Xapian::Database();  // Drops the failed connections first.
  try {
    shards.recover();
  } catch (...) {
    combine();  // The shards that are up, for the next search.
    throw;
  }
  combine();
}

void Searcher::Impl::combine() {
  db = shards.combined();
  forms.set_shards(shards.databases());
}

}  // namespace sift
