// SPDX-License-Identifier: GPL-2.0-or-later
// search::QueryParser: every construct of the query language checked by the
// documents its query matches in a small index written by IndexWriter,
// plus warnings, limits and error messages.
#include "search/query/query_parser.h"

#include <gtest/gtest.h>
#include <sift/index_writer.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "index/format/layout.h"
#include "index/format/record.h"
#include "sift/error.h"
#include "support/expect_sift_error.h"
#include "support/test_support.h"
#include "xapian.h"

namespace sift::testing {
namespace {

using search::ParsedQuery;
using search::QueryLimits;
using search::QueryParser;
using Ids = std::vector<std::string>;

struct Doc {
  std::string name;
  std::string body;
  std::string title = {};
  std::string author = {};
  std::string source = {};
  std::string date = {};
};

// `n` words of filler, to set words apart.
std::string fillers(int n) {
  std::string out = "filler";
  for (int i = 1; i < n; ++i) out += " filler";
  return out;
}

// The small index: each document's id is its name.
const std::vector<Doc>& docs() {
  static const std::vector<Doc> kDocs = {
      {"strike", "Ukraine may strike soon."},
      {"striking", "A striking image."},
      {"strikes", "Several strikes happened."},
      {"phrase", "He said the time has come for action."},
      {"scattered", "The time that has come and gone."},
      {"f16-hyphen", "The F-16 arrived."},
      {"f16-space", "One F 16 landed."},
      {"f16-joined", "Many F16 jets."},
      {"kyiv", "Kyiv\u2019s mayor spoke."},
      {"kiev", "Kiev was shelled."},
      {"kyiv-uk", "\u041a\u0438\u0457\u0432 \u0441\u044c\u043e\u0433\u043e\u0434\u043d\u0456."},
      {"us", "The U.S. army helped."},
      {"united-states", "United States army helped."},
      {"near-close", "peace talks were held in Odesa"},
      {"near-far", "peace talks were held again last week in Odesa"},
      {"near-split", "peace came after talks in Odesa"},
      {"near-reversed", "Odesa hosted peace talks"},
      {"near-forty", "talks " + fillers(40) + " Odesa"},
      {"near-fifty-five", "talks " + fillers(55) + " Odesa"},
      {"title-attack", "Harbour damaged.", "Missile attack on port"},
      {"body-attack", "An attack was repelled."},
      {"attacks", "attacks attacked attacker"},
      {"meta1", "Alliance meeting.", "", "Jens Stoltenberg", "Reuters", "2024-05-10"},
      {"meta2", "Alliance summit.", "", "Jens Weber", "BBC News", "2024-06-01"},
      {"meta3", "Alliance dinner.", "", "", "Reuters", ""},
      {"logic", "cats and dogs or birds not fish"},
      {"alpha-beta", "alpha beta"},
      {"alpha-gamma", "alpha gamma"},
      {"beta-gamma", "beta gamma"},
      {"alpha", "alpha only"},
  };
  return kDocs;
}

// The synonym file the index loads: one group per line.
constexpr const char* kSynonymFile =
    "Kyiv Kiev \u041a\u0438\u0457\u0432 \u041a\u0438\u0435\u0432\n"
    "US U.S. \"United States\" USA\n";

class QueryParserTest : public ::testing::Test {
 protected:
  // The index is built by the real writer: the parser is checked against
  // the layout IndexWriter really writes, never a copy of it.
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    analyzer_ = std::make_unique<analysis::Analyzer>();
    const auto path = dir_->path() / "index";
    {
      IndexWriter writer(path);
      for (const Doc& d : docs()) {
        Document doc;
        doc.id = d.name;
        doc.title = d.title;
        doc.paragraphs = {d.body};
        doc.author = d.author;
        doc.source = d.source;
        doc.date = d.date;
        writer.add(doc);
      }
      write_file(dir_->path() / "synonyms.txt", kSynonymFile);
      writer.load_synonyms(dir_->path() / "synonyms.txt");
    }
    db_ = std::make_unique<Xapian::Database>(path.string());
  }
  static void TearDownTestSuite() {
    db_.reset();
    analyzer_.reset();
    dir_.reset();
  }

  static ParsedQuery parse(const std::string& q, QueryLimits limits = {}) {
    return QueryParser(*analyzer_, *db_, limits).parse(q);
  }

