// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/shards/shard_spec.h"

#include <charconv>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

#include "sift/error.h"

namespace sift::search {
namespace {

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
  spec.name = std::string(kRemotePrefix) + rest;
  return spec;
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

ShardSpec parse_remote_address(const std::string& address) {
  auto spec = parse_host_port(address.substr(kRemotePrefix.size()));
  if (!spec) {
    throw Error(ErrorCode::BadInput,
                "cannot open index " + address + ": a remote index is tcp://HOST:PORT");
  }
  return *spec;
}

std::vector<ShardSpec> resolve_shards(const std::vector<std::string>& inputs) {
  if (inputs.empty()) throw Error(ErrorCode::BadInput, "cannot open an index: no shards given");
  std::vector<ShardSpec> out;
  for (const std::string& input : inputs) {
    if (input.starts_with(kRemotePrefix)) {
      out.push_back(parse_remote_address(input));
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

}  // namespace sift::search
