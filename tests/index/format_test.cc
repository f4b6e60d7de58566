// SPDX-License-Identifier: GPL-2.0-or-later
// lib/index/format/: the record codec, the stem map's encoding and merge,
// and the settings codec's version policy.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/settings.h"
#include "index/format/stem_map.h"
#include "sift/error.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"

namespace sift::format {
namespace {

TEST(FormatRecord, SummaryAndBodyRoundTrip) {
  const Summary summary{"id-1",    "Tïtle", "",           "https://x/1",
                        "a/b.txt", "Ann",   "2024-01-31", {"climate", "energy policy"}};
  EXPECT_EQ(decode_summary(encode_summary(summary)), summary);
  EXPECT_EQ(decode_summary(encode_summary({})), Summary{});
  const std::vector<std::uint32_t> starts = {0, 5, 0, 0, 17, 4000000000u};
  const auto body = decode_body(encode_body("a\nb\n\n\ne f\ng", starts));
  ASSERT_TRUE(body);
  EXPECT_EQ(body->text, "a\nb\n\n\ne f\ng");
  EXPECT_EQ(body->paragraph_starts, starts);
  const std::string big(1 << 20, 'x');
  EXPECT_EQ(decode_body(encode_body(big, {1}))->text, big);
}

TEST(FormatRecord, EveryFlippedBitAndEveryTruncationIsDetected) {
  const std::string summary = encode_summary(
      {"id-1", "A title", "src", "https://x/1", "p.txt", "Ann", "2024-01-31", {"t"}});
  const std::string with_keywords =
      encode_summary({"id-1", "A title", "", "", "", "", "", {}, {{"lang", {"en"}}}});
  const std::string body = encode_body("first paragraph\nsecond one", {3, 105});
  for (const std::string* record : {&summary, &with_keywords, &body}) {
    for (std::size_t i = 0; i < record->size(); ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        std::string damaged = *record;
        damaged[i] = static_cast<char>(damaged[i] ^ (1 << bit));
        const bool decoded = record != &body ? decode_summary(damaged).has_value()
                                             : decode_body(damaged).has_value();
        EXPECT_FALSE(decoded) << "byte " << i << " bit " << bit;
      }
    }
    for (std::size_t n = 0; n < record->size(); ++n) {
      EXPECT_FALSE(decode_summary(record->substr(0, n)));
      EXPECT_FALSE(decode_body(record->substr(0, n)));
    }
  }
  // Nothing else decodes: JSON (format 1's data), empty, a body as a summary.
  EXPECT_FALSE(decode_summary(R"({"id":"a","title":"t"})"));
  EXPECT_FALSE(decode_body(R"({"id":"a","text":"t"})"));
  EXPECT_FALSE(decode_summary(""));
  EXPECT_FALSE(decode_summary(body));
  EXPECT_FALSE(decode_body(summary));
}

// Hex digits -> bytes.
std::string bytes_of(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
  }
  return out;
}

// A summary without stored keyword values is written byte for byte as
// before the keyword section existed, so indexes written before it read
// the same, and documents without such values keep their bytes.  The bytes
// were computed apart from Sift's codec, from docs/FORMAT.md ("Records").
TEST(FormatRecord, ASummaryWithoutKeywordsKeepsItsBytes) {
  const Summary summary{"id-1",    "Tïtle", "desk",       "https://x/1",
                        "a/b.txt", "Ann",   "2024-01-31", {"climate", "energy policy"}};
  const std::string pinned = bytes_of(
      "030469642d310654c3af746c65046465736b0b68747470733a2f2f782f3107612f622e74787403416e6e0a3230"
      "32342d30312d33310207636c696d6174650d656e6572677920706f6c696379d0663207");
  EXPECT_EQ(encode_summary(summary), pinned);
  EXPECT_EQ(decode_summary(pinned), summary);
  EXPECT_EQ(encode_summary({}), bytes_of("0300000000000000006b2884df"));
  // An entry without values is not stored.
  Summary empty_entry = summary;
  empty_entry.keywords["lang"] = {};
  EXPECT_EQ(encode_summary(empty_entry), pinned);
}

// The keyword section follows the tags: the number of fields, then each
// field's name (in byte order), its number of values and the values.
TEST(FormatRecord, StoredKeywordsFollowTheTags) {
  Summary summary{"id-1",    "Tïtle", "desk",       "https://x/1",
                  "a/b.txt", "Ann",   "2024-01-31", {"climate", "energy policy"}};
  summary.keywords = {{"region", {"eu", "us"}}, {"lang", {"en"}}};
  const std::string pinned = bytes_of(
      "030469642d310654c3af746c65046465736b0b68747470733a2f2f782f3107612f622e74787403416e6e0a3230"
      "32342d30312d33310207636c696d6174650d656e6572677920706f6c69637902046c616e670102656e06726567"
      "696f6e020265750275733fe1beb6");
  EXPECT_EQ(encode_summary(summary), pinned);
  EXPECT_EQ(decode_summary(pinned), summary);
}

