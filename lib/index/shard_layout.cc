// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/shard_layout.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "sift/error.h"
#include "sift/sharding.h"
#include "util/hash.h"

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
  std::error_code ec;
  fs::rename(temp, stub, ec);
  if (ec)
    throw Error(ErrorCode::IO, stub.string() + ": cannot write the shard list: " + ec.message());
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

}  // namespace index
}  // namespace sift
