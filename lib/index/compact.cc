// SPDX-License-Identifier: GPL-2.0-or-later
// compact_index: Xapian's compactor over every shard of an index.
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "index/compactor.h"
#include "index/format/files.h"
#include "sift/error.h"
#include "sift/sharding.h"
#include "util/errors.h"
#include "xapian.h"

namespace sift {
namespace {

namespace fs = std::filesystem;

// Rejects a stub that names a remote shard: the compactor reads local files.
void require_local(const fs::path& source) {
  std::error_code ec;
  const fs::path stub = fs::is_directory(source, ec) ? source / format::kStubName : source;
  if (!fs::is_regular_file(stub, ec)) return;
  std::ifstream in(stub);
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("remote")) {
      throw Error(ErrorCode::BadInput, "cannot compact " + source.string() +
                                           ": it lists a remote shard ('" + line +
                                           "'); compact on the machine that holds it");
    }
  }
}

}  // namespace

void compact_index(const fs::path& source, const fs::path& destination) {
  const std::string context =
      "compacting index " + source.string() + " into " + destination.string();
  std::error_code ec;
  if (!fs::exists(source, ec)) throw Error(ErrorCode::NotFound, context + ": no such index");
  if (fs::exists(destination, ec)) {
    throw Error(ErrorCode::BadInput, context + ": the destination already exists");
  }
  require_local(source);
  util::guarded(context, [&] {
    Xapian::Database db(source.string());
    // Multipass merges many shards in fewer passes; the output is one glass
    // database with every shard's documents, spellings and synonyms, and
    // their metadata merged by index::merge_metadata.
    index::SiftCompactor compactor;
    db.compact(destination.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS, 0,
               compactor);
  });
}

}  // namespace sift
