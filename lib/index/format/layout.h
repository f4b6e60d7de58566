// SPDX-License-Identifier: GPL-2.0-or-later
// How Sift lays a document out in Xapian: term prefixes, value slots,
// metadata keys and the limits on terms.  This folder (lib/index/format/)
// is the one owner of the on-disk format: the writer and the searcher both
// include it, and nothing else spells these strings.  docs/FORMAT.md
// describes the format as a whole, and the version policy.
//
// Prefixes follow Xapian's conventions (Q unique id, Z stemmed, S subject,
// A author) so xapian-delve output reads naturally.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "xapian.h"

namespace sift::format {

// ---- Terms ----------------------------------------------------------------
// Positions are stored once, on exact forms.  Stemmed terms carry no
// positions: a stemmed phrase or NEAR matches through the exact forms that
// share the stem, listed in the stem map (format/stem_map.h).
//
//   <exact>        body and title words, exact form, with positions
//   Z<stem>        body and title words, stemmed, no positions
//   S<exact>       title words, exact form, with positions (title phrases)
//   ZS<stem>       title words, stemmed, no positions
//   A<exact>       author words, with positions (author phrases)
//   XCAPS:<exact>  body and title words written in capitals (US, U.S., NATO),
//                  no positions: a dotted query word (U.S.) matches these,
//                  not every word that folds the same (the pronoun us)
//   Q<id>          the unique id (Q#<hash> when long)
//   XSOURCE:<s>    boolean: the normalized source name
//   XAUTHOR:<a>    boolean: the normalized author (the whole field)
//   XTAG:<t>       boolean: one normalized tag
//   XMONTH:<m>     boolean: YYYY-MM
//   XPATH:<p>      boolean: path or url (hashed when long)
//   XTITLE:derived boolean: the title was made from the body by a reader
//                  (Document::title_derived); the title boost skips it
// The keyword fields among these (format/fields.h) are hashed when long
// (key_term).
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kStem = "Z";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kTitleStem = "ZS";
inline constexpr std::string_view kAuthor = "A";
inline constexpr std::string_view kCapitals = "XCAPS:";
inline constexpr std::string_view kSource = "XSOURCE:";
inline constexpr std::string_view kAuthorKey = "XAUTHOR:";
inline constexpr std::string_view kTag = "XTAG:";
inline constexpr std::string_view kMonth = "XMONTH:";
inline constexpr std::string_view kPath = "XPATH:";
/// A whole term, not a prefix: the document's title is derived.
inline constexpr std::string_view kDerivedTitle = "XTITLE:derived";

/// Xapian's longest term (glass keys): a longer term fails the whole
/// document at commit, so the writer skips it and a query never asks for it.
inline constexpr std::size_t kMaxTermBytes = 245;

/// Key terms (ids, paths, sources) longer than this are hashed.
inline constexpr std::size_t kMaxKeyTermBytes = 200;

/// Synonym groups (IndexWriter::load_synonyms): spellings per group, and
/// bytes and words per spelling after normalization.  The synonym table's
/// keys are spellings, so a spelling stays below Xapian's key limit; and
/// one word of a query expands to at most (kMaxSynonymSpellings - 1) *
/// kMaxSynonymWords terms, well below a query's term limit (1,024).
inline constexpr std::size_t kMaxSynonymSpellings = 32;
inline constexpr std::size_t kMaxSynonymBytes = kMaxKeyTermBytes;
inline constexpr std::size_t kMaxSynonymWords = 16;

/// The unique id term for `id` (hashed when long).
std::string id_term(std::string_view id);

/// `prefix` + `key`, or `prefix` + "#" + util::hash_hex(key) when that would
/// be longer than kMaxKeyTermBytes.  Boolean terms (kSource, kPath) are
/// built with it, so a filter computes the same term as the writer.
/// key_term(kId, id) == id_term(id).
std::string key_term(std::string_view prefix, std::string_view key);

// ---- Value slots ----------------------------------------------------------
inline constexpr Xapian::valueno kDateSlot = 0;    ///< "YYYY-MM-DD"; sorting, ranges.
inline constexpr Xapian::valueno kSourceSlot = 1;  ///< Source as given; facet.
inline constexpr Xapian::valueno kMonthSlot = 2;   ///< "YYYY-MM"; facet.
inline constexpr Xapian::valueno kHashSlot = 3;    ///< Content hash (hex), incremental re-indexing.
/// The body record (format/record.h), zlib-compressed by Sift.  The summary
/// (id, title, source, url, path, author, date, tags) is the document data.
inline constexpr Xapian::valueno kBodySlot = 4;
inline constexpr Xapian::valueno kAuthorSlot = 5;  ///< Author as given; facet.
/// Tags as given, as a value list (format/fields.h encode_values); facet.
inline constexpr Xapian::valueno kTagsSlot = 6;

// ---- Metadata keys (Xapian::Database::get_metadata) ----------------------
// Settings (format/settings.h reads and writes them).
inline constexpr std::string_view kMetaFormat = "sift:format";
inline constexpr std::string_view kMetaLanguage = "sift:language";
inline constexpr std::string_view kMetaKeepAccents = "sift:keep_accents";  // "0" / "1"
inline constexpr std::string_view kMetaMaxToken = "sift:max_token_bytes";
inline constexpr std::string_view kMetaParagraphGap = "sift:paragraph_gap";
/// util::hash_hex of the last synonym file loaded (absent if none).
inline constexpr std::string_view kMetaSynonymsHash = "sift:synonyms_hash";
/// ISO 8601 UTC time of the last commit, written with every commit.
inline constexpr std::string_view kMetaLastCommit = "sift:last_commit";
/// The synonym table as JSON, [["kyiv","kiev"],...] (normalized spellings
/// per group), written by load_synonyms: Xapian 1.4's remote backend serves
/// metadata but not synonyms, so a Searcher over remote shards rebuilds the
/// table from this.
inline constexpr std::string_view kMetaSynonyms = "sift:synonyms";
/// Prefix of the stem map's keys (format/stem_map.h): "sift:stems:<stem>".
inline constexpr std::string_view kMetaStemsPrefix = "sift:stems:";

}  // namespace sift::format