  static Ids run(const Xapian::Query& query) {
    Xapian::Enquire enquire(*db_);
    enquire.set_query(query);
    Ids out;
    const Xapian::MSet m = enquire.get_mset(0, 1000);
    for (auto it = m.begin(); it != m.end(); ++it) {
      const auto summary = format::decode_summary(format::summary_bytes(it.get_document()));
      out.push_back(summary ? summary->id : "(damaged)");
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  // The names of the documents `q` matches, sorted.
  static Ids match(const std::string& q) { return run(parse(q).query); }

  static Ids sorted(Ids ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  static Ids all_docs() {
    Ids out;
    for (const Doc& d : docs()) out.push_back(d.name);
    return sorted(out);
  }

  static bool has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<analysis::Analyzer> analyzer_;
  static std::unique_ptr<Xapian::Database> db_;
};
std::unique_ptr<TempDir> QueryParserTest::dir_;
std::unique_ptr<analysis::Analyzer> QueryParserTest::analyzer_;
std::unique_ptr<Xapian::Database> QueryParserTest::db_;

// ------------------------------------------------------------- plain words

TEST_F(QueryParserTest, PlainWordMatchesEveryFormOfItsStem) {
  EXPECT_EQ(match("strikes"), sorted({"strike", "striking", "strikes"}));
  EXPECT_EQ(match("STRIKE"), sorted({"strike", "striking", "strikes"}));
  const ParsedQuery p = parse("strikes");
  EXPECT_EQ(p.description, "stem:strike");
  EXPECT_TRUE(has(p.expansions, "strikes -> stem strike"));
  EXPECT_TRUE(has(p.highlight_stems, "strike"));
  EXPECT_TRUE(p.has_positive);
}

TEST_F(QueryParserTest, PlainWordsAreAllRequired) {
  EXPECT_EQ(match("alpha gamma"), Ids{"alpha-gamma"});
  EXPECT_EQ(match("alpha zebra"), Ids{});
}

TEST_F(QueryParserTest, LowerCaseOperatorWordsAreWordsAndTheExplanationSaysSo) {
  const ParsedQuery p = parse("alpha or gamma");
  EXPECT_EQ(p.description, "(stem:alpha AND stem:or AND stem:gamma)");
  EXPECT_TRUE(has(p.expansions, "'or' is searched as a word; write OR for the operator"));
  EXPECT_FALSE(has(parse("alpha OR gamma").expansions,
                   "'or' is searched as a word; write OR for the operator"));
}

TEST_F(QueryParserTest, HyphenatedWordMatchesJoinedSpacedAndHyphenatedForms) {
  EXPECT_EQ(match("F-16"), sorted({"f16-hyphen", "f16-space", "f16-joined"}));
  EXPECT_EQ(match("F16"), sorted({"f16-hyphen", "f16-joined"}));
  const ParsedQuery p = parse("F-16");
  EXPECT_EQ(p.description, "(phrase:\"f 16\" OR exact:f16)");
  // Two hyphenated words joined by a slash: two words, each hyphenated.
  EXPECT_EQ(parse("a-b/c-d").description,
            "((phrase:\"a b\" OR exact:ab) AND (phrase:\"c d\" OR exact:cd))");
  EXPECT_TRUE(has(p.highlight_exact, "f16"));
  EXPECT_TRUE(has(p.highlight_exact, "16"));
  ASSERT_EQ(p.words.size(), 2u);
  EXPECT_EQ(p.words[0].begin, 0u);
  EXPECT_EQ(p.words[0].end, 1u);
  EXPECT_EQ(p.words[1].begin, 2u);
  EXPECT_EQ(p.words[1].end, 4u);
}

TEST_F(QueryParserTest, WordsCarryByteSpansForSpellingCorrection) {
  const std::string q = "Stoltenbreg  strikes title:port =alpha atta*";
  const ParsedQuery p = parse(q);
  ASSERT_EQ(p.words.size(), 5u);
  EXPECT_EQ(q.substr(p.words[0].begin, p.words[0].end - p.words[0].begin), "Stoltenbreg");
  EXPECT_EQ(p.words[0].normalized, "stoltenbreg");
  EXPECT_TRUE(p.words[0].correctable);
  EXPECT_EQ(q.substr(p.words[1].begin, p.words[1].end - p.words[1].begin), "strikes");
  EXPECT_TRUE(p.words[1].correctable);
  EXPECT_EQ(p.words[2].normalized, "port");
  EXPECT_FALSE(p.words[2].correctable);
  EXPECT_EQ(p.words[3].normalized, "alpha");
  EXPECT_FALSE(p.words[3].correctable);
  EXPECT_EQ(q.substr(p.words[4].begin, p.words[4].end - p.words[4].begin), "atta*");
  EXPECT_FALSE(p.words[4].correctable);
}

TEST_F(QueryParserTest, LowerCaseOperatorsAreWords) {
  EXPECT_EQ(match("cats and dogs"), Ids{"logic"});
  EXPECT_EQ(match("cats or fish"), Ids{"logic"});
  EXPECT_EQ(match("birds not fish"), Ids{"logic"});
  EXPECT_EQ(parse("cats or fish").description, "(stem:cat AND stem:or AND stem:fish)");
  EXPECT_EQ(match("alpha OR cats"), sorted({"alpha", "alpha-beta", "alpha-gamma", "logic"}));
}

TEST_F(QueryParserTest, CyrillicInEitherCase) {
  const Ids expected = sorted({"kyiv", "kiev", "kyiv-uk"});
  EXPECT_EQ(match("\u041a\u0438\u0457\u0432"), expected);  // Київ
  EXPECT_EQ(match("\u043a\u0438\u0457\u0432"), expected);  // київ
  EXPECT_EQ(match("=\u043a\u0438\u0457\u0432"), Ids{"kyiv-uk"});
}

TEST_F(QueryParserTest, PossessiveWithCurlyApostrophe) {
  EXPECT_TRUE(has(match("Kyiv\u2019s"), "kyiv"));
  EXPECT_EQ(match("=Kyiv\u2019s"), Ids{"kyiv"});
  EXPECT_EQ(match("=Kyiv's"), Ids{"kyiv"});
  // The possessive's stem is the name's, and so are its synonyms.
  EXPECT_EQ(match("Kiev\u2019s"), sorted({"kyiv", "kiev", "kyiv-uk"}));
}

// ----------------------------------------------------------------- phrases

TEST_F(QueryParserTest, PhraseInStraightAndCurlyQuotes) {
  EXPECT_EQ(match("\"the time has come\""), Ids{"phrase"});
  EXPECT_EQ(match("\u201cthe time has come\u201d"), Ids{"phrase"});
  EXPECT_EQ(match("\u201ethe time has come\u201c"), Ids{"phrase"});
  EXPECT_EQ(match("the time has come"), sorted({"phrase", "scattered"}));
  const ParsedQuery p = parse("strikes \u201cthe time has come\u201d");
  EXPECT_EQ(p.description, "(stem:strike AND phrase:\"the time has come\")");
  // A word and a phrase: both, the phrase's words in order.
  EXPECT_EQ(match("happened \u201cseveral strikes\u201d"), Ids{"strikes"});
  EXPECT_EQ(match("happened \u201cstrikes several\u201d"), Ids{});
  EXPECT_TRUE(has(p.highlight_exact, "time"));
}

TEST_F(QueryParserTest, StemmedPhrase) {
  EXPECT_EQ(match("~\"strike happens\""), Ids{"strikes"});
  EXPECT_EQ(match("\"strike happens\""), Ids{});
  EXPECT_EQ(parse("~\"strike happens\"").description, "stemphrase:\"strike happen\"");
}

TEST_F(QueryParserTest, SingleWordPhraseIsTheExactTerm) {
  EXPECT_EQ(match("\"strikes\""), Ids{"strikes"});
}

TEST_F(QueryParserTest, ExactWord) {
  EXPECT_EQ(match("=strikes"), Ids{"strikes"});
  EXPECT_EQ(match("=striking"), Ids{"striking"});
  const ParsedQuery p = parse("=strikes");
  EXPECT_EQ(p.description, "exact:strikes");
  EXPECT_TRUE(has(p.highlight_exact, "strikes"));
  EXPECT_TRUE(p.highlight_stems.empty());
}

// --------------------------------------------------------------- operators

TEST_F(QueryParserTest, BooleanPrecedence) {
  // OR binds looser than the implicit AND.
  EXPECT_EQ(match("alpha OR beta gamma"),
            sorted({"alpha", "alpha-beta", "alpha-gamma", "beta-gamma"}));
  EXPECT_EQ(match("(alpha OR beta) gamma"), sorted({"alpha-gamma", "beta-gamma"}));
  EXPECT_EQ(match("alpha AND beta OR gamma"), sorted({"alpha-beta", "alpha-gamma", "beta-gamma"}));
  EXPECT_EQ(match("alpha AND (beta OR gamma)"), sorted({"alpha-beta", "alpha-gamma"}));
}

TEST_F(QueryParserTest, Negation) {
  const Ids alpha_not_beta = sorted({"alpha", "alpha-gamma"});
  EXPECT_EQ(match("alpha -beta"), alpha_not_beta);
  EXPECT_EQ(match("alpha NOT beta"), alpha_not_beta);
  EXPECT_EQ(match("alpha AND NOT beta"), alpha_not_beta);
  EXPECT_EQ(match("alpha -\"alpha beta\""), alpha_not_beta);
  EXPECT_EQ(match("alpha -(beta OR gamma)"), Ids{"alpha"});
  EXPECT_EQ(match("alpha NOT NOT beta"), Ids{"alpha-beta"});
  const ParsedQuery p = parse("alpha -beta");
  EXPECT_EQ(p.description, "(stem:alpha AND NOT stem:beta)");
  EXPECT_FALSE(has(p.highlight_stems, "beta"));
}

TEST_F(QueryParserTest, PurelyNegativeQueryMatchesAllOtherDocuments) {
  Ids expected;
  for (const auto& name : all_docs()) {
    if (name.find("alpha") == std::string::npos) expected.push_back(name);
  }
  for (const char* q : {"-alpha", "NOT alpha"}) {
    const ParsedQuery p = parse(q);
    EXPECT_FALSE(p.has_positive) << q;
    EXPECT_EQ(p.description, "(all documents AND NOT stem:alpha)") << q;
    EXPECT_EQ(run(p.query), expected) << q;
  }
  EXPECT_EQ(parse("-alpha -beta").description, "(all documents AND NOT (stem:alpha OR stem:beta))");
}

TEST_F(QueryParserTest, RequiredWordIsAPlainWord) {
  EXPECT_EQ(match("+alpha beta"), Ids{"alpha-beta"});
  EXPECT_EQ(parse("+alpha +beta").description, parse("alpha beta").description);
}

TEST_F(QueryParserTest, LongRunsOfNotsDoNotRecurse) {
  const std::string nots(60000, '-');
  EXPECT_EQ(match(nots + "alpha"), sorted({"alpha", "alpha-beta", "alpha-gamma"}));
  std::string words;
  for (int i = 0; i < 16000; ++i) words += "NOT ";
  EXPECT_EQ(match(words + "alpha"), sorted({"alpha", "alpha-beta", "alpha-gamma"}));
}

// ------------------------------------------------------------ NEAR and ADJ

// What Xapian 1.4 accepts inside OP_NEAR / OP_PHRASE, which the NEAR
// approximation relies on: terms and ORs of terms work; a phrase, a synonym
// group or a wildcard is refused.  If a Xapian upgrade changes this, the
// approximation in query_builder.cc can be revisited.
TEST_F(QueryParserTest, XapianNearAcceptsOnlyTermsAndOrsOfTerms) {
  using Q = Xapian::Query;
  // The exact terms as the parser spells them (=word), not copied here.
  const Q talks = parse("=talks").query, odesa = parse("=odesa").query;
  const Q peace = parse("=peace").query;
  auto near = [](Q a, Q b) {
    const std::vector<Q> subs{a, b};
    return Q(Q::OP_NEAR, subs.begin(), subs.end(), 5);
  };
  EXPECT_EQ(run(near(Q(Q::OP_OR, talks, Q("zzz")), odesa)),
            sorted({"near-close", "near-reversed", "near-split"}));
  EXPECT_THROW(near(Q(Q::OP_PHRASE, peace, talks), odesa), Xapian::UnimplementedError);
  EXPECT_THROW(near(Q(Q::OP_SYNONYM, talks, Q("zzz")), odesa), Xapian::UnimplementedError);
  EXPECT_THROW(near(Q(Q::OP_WILDCARD, "talk"), odesa), Xapian::UnimplementedError);
}

TEST_F(QueryParserTest, NearOfWordsCountsTheWordsBetween) {
  // talks .. Odesa: 3 words between (close), 6 (far), 1 (split), reversed.
  EXPECT_EQ(match("talks NEAR/3 odesa"), sorted({"near-close", "near-reversed", "near-split"}));
  EXPECT_EQ(match("talks NEAR/2 odesa"), sorted({"near-reversed", "near-split"}));
  EXPECT_EQ(match("talks NEAR odesa"),
            sorted({"near-close", "near-far", "near-reversed", "near-split"}));
  EXPECT_EQ(match("talks ADJ/3 odesa"), sorted({"near-close", "near-split"}));
}

TEST_F(QueryParserTest, NearWithAPhraseOperand) {
  EXPECT_EQ(match("\"peace talks\" NEAR/3 Odesa"), sorted({"near-close", "near-reversed"}));
  EXPECT_EQ(match("\"peace talks\" NEAR/10 Odesa"),
            sorted({"near-close", "near-far", "near-reversed"}));
  EXPECT_EQ(match("\"peace talks\" ADJ/3 Odesa"), Ids{"near-close"});
  EXPECT_EQ(match("Odesa ADJ/3 \"peace talks\""), Ids{"near-reversed"});
  const ParsedQuery p = parse("\"peace talks\" NEAR/3 Odesa");
  EXPECT_NE(p.description.find("phrase:\"peace talks\" NEAR/3 stem:odesa"), std::string::npos)
      << p.description;
  EXPECT_NE(p.description.find("approximated"), std::string::npos) << p.description;
}

TEST_F(QueryParserTest, NearUsesSynonymsAndWildcardsAsOrsOfTerms) {
  EXPECT_EQ(match("kiev NEAR/1 mayor"), Ids{"kyiv"});
  EXPECT_EQ(match("may NEAR/1 stri*"), Ids{"strike"});
  const ParsedQuery p = parse("us NEAR/2 army");
  EXPECT_EQ(run(p.query), Ids{"us"});  // "United States" is two words: not usable in NEAR.
  EXPECT_TRUE(has(p.warnings, "multi-word synonyms of 'us' are not used inside NEAR/ADJ"));
}

TEST_F(QueryParserTest, NearWithAnOrOfWordsOperand) {
  const ParsedQuery p = parse("(odesa OR kherson) NEAR/3 talks");
  EXPECT_EQ(run(p.query), sorted({"near-close", "near-reversed", "near-split"}));
  EXPECT_EQ(p.description, "((stem:odesa OR stem:kherson) NEAR/3 stem:talk)");
  EXPECT_TRUE(p.warnings.empty());
  // Alternatives with synonyms and wildcards still make one OR of terms.
  EXPECT_EQ(match("(kiev OR zzz*) ADJ/0 mayor"), Ids{"kyiv"});
  // An OR holding a phrase is not one position: AND, with a warning.
  const ParsedQuery q = parse("(odesa OR \"peace talks\") NEAR/3 held");
  EXPECT_TRUE(has(q.warnings,
                  "NEAR needs words or phrases on both sides: searched its "
                  "operands with AND"));
}

TEST_F(QueryParserTest, NearWindowIsCapped) {
  const ParsedQuery p = parse("talks NEAR/500 odesa");
  EXPECT_TRUE(has(p.warnings, "NEAR/500: the window is capped at 50 words"));
  // 40 words between talks and Odesa are within the cap, 55 are not.
  EXPECT_EQ(run(p.query),
            sorted({"near-close", "near-far", "near-forty", "near-reversed", "near-split"}));
  EXPECT_EQ(run(p.query), match("talks NEAR/50 odesa"));
  EXPECT_EQ(match("talks NEAR/39 odesa"),
            sorted({"near-close", "near-far", "near-reversed", "near-split"}));
}

TEST_F(QueryParserTest, NearWithANonPositionalOperandFallsBackToAnd) {
  const ParsedQuery p = parse("alliance NEAR source:reuters");
  EXPECT_TRUE(has(p.warnings,
                  "NEAR needs words or phrases on both sides: searched its operands "
                  "with AND"));
  EXPECT_EQ(run(p.query), sorted({"meta1", "meta3"}));
}

// --------------------------------------------------------------- wildcards

TEST_F(QueryParserTest, WildcardExpandsOverExactTerms) {
  const ParsedQuery p = parse("atta*");
  EXPECT_EQ(run(p.query), sorted({"attacks", "body-attack", "title-attack"}));
  EXPECT_TRUE(has(p.expansions, "atta* -> attack, attacked, attacker, attacks")) << p.expansions[0];
  EXPECT_TRUE(has(p.highlight_exact, "attacker"));
  EXPECT_EQ(p.description, "wildcard:atta*");
  EXPECT_EQ(match("ATTACKE*"), Ids{"attacks"});
}

TEST_F(QueryParserTest, WildcardPastItsCapIsAnError) {
  QueryLimits limits;
  limits.max_wildcard_terms = 3;
  EXPECT_SIFT_ERROR(parse("atta*", limits), ErrorCode::BadQuery,
                    "wildcard 'atta*' matches more than 3 terms; use a longer prefix");
  limits.max_wildcard_terms = 4;
  EXPECT_NO_THROW(parse("atta*", limits));
}

TEST_F(QueryParserTest, BareAndLeadingWildcards) {
  ParsedQuery p = parse("alpha *");
  EXPECT_TRUE(has(p.warnings, "a bare '*' was ignored"));
  EXPECT_EQ(run(p.query), sorted({"alpha", "alpha-beta", "alpha-gamma"}));
  p = parse("*lpha");
  EXPECT_TRUE(has(p.warnings, "leading wildcards are not supported: searched '*lpha' as 'lpha'"));
  EXPECT_SIFT_ERROR(parse("*"), ErrorCode::BadQuery, "query has no searchable words");
}

// ------------------------------------------------------------------ fields

TEST_F(QueryParserTest, TitleField) {
  EXPECT_EQ(match("title:attack"), Ids{"title-attack"});
  EXPECT_EQ(match("title:attacks"), Ids{"title-attack"});  // stemmed
  EXPECT_EQ(match("title:\"attack on port\""), Ids{"title-attack"});
  EXPECT_EQ(match("title:\"port attack\""), Ids{});
  EXPECT_EQ(match("title:att*"), Ids{"title-attack"});
  EXPECT_TRUE(has(parse("title:att*").expansions, "title:att* -> attack"));
  EXPECT_EQ(match("attack"), sorted({"attacks", "body-attack", "title-attack"}));
}

TEST_F(QueryParserTest, FieldAppliedToAGroup) {
  EXPECT_EQ(match("title:(missile port)"), Ids{"title-attack"});
  EXPECT_EQ(match("title:(harbour OR port)"), Ids{"title-attack"});
  EXPECT_EQ(match("title:(attack -harbour)"), Ids{"title-attack"});
  EXPECT_EQ(match("title:(\"attack on\" por*)"), Ids{"title-attack"});
  EXPECT_EQ(match("title:(harbour)"), Ids{});  // "Harbour" is in the body only
  EXPECT_EQ(parse("title:(missile port)").description, "(title:missil AND title:port)");
  EXPECT_FALSE(parse("title:(missile)").words.at(0).correctable);
  EXPECT_EQ(match("author:(jens OR weber)"), sorted({"meta1", "meta2"}));
  EXPECT_EQ(match("author:(weber stoltenberg)"), Ids{});
  // A space after ':' leaves the group unscoped.
  const ParsedQuery p = parse("title: (harbour)");
  EXPECT_TRUE(has(p.warnings, "field 'title:' has no value: ignored"));
  EXPECT_EQ(run(p.query), Ids{"title-attack"});
}

TEST_F(QueryParserTest, AuthorField) {
  EXPECT_EQ(match("author:Jens"), sorted({"meta1", "meta2"}));
  EXPECT_EQ(match("author:stoltenberg"), Ids{"meta1"});
  EXPECT_EQ(match("author:\"Jens Stoltenberg\""), Ids{"meta1"});
  EXPECT_EQ(match("author:\"Stoltenberg Jens\""), Ids{});
  EXPECT_EQ(parse("author:\"Jens Stoltenberg\"").description, "author:\"jens stoltenberg\"");
}

TEST_F(QueryParserTest, SourceFieldFiltersWithoutScoring) {
  EXPECT_EQ(match("source:Reuters"), sorted({"meta1", "meta3"}));
  EXPECT_EQ(match("source:\"BBC News\""), Ids{"meta2"});
  EXPECT_EQ(match("source:reuters OR source:\"bbc news\""), sorted({"meta1", "meta2", "meta3"}));
  const ParsedQuery p = parse("alliance source:reuters");
  EXPECT_EQ(run(p.query), sorted({"meta1", "meta3"}));
  EXPECT_EQ(p.description, "(stem:allianc AND source=reuters)");
  // Same weights as without the filter.
  Xapian::Enquire with(*db_), without(*db_);
  with.set_query(p.query);
  without.set_query(parse("alliance").query);
  const auto a = with.get_mset(0, 10), b = without.get_mset(0, 10);
  for (auto it = a.begin(); it != a.end(); ++it) {
    for (auto jt = b.begin(); jt != b.end(); ++jt) {
      if (*it == *jt) {
        EXPECT_DOUBLE_EQ(it.get_weight(), jt.get_weight());
      }
    }
  }
}

TEST_F(QueryParserTest, DateField) {
  EXPECT_EQ(match("date:2024-05-01..2024-05-31"), Ids{"meta1"});
  EXPECT_EQ(match("date:..2024-05-31"), Ids{"meta1"});
  EXPECT_EQ(match("date:2024-05-11.."), Ids{"meta2"});
  EXPECT_EQ(match("date:2024-06-01"), Ids{"meta2"});
  EXPECT_EQ(match("alliance date:2024-05-10"), Ids{"meta1"});
  EXPECT_EQ(match("date:2024-05"), Ids{"meta1"});
  // Each bad date says what is wrong with it (the rule of ingest/iso_date.h).
  for (const auto& [bad, why] : std::vector<std::pair<std::string, std::string>>{
           {"date:2024-13-01", "invalid month 13 in '2024-13-01'"},
           {"date:2024-02-30", "2024-02 has no day 30"},
           {"date:yesterday", "not a date 'yesterday'; use YYYY, YYYY-MM or YYYY-MM-DD"},
           {"date:..", "empty date range; use FROM..TO, FROM.., ..TO or one date (YYYY[-MM[-DD]])"},
           {"date:2025..2024", "range start 2025 is after its end 2024"}}) {
    const ParsedQuery p = parse("alliance " + bad);
    EXPECT_TRUE(has(p.warnings, "'" + bad + "': " + why + ": ignored")) << bad;
    EXPECT_EQ(run(p.query), sorted({"meta1", "meta2", "meta3"})) << bad;
  }
  EXPECT_TRUE(has(parse("alliance date:2024-06-01..2024-05-01").warnings,
                  "'date:2024-06-01..2024-05-01': range start 2024-06-01 is after its end "
                  "2024-05-01: ignored"));
  EXPECT_EQ(match("date:2024-02-29"), Ids{});  // a leap day is valid
}

TEST_F(QueryParserTest, UnknownFieldIsSearchedAsWords) {
  const ParsedQuery p = parse("alpha:beta");
  EXPECT_TRUE(has(p.warnings, "unknown field 'alpha': searched alpha:beta as words"));
  EXPECT_EQ(run(p.query), Ids{"alpha-beta"});
  EXPECT_TRUE(p.words.at(0).correctable);
}

TEST_F(QueryParserTest, FieldWithoutValue) {
  const ParsedQuery p = parse("alpha title:");
  EXPECT_TRUE(has(p.warnings, "field 'title:' has no value: ignored"));
  EXPECT_EQ(run(p.query), sorted({"alpha", "alpha-beta", "alpha-gamma"}));
}

// ---------------------------------------------------------------- synonyms

TEST_F(QueryParserTest, SingleWordSynonyms) {
  const ParsedQuery p = parse("kiev");
  EXPECT_EQ(run(p.query), sorted({"kyiv", "kiev", "kyiv-uk"}));
  // Accents are folded: Київ is stored as киів.
  EXPECT_TRUE(has(p.expansions,
                  "kiev -> synonyms kyiv, \u043a\u0438\u0435\u0432, \u043a\u0438\u0456\u0432"))
      << (p.expansions.empty() ? "" : p.expansions[0]);
  EXPECT_TRUE(has(p.highlight_stems, "kyiv"));
  EXPECT_TRUE(has(p.highlight_stems, "\u043a\u0438\u0456\u0432"));
  EXPECT_EQ(match("-kiev alpha"), sorted({"alpha", "alpha-beta", "alpha-gamma"}));
  EXPECT_TRUE(parse("-kiev alpha").highlight_stems == std::vector<std::string>{"alpha"});
}

TEST_F(QueryParserTest, MultiWordSynonyms) {
  const Ids both = sorted({"us", "united-states"});
  EXPECT_EQ(match("US"), both);
  EXPECT_EQ(match("U.S."), both);
  EXPECT_EQ(match("United States"), both);
  EXPECT_EQ(match("army United States"), both);
  EXPECT_EQ(match("\"united states\""), Ids{"united-states"});
  const ParsedQuery p = parse("United States");
  EXPECT_TRUE(has(p.expansions, "united states -> synonyms us, usa"))
      << (p.expansions.empty() ? "" : p.expansions[0]);
  EXPECT_EQ(p.description, "((stem:unit AND stem:state) OR stem:us OR stem:usa)");
  const ParsedQuery us = parse("us");
  EXPECT_TRUE(has(us.expansions, "us -> synonyms united states, usa"));
  EXPECT_TRUE(has(us.highlight_exact, "united"));
  EXPECT_TRUE(has(us.highlight_exact, "states"));
}

// ---------------------------------------------------------------- malformed

TEST_F(QueryParserTest, UnbalancedQuoteSearchesTheRestAsWords) {
  const ParsedQuery p = parse("\"the time has come");
  EXPECT_EQ(p.warnings, std::vector<std::string>{"unbalanced quote: searched the rest as words"});
  EXPECT_EQ(run(p.query), sorted({"phrase", "scattered"}));
  EXPECT_EQ(parse("title:\"attack on").warnings,
            std::vector<std::string>{"unbalanced quote: searched the rest as words"});
}

TEST_F(QueryParserTest, UnbalancedParentheses) {
  ParsedQuery p = parse("(alpha OR beta");
  EXPECT_TRUE(has(p.warnings, "missing ')': closed at the end of the query"));
  EXPECT_EQ(run(p.query), run(parse("(alpha OR beta)").query));
  p = parse("alpha) beta");
  EXPECT_TRUE(has(p.warnings, "unmatched ')' ignored"));
  EXPECT_EQ(run(p.query), Ids{"alpha-beta"});
}

TEST_F(QueryParserTest, OperatorsWithMissingOperandsAreIgnored) {
  const Ids alpha = sorted({"alpha", "alpha-beta", "alpha-gamma"});
  struct Case {
    const char* query;
    const char* warning;
  };
  for (const Case& c :
       {Case{"alpha AND", "'AND' without a right operand: ignored"},
        Case{"AND alpha", "'AND' without a left operand: ignored"},
        Case{"alpha OR", "'OR' without a right operand: ignored"},
        Case{"OR alpha", "'OR' without a left operand: ignored"},
        Case{"alpha NOT", "'NOT' without an operand: ignored"},
        Case{"alpha AND OR NOT", "'NOT' without an operand: ignored"},
        Case{"alpha NEAR/3", "'NEAR/3' without a right operand: ignored"},
        Case{"ADJ alpha", "'ADJ' without a left operand: ignored"},
        Case{"alpha -", "a lone '-' was ignored"}, Case{"+ alpha", "a lone '+' was ignored"},
        Case{"alpha \"\"", "empty phrase \"\" ignored"},
        Case{"alpha \u201c \u201d", "empty phrase \"\" ignored"},
        Case{"alpha \"!!\"", "phrase \"!!\" has no searchable words: ignored"}}) {
    const ParsedQuery p = parse(c.query);
    EXPECT_TRUE(has(p.warnings, c.warning))
        << c.query << ": " << ::testing::PrintToString(p.warnings);
    EXPECT_EQ(run(p.query), alpha) << c.query;
  }
}

// ------------------------------------------------------------------ limits

TEST_F(QueryParserTest, EmptyQueries) {
  for (const char* q : {"", "   ", "!!!", "-", "()", "\"\"", "AND OR NOT"}) {
    EXPECT_SIFT_ERROR(parse(q), ErrorCode::BadQuery, "query has no searchable words");
  }
}

TEST_F(QueryParserTest, AQueryLeftWithNoWordsSaysWhatWasDropped) {
  // Alone, an impossible range leaves nothing to search: the error says why.
  EXPECT_SIFT_ERROR(parse("date:2025..2024"), ErrorCode::BadQuery,
                    "query has no searchable words ('date:2025..2024': range start 2025 is "
                    "after its end 2024: ignored)");
  EXPECT_SIFT_ERROR(parse("date:2024-02-30"), ErrorCode::BadQuery, "2024-02 has no day 30");
}

TEST_F(QueryParserTest, QueryTooLong) {
  EXPECT_SIFT_ERROR(parse(std::string(70000, 'a')), ErrorCode::BadQuery,
                    "query is 70000 bytes; the limit is 65536");
  const auto start = std::chrono::steady_clock::now();
  EXPECT_SIFT_ERROR(parse(std::string(10 * 1024 * 1024, 'x')), ErrorCode::BadQuery,
                    "query is 10485760 bytes; the limit is 65536");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(QueryParserTest, TooManyTerms) {
  QueryLimits limits;
  limits.max_terms = 5;
  EXPECT_NO_THROW(parse("alpha beta gamma only cats", limits));
  EXPECT_SIFT_ERROR(parse("alpha beta gamma only cats dogs", limits), ErrorCode::BadQuery,
                    "query has more than 5 terms after analysis and expansion");
  std::string many;
  for (int i = 0; i < 2000; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_SIFT_ERROR(parse(many), ErrorCode::BadQuery,
                    "query has more than 1024 terms after analysis and expansion");
}

TEST_F(QueryParserTest, NestingTooDeep) {
  EXPECT_NO_THROW(parse(std::string(64, '(') + "alpha" + std::string(64, ')')));
  EXPECT_SIFT_ERROR(parse(std::string(65, '(') + "alpha"), ErrorCode::BadQuery,
                    "query nests parentheses deeper than 64");
  // 100,000 '(': over the size limit by default; with a larger size limit,
  // a fast depth error rather than a stack overflow.
  const std::string parens(100000, '(');
  EXPECT_SIFT_ERROR(parse(parens), ErrorCode::BadQuery,
                    "query is 100000 bytes; the limit is 65536");
  QueryLimits limits;
  limits.max_query_bytes = 1 << 20;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_SIFT_ERROR(parse(parens + "alpha", limits), ErrorCode::BadQuery,
                    "query nests parentheses deeper than 64");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
}

TEST_F(QueryParserTest, InvalidUtf8) {
  EXPECT_SIFT_ERROR(parse("alpha \xff beta"), ErrorCode::BadQuery,
                    "query is not valid UTF-8 (byte 6)");
  EXPECT_SIFT_ERROR(parse("alpha \xc3"), ErrorCode::BadQuery, "query is not valid UTF-8 (byte 6)");
}

TEST_F(QueryParserTest, LongMalformedQueriesStayLinear) {
  // Every kind of repair, repeated up to the size limit.
  for (const std::string unit : {"alpha) ", "( ", "\" ", "AND OR ", "- ", "NEAR/3 ", "a:b "}) {
    std::string q;
    while (q.size() + unit.size() < 65000) q += unit;
    q += " alpha";
    const auto start = std::chrono::steady_clock::now();
    try {
      parse(q);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::BadQuery) << unit << ": " << e.what();
    }
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2)) << unit;
  }
}

// Random mixes of every construct: each parses (and its query runs) or is
// refused with BadQuery, and word spans always lie inside the query.
TEST_F(QueryParserTest, RandomQueriesParseOrFailCleanly) {
  const std::vector<std::string> pieces = {"alpha",
                                           "beta",
                                           "OR",
                                           "AND",
                                           "NOT",
                                           "-",
                                           "+",
                                           "(",
                                           ")",
                                           "\"",
                                           "\u201c",
                                           "\u201d",
                                           "~\"",
                                           "NEAR/3",
                                           "ADJ",
                                           "NEAR/99",
                                           "title:",
                                           "source:",
                                           "date:2024-05..",
                                           "author:",
                                           "*",
                                           "atta*",
                                           "=",
                                           "F-16",
                                           "kiev",
                                           "united",
                                           "states",
                                           ":",
                                           "..",
                                           "\u041a\u0438\u0457\u0432",
                                           "\u2019s",
                                           "!!",
                                           "us",
                                           "foo:",
                                           "\u00a0"};
  std::mt19937 rng(20240501);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(1, 12), coin(0, 1);
  std::size_t parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string q;
    for (std::size_t i = 0, n = length(rng); i < n; ++i) {
      q += pieces[pick(rng)];
      if (coin(rng)) q += ' ';
    }
    try {
      const ParsedQuery p = parse(q);
      run(p.query);
      ++parsed;
      for (const auto& w : p.words) {
        EXPECT_LT(w.begin, w.end) << q;
        EXPECT_LE(w.end, q.size()) << q;
      }
      EXPECT_FALSE(p.description.empty()) << q;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::BadQuery) << q << ": " << e.what();
      // The message may go on to say why (the warnings of what was dropped).
      EXPECT_TRUE(std::string(e.what()).starts_with("query has no searchable words")) << q;
    }
  }
  EXPECT_GT(parsed, 2000u);
}

// ------------------------------------------------------------------ corpus

TEST(QueryParserCorpus, FindsTheArticlesOfTheSeedCorpus) {
  TempDir dir;
  {
    IndexWriter writer(dir / "index");
    writer.index_paths({corpus_dir()});
    writer.load_synonyms(corpus_dir() / "synonyms.txt");
    writer.commit();
  }
  Xapian::Database db((dir / "index").string());
  analysis::Analyzer analyzer;
  QueryParser parser(analyzer, db);
  auto count = [&](const std::string& q) {
    Xapian::Enquire e(db);
    e.set_query(parser.parse(q).query);
    return e.get_mset(0, 10).size();
  };
  EXPECT_GE(count("Stoltenberg \u201cthe time has come\u201d"), 1u);
  EXPECT_GE(count("Kiev"), count("Kyiv"));
  EXPECT_EQ(count("Kiev"), count("\u041a\u0438\u0457\u0432"));
  EXPECT_EQ(count("xylophone"), 0u);
}

}  // namespace
}  // namespace sift::testing
