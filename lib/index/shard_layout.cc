// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/shard_layout.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>

#include "sift/error.h"
#include "sift/sharding.h"
#include "util/hash.h"
#include "util/sync_path.h"

namespace sift {

std::size_t shard_of(std::string_view id, std::size_t shards) noexcept {
  if (shards <= 1) return 0;
  return static_cast<std::size_t>(util::fnv1a_64(id) % shards);
}

bool is_sharded_index(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_directory(path, ec) &&
         std::filesystem::is_regular_file(path / format::kStubName, ec);
}

std::vector<std::filesystem::path> shard_paths(const std::filesystem::path& dir) {
  return index::read_stub(dir);
}

namespace index {

namespace fs = std::filesystem;
using format::kStubName;
using format::shard_name;

void write_stub(const fs::path& dir, std::size_t shards) {
  const fs::path stub = dir / kStubName;
  const fs::path temp = dir / (std::string(kStubName) + ".tmp");
  {
    std::ofstream out(temp, std::ios::trunc);
    out << "# Sift sharded index: " << shards << " shards (see docs/SCALING.md)\n";
    for (std::size_t k = 0; k < shards; ++k) out << "glass " << shard_name(k) << "\n";
    out.flush();
    if (!out) throw Error(ErrorCode::IO, temp.string() + ": cannot write the shard list");
  }
  // The list's bytes before the rename, the rename (and the shard folders
  // beside it) after it: a crash leaves no stub or a whole one.
  util::sync_path(temp);
  std::error_code ec;
  fs::rename(temp, stub, ec);
  if (ec)
    throw Error(ErrorCode::IO, stub.string() + ": cannot write the shard list: " + ec.message());
  util::sync_path(dir);
}

std::vector<fs::path> read_stub(const fs::path& dir) {
  const fs::path stub = dir / kStubName;
  std::ifstream in(stub);
  if (!in)
    throw Error(ErrorCode::NotFound, dir.string() + ": no sharded index here (no " +
                                         std::string(kStubName) + " shard list)");
  std::vector<fs::path> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string type, path;
    words >> type >> path;
    if ((type != "glass" && type != "auto") || path.empty()) {
      throw Error(ErrorCode::Corrupt, stub.string() + ":" + std::to_string(number) +
                                          ": a writable sharded index lists local shards "
                                          "('glass PATH'), not '" +
                                          line + "'");
    }
    out.push_back(fs::path(path).is_absolute() ? fs::path(path) : dir / path);
  }
  if (out.empty()) throw Error(ErrorCode::Corrupt, stub.string() + ": lists no shards");
  return out;
}

namespace {

// True if every entry of `dir` is a shard folder: a creation that stopped
// before the stub was written, which may be finished.
bool only_shard_folders(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.path().filename().string().starts_with(format::kShardPrefix)) return false;
  }
  return !ec;
}

// The shards of a sharded index to be made at `dir`, after the checks that
// it can be made there.
std::vector<fs::path> new_shards(const fs::path& dir, const IndexOptions& options,
                                 std::size_t shards) {
  const std::string where = dir.string();
  std::error_code ec;
  if (fs::exists(dir / format::kVersionFile, ec)) {
    throw Error(ErrorCode::BadInput,
                "index " + where +
                    " is a single (unsharded) index; index it without --shards, or compact and "
                    "re-index into a new folder");
  }
  const bool exists = fs::exists(dir, ec);
  if (!options.create_if_missing) {
    throw Error(ErrorCode::NotFound, where + ": no sharded index here");
  }
  if (exists && !fs::is_directory(dir, ec)) {
    throw Error(ErrorCode::Corrupt, where + ": not an index (it is a file, not a folder)");
  }
  if (exists && !only_shard_folders(dir)) {
    throw Error(ErrorCode::Corrupt,
                where + ": not a sharded index (the folder holds other files and no " +
                    std::string(format::kStubName) + " shard list)");
  }
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorCode::IO, where + ": cannot create the index folder: " + ec.message());
  std::vector<fs::path> paths;
  for (std::size_t k = 0; k < shards; ++k) paths.push_back(dir / format::shard_name(k));
  return paths;
}

}  // namespace

Layout settle_layout(const fs::path& path, const IndexOptions& options,
                     const ShardOptions& sharding) {
  Layout layout;
  if (is_sharded_index(path)) {
    layout.sharded = true;
    layout.shards = read_stub(path);
    if (sharding.shards != 0 && sharding.shards != layout.shards.size()) {
      throw Error(ErrorCode::BadInput, "index " + path.string() + " has " +
                                           std::to_string(layout.shards.size()) +
                                           " shards; cannot open it with " +
                                           std::to_string(sharding.shards) + " shards");
    }
  } else if (sharding.shards == 0) {
    layout.shards = {path};  // A plain index; open_writable decides what is there.
  } else {
    layout.sharded = true;
    layout.shards = new_shards(path, options, sharding.shards);
    layout.write_stub = true;
  }
  const std::size_t cores = std::max(1u, std::thread::hardware_concurrency());
  layout.threads = std::clamp<std::size_t>(sharding.threads != 0 ? sharding.threads : cores, 1,
                                           layout.shards.size());
  return layout;
}

}  // namespace index
}  // namespace sift