// Each summary below is sealed with a correct checksum, so only the rule
// named rejects it: one byte string per summary, and no count that
// allocates past the record.
TEST(FormatRecord, AKeywordSectionIsReadOnlyAsItIsWritten) {
  Summary expected;
  expected.id = "a";
  EXPECT_EQ(decode_summary(bytes_of("0301610000000000000013678703")), expected);
  expected.keywords = {{"aa", {"v"}}, {"zz", {"", "w"}}};
  EXPECT_EQ(decode_summary(bytes_of("0301610000000000000002026161010176027a7a02000177be797bf7")),
            expected);
  const std::pair<const char*, const char*> bad[] = {
      {"no fields", "03016100000000000000003429bf56"},
      {"names out of order", "0301610000000000000002027a7a010176026161010176dfb7c901"},
      {"a name twice", "0301610000000000000002026161010176026161010177d9be5724"},
      {"a field without values", "030161000000000000000102616100f9915e2a"},
      {"an empty name", "030161000000000000000100010176fc2d1b14"},
      {"bytes after the section", "030161000000000000000102616101017600ed85c661"},
      {"more values than bytes", "0301610000000000000001026161090176401f03ac"},
  };
  for (const auto& [what, hex] : bad) EXPECT_FALSE(decode_summary(bytes_of(hex))) << what;
}

TEST(FormatStemMap, ListsAreSortedUniqueAndMergeAsUnions) {
  EXPECT_EQ(encode_stem_list({"b", "a", "c"}), std::string("a\0b\0c", 5));
  EXPECT_EQ(decode_stem_list(std::string("a\0b\0c", 5)), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(decode_stem_list("").empty());
  EXPECT_EQ(merge_stem_lists({std::string_view("a\0c", 3), std::string_view("b\0c", 3), ""}),
            std::string("a\0b\0c", 5));
}

TEST(FormatStemMap, KeysOfLongStemsAreHashedAndStillDistinct) {
  EXPECT_EQ(stem_key("strike"), "sift:stems:strike");
  EXPECT_TRUE(is_stem_key(stem_key("strike")));
  EXPECT_FALSE(is_stem_key("sift:format"));
  const std::string a(240, 'a'), b = std::string(239, 'a') + "b";
  EXPECT_LE(stem_key(a).size(), 200u);
  EXPECT_TRUE(is_stem_key(stem_key(a)));
  EXPECT_NE(stem_key(a), stem_key(b));
}

TEST(FormatStemMap, ABatchAddsOnlyNewFormsToWhatIsStored) {
  testing::TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  StemMapBatch batch;
  batch.add("strike", "strikes");
  batch.add("strike", "strikes");
  batch.add("strike", "striking");
  batch.write_to(db);
  EXPECT_TRUE(batch.empty());
  batch.add("strike", "strike");
  batch.write_to(db);
  db.commit();
  EXPECT_EQ(stem_forms(db, "strike"), (std::vector<std::string>{"strike", "strikes", "striking"}));
  EXPECT_TRUE(stem_forms(db, "other").empty());
}

TEST(FormatSettings, WrittenAndReadByOneCodec) {
  testing::TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  EXPECT_TRUE(has_no_settings(db));
  AnalyzerOptions options;
  options.language = "french";
  options.keep_accents = true;
  options.max_token_bytes = 80;
  options.paragraph_gap = 50;
  write_settings(db, options);
  EXPECT_FALSE(has_no_settings(db));
  EXPECT_EQ(db.get_metadata(std::string(kMetaFormat)), "4");
  const AnalyzerOptions read = read_settings(db, "db");
  EXPECT_EQ(read.language, "french");
  EXPECT_TRUE(read.keep_accents);
  EXPECT_EQ(read.max_token_bytes, 80u);
  EXPECT_EQ(read.paragraph_gap, 50u);
}

TEST(FormatSettings, UnreadableValuesAndOtherFormatsAreNamed) {
  testing::TempDir dir;
  Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE);
  write_settings(db, {});
  db.set_metadata(std::string(kMetaMaxToken), "12x");
  EXPECT_SIFT_ERROR(
      read_settings(db, "the-db"), ErrorCode::Corrupt,
      ::testing::StrEq("index the-db has an unreadable setting sift:max_token_bytes='12x'"));
  db.set_metadata(std::string(kMetaFormat), "5");
  EXPECT_SIFT_ERROR(
      read_settings(db, "the-db"), ErrorCode::Unsupported,
      ::testing::StrEq(
          "index the-db has format '5'; this Sift reads and writes format 4 only: open it "
          "with the newer Sift that wrote it"));
  // Format 3 (before derived titles were marked) is older: rebuild it.
  db.set_metadata(std::string(kMetaFormat), "3");
  EXPECT_SIFT_ERROR(
      read_settings(db, "the-db"), ErrorCode::Unsupported,
      ::testing::StrEq(
          "index the-db has format 3, written by an older Sift; this Sift reads and writes "
          "format 4 only (docs/FORMAT.md). Rebuild it from its source files: rm -r 'the-db' "
          "&& sift-index --db 'the-db' FILES..."));
}

}  // namespace
}  // namespace sift::format
