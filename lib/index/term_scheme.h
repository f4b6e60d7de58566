// SPDX-License-Identifier: GPL-2.0-or-later
// How Sift lays documents out in Xapian: term prefixes, value slots,
// metadata keys.  The writer and the searcher both include this file, and
// nothing else knows these strings.
//
// Prefixes follow Xapian's conventions (Q unique id, Z stemmed, S subject,
// A author) so xapian-delve output reads naturally.
#pragma once

#include <string>
#include <string_view>

#include "xapian.h"

namespace sift::scheme {

// Terms.  Body and title words are indexed unprefixed (exact form) and with
// kStem (stemmed form), both with positions.  Title words are also indexed
// with kTitle / kTitleStem.
inline constexpr std::string_view kId = "Q";             // Q<id>, or Q#<hash> when long.
inline constexpr std::string_view kStem = "Z";           // Z<stem>
inline constexpr std::string_view kTitle = "S";          // S<exact>
inline constexpr std::string_view kTitleStem = "ZS";     // ZS<stem>
inline constexpr std::string_view kAuthor = "A";         // A<exact> (with positions)
inline constexpr std::string_view kSource = "XSOURCE:";  // boolean: normalized source name
inline constexpr std::string_view kMonth = "XMONTH:";    // boolean: YYYY-MM
inline constexpr std::string_view kPath = "XPATH:";      // boolean: path or url (hashed when long)

// Value slots.
inline constexpr Xapian::valueno kDateSlot = 0;    // "YYYY-MM-DD"; sortable, ranges.
inline constexpr Xapian::valueno kSourceSlot = 1;  // source as given; facet.
inline constexpr Xapian::valueno kMonthSlot = 2;   // "YYYY-MM"; facet.
inline constexpr Xapian::valueno kHashSlot = 3;  // content hash (hex) for incremental re-indexing.

// Metadata keys (Xapian::Database::get_metadata).
inline constexpr std::string_view kMetaFormat = "sift:format";  // "1"
inline constexpr std::string_view kMetaLanguage = "sift:language";
inline constexpr std::string_view kMetaKeepAccents = "sift:keep_accents";  // "0" / "1"
inline constexpr std::string_view kMetaMaxToken = "sift:max_token_bytes";
inline constexpr std::string_view kMetaParagraphGap = "sift:paragraph_gap";

// The document data is a JSON object: {"id","title","text","source","url",
// "path","author","date"}; "text" is the body as indexed (paragraphs joined
// by "\n"), so analyzer offsets computed on it at query time are exact.

/// Xapian's longest term is 245 bytes; keys longer than this are hashed.
inline constexpr std::size_t kMaxKeyTermBytes = 200;

/// The unique id term for `id` (hashed when long).
std::string id_term(std::string_view id);

/// `prefix` + `key`, or `prefix` + "#" + util::hash_hex(key) when that would
/// be longer than kMaxKeyTermBytes.  Boolean terms (kSource, kPath) are
/// built with it, so a filter computes the same term as the writer.
/// key_term(kId, id) == id_term(id).
std::string key_term(std::string_view prefix, std::string_view key);

// Metadata written by IndexWriter (additions to the keys above).
inline constexpr std::string_view kFormatVersion = "1";  // value of kMetaFormat
/// util::hash_hex of the last synonym file loaded (absent if none).
inline constexpr std::string_view kMetaSynonymsHash = "sift:synonyms_hash";
// ISO 8601 UTC time of the last commit, written with every commit.
inline constexpr std::string_view kMetaLastCommit = "sift:last_commit";
/// The synonym table as JSON, [["kyiv","kiev"],...] (normalized spellings
/// per group), written by load_synonyms: Xapian 1.4's remote backend serves
/// metadata but not synonyms, so a Searcher over remote shards rebuilds the
/// table from this.
inline constexpr std::string_view kMetaSynonyms = "sift:synonyms";

}  // namespace sift::scheme
