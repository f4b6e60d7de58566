// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/open_readable_index.h"

#include <stdlib.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <system_error>

#include "index/format/layout.h"
#include "index/format/settings.h"
#include "search/shards/sigpipe_block.h"
#include "sift/error.h"
#include "util/errors.h"

namespace sift::search {
namespace {

constexpr std::string_view kRemote = "tcp://";

// "HOST:PORT" -> spec, or nullopt when malformed.
std::optional<ShardSpec> parse_host_port(const std::string& rest) {
  const auto colon = rest.rfind(':');
  unsigned port = 0;
  const char* end = rest.data() + rest.size();
  if (colon == std::string::npos || colon == 0 ||
      std::from_chars(rest.data() + colon + 1, end, port).ptr != end || port == 0 || port > 65535) {
    return std::nullopt;
  }
  ShardSpec spec;
  spec.host = rest.substr(0, colon);
  spec.port = port;
  spec.name = std::string(kRemote) + rest;
  return spec;
}

ShardSpec parse_remote(const std::string& address) {
  auto spec = parse_host_port(address.substr(kRemote.size()));
  if (!spec) {
    throw Error(ErrorCode::BadInput,
                "cannot open index " + address + ": a remote index is tcp://HOST:PORT");
  }
  return *spec;
}

std::string timeout_text(const SearcherOptions& options) {
  return std::to_string(options.remote_timeout.count()) + " ms";
}

// Connects to a remote shard.  @throws sift::Error Network naming the shard.
Xapian::Database open_remote(const ShardSpec& spec, const SearcherOptions& options) {
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

Xapian::Database open_remote(const std::string& address, const SearcherOptions& options) {
  return open_remote(parse_remote(address), options);
}

// The shards a stub file lists, or nullopt if `stub` is not one.
std::optional<std::vector<ShardSpec>> read_stub(const std::filesystem::path& stub) {
  std::ifstream in(stub);
  if (!in) return std::nullopt;
  std::vector<ShardSpec> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string type, target;
    words >> type >> target;
    if (type == "remote") {
      if (target.starts_with(':')) target.erase(0, 1);
      auto spec = parse_host_port(target);
      if (!spec) {
        throw Error(ErrorCode::BadInput, stub.string() + ":" + std::to_string(number) +
                                             ": Sift opens remote shards as 'remote HOST:PORT' "
                                             "(xapian-tcpsrv), not '" +
                                             line + "'");
      }
      out.push_back(*spec);
    } else if ((type == "auto" || type == "glass" || type == "chert") && !target.empty()) {
      ShardSpec spec;
      spec.path = std::filesystem::path(target).is_absolute() ? std::filesystem::path(target)
                                                              : stub.parent_path() / target;
      spec.name = spec.path.string();
      out.push_back(spec);
    } else {
      return std::nullopt;  // Not a stub; open_readable_index says what it is.
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace

std::string damaged(const Xapian::DatabaseCorruptError& e) {
  return "the index is damaged; rebuild it (" + e.get_msg() + ")";
}

Xapian::Database open_readable_index(const std::filesystem::path& path,
                                     const SearcherOptions& options) {
  const std::string where = path.string();
  if (where.starts_with(kRemote)) return open_remote(where, options);
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

AnalyzerOptions stored_analyzer_options(const Xapian::Database& db,
                                        const std::filesystem::path& path) {
  return util::guarded("reading the settings of index " + path.string(), [&] {
    if (format::has_no_settings(db)) return AnalyzerOptions{};
    return format::read_settings(db, path.string());
  });
}

std::vector<ShardSpec> resolve_shards(const std::vector<std::string>& inputs) {
  if (inputs.empty()) throw Error(ErrorCode::BadInput, "cannot open an index: no shards given");
  std::vector<ShardSpec> out;
  for (const std::string& input : inputs) {
    if (input.starts_with(kRemote)) {
      out.push_back(parse_remote(input));
      continue;
    }
    const std::filesystem::path path(input);
    std::error_code ec;
    std::optional<std::vector<ShardSpec>> listed;
    if (std::filesystem::is_regular_file(path / "XAPIANDB", ec)) {
      listed = read_stub(path / "XAPIANDB");
    } else if (std::filesystem::is_regular_file(path, ec)) {
      listed = read_stub(path);
    }
    if (listed) {
      out.insert(out.end(), listed->begin(), listed->end());
    } else {
      ShardSpec spec;
      spec.path = path;
      spec.name = input;
      out.push_back(spec);
    }
  }
  return out;
}

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
      shard.db = open_remote(shard.spec, options_);
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
  const std::string json = first_up->db->get_metadata(std::string(format::kMetaSynonyms));
  if (json.empty()) return;
  const nlohmann::json groups = nlohmann::json::parse(json, nullptr, false);
  if (!groups.is_array()) {
    throw Error(ErrorCode::Corrupt, "index " + first_up->spec.name + " has an unreadable " +
                                        std::string(format::kMetaSynonyms) + " table");
  }
  // Xapian's in-memory backend has no synonym table, so the overlay is a
  // small glass database in a private temporary folder.
  if (overlay_dir_.empty()) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "sift-synonyms-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorCode::IO, "cannot make a folder for the synonyms of remote shards in " +
                                     std::filesystem::temp_directory_path().string());
    }
    overlay_dir_ = pattern;
  }
  const std::string where = (overlay_dir_ / "db").string();
  {
    Xapian::WritableDatabase table(where,
                                   Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    for (const auto& group : groups) {
      if (!group.is_array()) continue;
      for (const auto& key : group) {
        for (const auto& other : group) {
          if (key.is_string() && other.is_string() && key != other) {
            table.add_synonym(key.get<std::string>(), other.get<std::string>());
          }
        }
      }
    }
    table.commit();
  }
  overlay_ = Xapian::Database(where);
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
        return std::optional<Xapian::Database>(open_remote(shards_[i].spec, options_));
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
      shard.db = open_remote(shard.spec, options_);
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
