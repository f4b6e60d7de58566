// SPDX-License-Identifier: GPL-2.0-or-later
// The query language's lexer and parser, table-driven (re2's parse_test,
// Xapian's api_queryparser): each query, the syntax tree it gives (dump(),
// query_syntax.h) and the warnings of its repairs.  No index, no analysis:
// what words mean is checked by query_parser_test.cc against a real index.
#include "search/query/query_syntax.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sift/error.h"
#include "support/expect_sift_error.h"

namespace sift::search {
namespace {

struct Row {
  const char* query;
  const char* tree;  ///< dump() of the tree, or "(none)" for no items.
  std::vector<std::string> warnings;
};

// clang-format off
const std::vector<Row> kRows = {
    // Words: the lexer cuts at white space only; the analyzer splits later.
    {"alpha", "word:alpha", {}},
    {"alpha beta", "(and word:alpha word:beta)", {}},
    {"strikes", "word:strikes", {}},
    {"F-16", "word:F-16", {}},
    {"a-b/c-d", "word:a-b/c-d", {}},
    {"C++", "word:C++", {}},
    {"x86_64", "word:x86_64", {}},
    {"U.S.", "word:U.S.", {}},
    // White space is util::is_white_space: no-break, ideographic and zero
    // width spaces and NEXT LINE cut words; U+FEFF (no-break) does not.
    {"alpha\u00A0beta", "(and word:alpha word:beta)", {}},
    {"alpha\u3000beta", "(and word:alpha word:beta)", {}},
    {"alpha\u200Bbeta", "(and word:alpha word:beta)", {}},
    {"alpha\u0085beta", "(and word:alpha word:beta)", {}},
    {"\u200Balpha\u200B", "word:alpha", {}},
    {"alpha\u200B-beta", "(and word:alpha (not word:beta))", {}},
    {"alpha\u0085OR\u0085beta", "(or word:alpha word:beta)", {}},
    {"alpha\uFEFFbeta", "word:alpha\uFEFFbeta", {}},
    {"alpha\u2060beta", "word:alpha\u2060beta", {}},
    // Phrases in straight and typographic quotes, stemmed phrases, =exact.
    {"\"the time has come\"", "phrase:\"the time has come\"", {}},
    {"“the time has come”", "phrase:\"the time has come\"", {}},
    {"„the time“", "phrase:\"the time\"", {}},
    {"~\"strike happens\"", "stemphrase:\"strike happens\"", {}},
    {"\"strikes\"", "phrase:strikes", {}},
    {"=strikes", "exact:strikes", {}},
    // Wildcards.
    {"atta*", "wildcard:atta*", {}},
    {"*", "(none)", {"a bare '*' was ignored"}},
    {"*lpha", "word:lpha", {"leading wildcards are not supported: searched '*lpha' as 'lpha'"}},
    {"alpha *", "word:alpha", {"a bare '*' was ignored"}},
    // AND, OR and precedence; lower-case operators are words.
    {"alpha OR beta gamma", "(or word:alpha (and word:beta word:gamma))", {}},
    {"(alpha OR beta) gamma", "(and (or word:alpha word:beta) word:gamma)", {}},
    {"alpha AND beta OR gamma", "(or (and! word:alpha word:beta) word:gamma)", {}},
    {"alpha AND (beta OR gamma)", "(and! word:alpha (or word:beta word:gamma))", {}},
    {"alpha or beta", "(and word:alpha word:or word:beta)", {}},
    {"alpha and beta not gamma", "(and word:alpha word:and word:beta word:not word:gamma)", {}},
    // NOT, - and +.
    {"alpha -beta", "(and word:alpha (not word:beta))", {}},
    {"alpha NOT beta", "(and word:alpha (not word:beta))", {}},
    {"alpha AND NOT beta", "(and! word:alpha (not word:beta))", {}},
    {"NOT NOT alpha", "word:alpha", {}},
    {"-alpha -beta", "(and (not word:alpha) (not word:beta))", {}},
    {"+alpha beta", "(and +word:alpha word:beta)", {}},
    {"+alpha +beta", "(and +word:alpha +word:beta)", {}},
    {"alpha -\"alpha beta\"", "(and word:alpha (not phrase:\"alpha beta\"))", {}},
    {"alpha -(beta OR gamma)", "(and word:alpha (not (or word:beta word:gamma)))", {}},
    // NEAR and ADJ: one flat chain, n between each pair (10 by default, capped).
    {"talks NEAR/3 odesa", "(near word:talks /3 word:odesa)", {}},
    {"talks NEAR odesa", "(near word:talks /10 word:odesa)", {}},
    {"talks ADJ/2 odesa", "(adj word:talks /2 word:odesa)", {}},
    {"a NEAR/2 b NEAR/5 c", "(near word:a /2 word:b /5 word:c)", {}},
    {"talks NEAR/500 odesa", "(near word:talks /50 word:odesa)", {"NEAR/500: the window is capped at 50 words"}},
    {"\"peace talks\" NEAR/3 Odesa", "(near phrase:\"peace talks\" /3 word:Odesa)", {}},
    // Fields: title, author, the registry's keyword fields, dates.
    {"title:attack", "title:attack", {}},
    {"title:\"attack on port\"", "title-phrase:\"attack on port\"", {}},
    {"title:att*", "title-wildcard:att*", {}},
    {"title:(missile port)", "(and title:missile title:port)", {}},
    {"title:(harbour OR port)", "(or title:harbour title:port)", {}},
    {"author:Jens", "author:Jens", {}},
    {"author:\"Jens Stoltenberg\"", "author:\"Jens Stoltenberg\"", {}},
    {"source:Reuters", "source=Reuters", {}},
    {"source:\"BBC News\"", "source=\"BBC News\"", {}},
    {"tag:ukraine", "tags=ukraine", {}},
    {"date:2024-05-01..2024-05-31", "date:2024-05-01..2024-05-31", {}},
    {"date:..2024-05-31", "date:..2024-05-31", {}},
    {"date:2024-05", "date:2024-05..2024-05", {}},
    {"date:2024", "date:2024..2024", {}},
    {"date:2024-13-01", "(none)", {"'date:2024-13-01': invalid month 13 in '2024-13-01': ignored"}},
    {"date:2024-02-30", "(none)", {"'date:2024-02-30': 2024-02 has no day 30: ignored"}},
    {"date:yesterday", "(none)", {"'date:yesterday': not a date 'yesterday'; use YYYY, YYYY-MM or YYYY-MM-DD: ignored"}},
    {"date:..", "(none)", {"'date:..': empty date range; use FROM..TO, FROM.., ..TO or one date (YYYY[-MM[-DD]]): ignored"}},
    {"alpha:beta", "(and word:alpha word:beta)", {"unknown field 'alpha': searched alpha:beta as words"}},
    {"alpha title:", "word:alpha", {"field 'title:' has no value: ignored"}},
    {"title: (harbour)", "word:harbour", {"field 'title:' has no value: ignored"}},
    // Other scripts.
    {"Київ", "word:Київ", {}},
    {"東京都", "word:東京都", {}},
    {"東京 大阪", "(and word:東京 word:大阪)", {}},
    // Option-like tokens are words, with a warning.
    {"ls -r", "(and word:ls word:-r)", {"'-r' reads as a command-line option: searched as a word, not as NOT (write NOT word to exclude)"}},
    {"sift-search --help", "(and word:sift-search word:--help)", {"'--help' reads as a command-line option: searched as a word, not as NOT (write NOT word to exclude)"}},
    {"-r", "word:-r", {"'-r' reads as a command-line option: searched as a word, not as NOT (write NOT word to exclude)"}},
    {"--help", "word:--help", {"'--help' reads as a command-line option: searched as a word, not as NOT (write NOT word to exclude)"}},
    {"+x", "word:+x", {"'+x' reads as a command-line option: searched as a word, not as a required word (write +(word))"}},
    // Repairs: each with its warning.
    {"\"the time", "(and word:the word:time)", {"unbalanced quote: searched the rest as words"}},
    {"(alpha OR beta", "(or word:alpha word:beta)", {"missing ')': closed at the end of the query"}},
    {"alpha) beta", "(and word:alpha word:beta)", {"unmatched ')' ignored"}},
    {"alpha AND", "word:alpha", {"'AND' without a right operand: ignored"}},
    {"AND alpha", "word:alpha", {"'AND' without a left operand: ignored"}},
    {"alpha OR", "word:alpha", {"'OR' without a right operand: ignored"}},
    {"OR alpha", "word:alpha", {"'OR' without a left operand: ignored"}},
    {"alpha NOT", "word:alpha", {"'NOT' without an operand: ignored"}},
    {"alpha NEAR/3", "word:alpha", {"'NEAR/3' without a right operand: ignored"}},
    {"ADJ alpha", "word:alpha", {"'ADJ' without a left operand: ignored"}},
    {"alpha -", "word:alpha", {"a lone '-' was ignored"}},
    {"+ alpha", "word:alpha", {"a lone '+' was ignored"}},
    {"alpha \"\"", "word:alpha", {"empty phrase \"\" ignored"}},
    {"alpha \"!!\"", "(and word:alpha phrase:!!)", {}},
    {"alpha ﾟbeta", "(and word:alpha word:ﾟbeta)", {}},
    {"Kyiv’s", "word:Kyiv’s", {}},
    {"title:(attack -harbour)", "(and title:attack (not title:harbour))", {}},
    {"author:(jens OR weber)", "(or author:jens author:weber)", {}},
    {"(odesa OR kherson) NEAR/3 talks", "(near (or word:odesa word:kherson) /3 word:talks)", {}},
    {"alliance NEAR source:reuters", "(near word:alliance /10 source=reuters)", {}},
};
// clang-format on

std::string tree_of(const std::string& query, std::vector<std::string>& warnings,
                    const QueryLimits& limits = {}) {
  const auto tree = parse_syntax(query, limits, warnings);
  return tree ? dump(*tree) : "(none)";
}

TEST(QuerySyntax, EveryRowGivesItsTreeAndWarnings) {
  for (const Row& row : kRows) {
    std::vector<std::string> warnings;
    EXPECT_EQ(tree_of(row.query, warnings), row.tree) << row.query;
    EXPECT_EQ(warnings, row.warnings) << row.query;
  }
}

TEST(QuerySyntax, QueriesWithoutItemsGiveNoTree) {
  for (const char* q : {"", "   ", "()", "(( ))", "\"\""}) {
    std::vector<std::string> warnings;
    EXPECT_EQ(tree_of(q, warnings), "(none)") << q;
  }
  std::vector<std::string> warnings;
  EXPECT_EQ(tree_of("AND OR NOT", warnings), "(none)");
  EXPECT_THAT(warnings, ::testing::UnorderedElementsAre("'AND' without a left operand: ignored",
                                                        "'OR' without a left operand: ignored",
                                                        "'NOT' without an operand: ignored"));
}

TEST(QuerySyntax, ImpossibleQueriesAreBadQueriesThatSayWhy) {
  std::vector<std::string> warnings;
  EXPECT_SIFT_ERROR(tree_of(std::string(70000, 'a'), warnings), ErrorCode::BadQuery,
                    ::testing::StrEq("query is 70000 bytes; the limit is 65536"));
  EXPECT_SIFT_ERROR(tree_of("alpha \xff beta", warnings), ErrorCode::BadQuery,
                    ::testing::StrEq("query is not valid UTF-8 (byte 6)"));
  EXPECT_SIFT_ERROR(tree_of("alpha \xc3", warnings), ErrorCode::BadQuery,
                    ::testing::StrEq("query is not valid UTF-8 (byte 6)"));
  EXPECT_SIFT_ERROR(tree_of(std::string("alpha\0beta", 10), warnings), ErrorCode::BadQuery,
                    ::testing::StrEq("query has a NUL byte (byte 5)"));
  EXPECT_SIFT_ERROR(tree_of(std::string(65, '(') + "alpha", warnings), ErrorCode::BadQuery,
                    ::testing::HasSubstr("query nests parentheses deeper than 64"));
  // The limits are the caller's.
  QueryLimits limits;
  limits.max_query_bytes = 10;
  EXPECT_SIFT_ERROR(tree_of("alpha beta gamma", warnings, limits), ErrorCode::BadQuery,
                    ::testing::StrEq("query is 16 bytes; the limit is 10"));
  limits = {};
  limits.max_depth = 2;
  EXPECT_EQ(tree_of("((alpha))", warnings, limits), "word:alpha");
  EXPECT_SIFT_ERROR(tree_of("(((alpha)))", warnings, limits), ErrorCode::BadQuery,
                    ::testing::HasSubstr("query nests parentheses deeper than 2"));
  limits = {};
  limits.max_near_window = 4;
  warnings.clear();
  EXPECT_EQ(tree_of("talks NEAR/9 odesa", warnings, limits), "(near word:talks /4 word:odesa)");
  EXPECT_EQ(warnings, std::vector<std::string>{"NEAR/9: the window is capped at 4 words"});
}

TEST(QuerySyntax, LongChainsStayFlat) {
  std::string q;
  for (int i = 0; i < 1000; ++i) q += "w OR ";
  q += "w";
  std::vector<std::string> warnings;
  const auto tree = parse_syntax(q, {}, warnings);
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(tree->kind, Node::Kind::Or);
  EXPECT_EQ(tree->children.size(), 1001u);
  // A run of NOTs folds to at most one node.
  std::string nots;
  for (int i = 0; i < 16000; ++i) nots += "NOT ";
  EXPECT_EQ(tree_of(nots + "alpha", warnings), "word:alpha");
  EXPECT_EQ(tree_of("NOT " + nots + "alpha", warnings), "(not word:alpha)");
  // A run of '-' is NOTs up to the last two, which read as an option (--x).
  EXPECT_EQ(tree_of(std::string(6, '-') + "alpha", warnings), "word:--alpha");
  EXPECT_EQ(tree_of(std::string(5, '-') + "alpha", warnings), "(not word:--alpha)");
}

}  // namespace
}  // namespace sift::search
