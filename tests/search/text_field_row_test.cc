// SPDX-License-Identifier: GPL-2.0-or-later
// A text field added the way a new one is added: one row of the field
// registry's text fields (index/format/fields.h), passed to the document
// builder and the query parser as the registry is.  It is indexed and then
// found as `lede:word`, `lede:"a phrase"` and `lede:prefix*`.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "index/document_builder.h"
#include "index/format/fields.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "index/format/stem_map.h"
#include "search/query/query_parser.h"
#include "search/query/query_syntax.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::testing {
namespace {

using Ids = std::vector<std::string>;

// The registry's text fields plus `lede`: the first paragraph's words,
// stemmed, with wildcards, not also body words.
std::vector<format::TextFieldSpec> registry_with_lede() {
  std::vector<format::TextFieldSpec> fields(format::text_fields().begin(),
                                            format::text_fields().end());
  fields.push_back({"lede", "XLEDE:", "ZXLEDE:", false, true, [](const Document& d) {
                      return d.paragraphs.empty() ? std::string_view()
                                                  : std::string_view(d.paragraphs[0]);
                    }});
  return fields;
}

class TextFieldRow : public ::testing::Test {
 protected:
  TextFieldRow() : db_((dir_.path() / "index").string(), Xapian::DB_CREATE) {
    const std::vector<Document> docs = {
        {.id = "a", .paragraphs = {"Talks resumed in Odesa today.", "The ceasefire held."}},
        {.id = "b", .paragraphs = {"Markets fell.", "Talks resumed in Odesa after a week."}},
        {.id = "c", .title = "Harbour talks", .paragraphs = {"Talks in Odesa resumed."}},
    };
    format::StemMapBatch stems;
    for (const Document& doc : docs) {
      EXPECT_EQ(index::validate(doc), "");
      const Xapian::Document xdoc =
          index::build_document(doc, index::content_hash(doc, AnalyzerOptions{}), analyzer_, stems,
                                format::fields(), fields_);
      db_.replace_document(format::id_term(doc.id), xdoc);
    }
    stems.write_to(db_);
    db_.commit();
  }

  Ids match(const std::string& q, std::span<const format::TextFieldSpec> fields) {
    search::QueryParser parser(analyzer_, db_, {}, nullptr, fields);
    const search::ParsedQuery parsed = parser.parse(q);
    warnings_ = parsed.warnings;
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed.query);
    Ids out;
    const Xapian::MSet m = enquire.get_mset(0, 100);
    for (auto it = m.begin(); it != m.end(); ++it) {
      const auto summary = format::decode_summary(format::summary_bytes(it.get_document()));
      out.push_back(summary ? summary->id : "(damaged)");
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  Ids match(const std::string& q) { return match(q, fields_); }

  TempDir dir_;
  analysis::Analyzer analyzer_;
  const std::vector<format::TextFieldSpec> fields_ = registry_with_lede();
  Xapian::WritableDatabase db_;
  std::vector<std::string> warnings_;
};

TEST_F(TextFieldRow, IsIndexedUnderItsPrefixesWithPositionsFromOne) {
  Xapian::Document a = db_.get_document(1);
  auto positions = [&](const std::string& term) {
    Xapian::TermIterator it = a.termlist_begin();
    it.skip_to(term);
    if (it == a.termlist_end() || *it != term) return std::vector<Xapian::termpos>{99};
    return std::vector<Xapian::termpos>(it.positionlist_begin(), it.positionlist_end());
  };
  EXPECT_EQ(positions("XLEDE:talks"), std::vector<Xapian::termpos>{1});
  EXPECT_EQ(positions("XLEDE:odesa"), std::vector<Xapian::termpos>{4});
  EXPECT_EQ(positions("ZXLEDE:talk"), std::vector<Xapian::termpos>{});        // stems: no positions
  EXPECT_EQ(positions("XLEDE:ceasefire"), std::vector<Xapian::termpos>{99});  // 2nd paragraph
}

TEST_F(TextFieldRow, IsFoundByWordPhraseAndWildcard) {
  EXPECT_EQ(match("lede:talk"), (Ids{"a", "c"}));  // stemmed: Talks
  EXPECT_EQ(match("lede:markets"), (Ids{"b"}));
  EXPECT_EQ(match("lede:ceasefire"), Ids{});  // a body word, not in the lede
  EXPECT_EQ(match("ceasefire"), (Ids{"a"}));
  EXPECT_EQ(match("lede:\"resumed in odesa\""), (Ids{"a"}));
  EXPECT_EQ(match("lede:(\"talks in odesa\" OR fell)"), (Ids{"b", "c"}));
  EXPECT_EQ(match("lede:odes*"), (Ids{"a", "c"}));
  EXPECT_EQ(match("lede:talks NEAR/1 lede:resumed"), (Ids{"a"}));
  EXPECT_TRUE(warnings_.empty());
  // The registry's own text fields still work beside it.
  EXPECT_EQ(match("title:harbour lede:talks"), (Ids{"c"}));
}

TEST_F(TextFieldRow, IsAFieldOnlyWhenTheRegistryHasTheRow) {
  std::vector<std::string> warnings;
  const auto with = search::parse_syntax("lede:\"a b\" lede:c*", {}, warnings, fields_);
  ASSERT_TRUE(with);
  EXPECT_EQ(search::dump(*with), "(and lede-phrase:\"a b\" lede-wildcard:c*)");
  EXPECT_TRUE(warnings.empty());
  const auto without = search::parse_syntax("lede:talks", {}, warnings);
  ASSERT_TRUE(without);
  EXPECT_EQ(search::dump(*without), "(and word:lede word:talks)");
  EXPECT_EQ(warnings,
            std::vector<std::string>{"unknown field 'lede': searched lede:talks as words"});
  EXPECT_EQ(match("lede:talks", format::text_fields()), Ids{});
}

}  // namespace
}  // namespace sift::testing
