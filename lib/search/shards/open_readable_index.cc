// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/open_readable_index.h"

#include <system_error>

#include "search/shards/sigpipe_block.h"
#include "sift/error.h"
#include "util/errors.h"

namespace sift::search {
namespace {

std::string timeout_text(const SearcherOptions& options) {
  return std::to_string(options.remote_timeout.count()) + " ms";
}

Xapian::Database open_remote_index(const std::string& address, const SearcherOptions& options) {
  return open_remote_index(parse_remote_address(address), options);
}

}  // namespace

Xapian::Database open_remote_index(const ShardSpec& spec, const SearcherOptions& options) {
  const auto ms = static_cast<useconds_t>(options.remote_timeout.count());
  try {
    SigpipeBlock no_sigpipe;
    Xapian::Database db = Xapian::Remote::open(spec.host, spec.port, ms, ms);
    return db;
  } catch (const Xapian::NetworkTimeoutError&) {
    throw Error(ErrorCode::Network,
                "shard " + spec.name + " did not answer within " + timeout_text(options));
  } catch (const Xapian::NetworkError& e) {
    const char* why = e.get_error_string();
    throw Error(ErrorCode::Network, "shard " + spec.name + " is unreachable (" +
                                        (why && *why ? std::string(why) : e.get_msg()) + ")");
  } catch (...) {
    util::rethrow_as_sift_error("cannot open index " + spec.name);
  }
}

std::string damaged(const Xapian::DatabaseCorruptError& e) {
  return "the index is damaged; rebuild it (" + e.get_msg() + ")";
}

Xapian::Database open_readable_index(const std::filesystem::path& path,
                                     const SearcherOptions& options) {
  const std::string where = path.string();
  if (where.starts_with(kRemotePrefix)) return open_remote_index(where, options);
  const std::string context = "cannot open index " + where;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::NotFound, context + ": no such index");
  }
  try {
    return Xapian::Database(where);
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorCode::Corrupt, context + ": " + damaged(e));
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The path exists, so something is there but it is not an index: a
    // folder without a database, or a file that is not a stub database.
    // (DatabaseNotFoundError derives from DatabaseOpeningError.)
    if (std::filesystem::is_directory(path, ec)) {
      throw Error(ErrorCode::Corrupt, context + ": not a Sift index (no Xapian database there)");
    }
    throw Error(
        ErrorCode::Corrupt,
        context + ": not a Sift index (a file that is not a Xapian stub: " + e.get_msg() + ")");
  } catch (...) {
    util::rethrow_as_sift_error(context);
  }
}

}  // namespace sift::search
