// SPDX-License-Identifier: GPL-2.0-or-later
// The readers behind include/sift/ingest.h, in the form read_path needs:
// problems are returned (not thrown) and ids are checked across files.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "sift/document.h"
#include "sift/ingest.h"

namespace sift::ingest {

/// The ids read so far in one read_path call, each with where it was read
/// ("path" or "path:LINE"), so a later document with the same id is rejected.
using IdRegistry = std::unordered_map<std::string, std::string>;

/// Parses a plain-text article into `doc` as parse_text_article documents.
/// @return an empty string, or the problem ("empty file", "invalid UTF-8 at
/// byte 12", ...) without the path.
std::string read_text_article(std::string_view bytes, std::string id, const std::string& path,
                              const ReadOptions& options, Document& doc);

/// parse_jsonl, with each id also checked against and added to `ids`.
void read_jsonl(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                const RejectionSink& reject, const ReadOptions& options, IdRegistry& ids);

/// parse_json_array, with each id also checked against and added to `ids`.
void read_json_array(std::string_view bytes, const std::string& path, const DocumentSink& emit,
                     const RejectionSink& reject, const ReadOptions& options, IdRegistry& ids);

/// Records `id` as read at `where`.  @return false, after rejecting
/// `where` as a duplicate naming the first place, if it was read before.
bool claim_id(const std::string& id, const std::string& where, IdRegistry& ids,
              const RejectionSink& reject);

}  // namespace sift::ingest
