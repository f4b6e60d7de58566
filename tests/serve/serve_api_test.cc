// SPDX-License-Identifier: GPL-2.0-or-later
// sift-serve's HTTP API, run as a user runs it: sift-index builds an index
// of corpus/ and data/news.jsonl, sift-serve serves it on a free loopback
// port, and each test checks answers and error statuses over HTTP.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "api_error_expect.h"
#include "http_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace sift {
namespace {

using nlohmann::json;
using testing::ServeProcess;
using testing::TempDir;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// An HTTP answer with its body parsed as JSON (null when it is not JSON).
struct Answer {
  testing::HttpAnswer raw;
  int status = 0;
  std::string content_type;
  std::string csp;
  std::string body;
  json data;
};

Answer get(const ServeProcess& server, const std::string& path) {
  const testing::HttpAnswer res = testing::http_get(server.port(), path);
  Answer a{res,
           res.status,
           res.header("content-type"),
           res.header("content-security-policy"),
           res.body,
           json::parse(res.body, nullptr, false)};
  if (a.data.is_discarded()) a.data = nullptr;
  return a;
}

void expect_error(const Answer& a, int status, const std::string& code,
                  const std::string& message_part) {
  testing::expect_api_error(a.raw, status, code, message_part);
}

class ServeApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    testing::build_test_index(db());
    server_ = std::make_unique<ServeProcess>(db());
  }
  static void TearDownTestSuite() {
    server_.reset();  // stops the server even when a test failed
    dir_.reset();
  }
  static std::filesystem::path db() { return dir_->path() / "db"; }
  static Answer get(const std::string& path) { return sift::get(*server_, path); }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ServeProcess> server_;
};

TEST_F(ServeApi, PrintsTheLoopbackUrlItServes) {
  EXPECT_TRUE(has(server_->banner(), "(19 documents)")) << server_->banner();
  EXPECT_TRUE(has(server_->banner(), "http://127.0.0.1:" + std::to_string(server_->port()) + "/"))
      << server_->banner();
}

TEST_F(ServeApi, SearchReturnsTheSameObjectAsSiftSearchJson) {
  const Answer a = get("/api/search?q=nato%20ukraine&limit=5&sort=date&filter=source:Reuters");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_TRUE(has(a.content_type, "application/json"));
  const testing::RunResult cli = testing::run(
      {testing::example_program("sift-search"), "--db", db().string(), "--json", "--filter",
       "source:Reuters", "--limit", "5", "--sort", "date", "nato", "ukraine"});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  json expected = json::parse(cli.out);
  json actual = a.data;
  ASSERT_TRUE(actual.contains("elapsed_us"));
  expected.erase("elapsed_us");
  actual.erase("elapsed_us");
  EXPECT_EQ(actual, expected);
  // Same keys in the same order, too.
  std::vector<std::string> keys;
  const auto ordered = nlohmann::ordered_json::parse(a.body);
  for (const auto& [k, v] : ordered.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"query", "explanation", "total", "offset", "limit",
                                            "ran", "auto_corrected", "suggestion", "warnings",
                                            "hits", "facets", "cut_short", "elapsed_us"}));
}

TEST_F(ServeApi, SearchFindsHighlightsCountsFacetsAndPages) {
  const Answer all = get("/api/search?q=ukraine&limit=100");
  ASSERT_EQ(all.status, 200) << all.body;
  const std::size_t total = all.data["total"];
  EXPECT_EQ(total, 14u);
  EXPECT_TRUE(has(all.data["hits"][0]["snippet"], "<mark>"));
  EXPECT_EQ(all.data["facets"]["source"]["Reuters"], 2);
  EXPECT_EQ(all.data["facets"]["month"]["2024-05"], 3);

  const Answer page2 = get("/api/search?q=ukraine&limit=10&offset=10");
  ASSERT_EQ(page2.status, 200) << page2.body;
  ASSERT_EQ(page2.data["hits"].size(), 4u);
  EXPECT_EQ(page2.data["hits"][0]["rank"], 11);
  EXPECT_EQ(page2.data["hits"][0]["id"], all.data["hits"][10]["id"]);

  const Answer no_snippets = get("/api/search?q=ukraine&snippets=0");
  for (const auto& hit : no_snippets.data["hits"]) EXPECT_EQ(hit["snippet"], "");
}

TEST_F(ServeApi, HitsCarryUrlPathAndAnEscapedHighlightedTitle) {
  const Answer a = get("/api/search?q=researchers%20script");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_FALSE(a.data["hits"].empty()) << a.body;
  const auto& hit = a.data["hits"][0];
  EXPECT_EQ(hit["id"], "bbc-03");
  EXPECT_EQ(hit["url"], "https://news.example/bbc-03");
  EXPECT_EQ(hit["author"], "");
  EXPECT_TRUE(hit["path"].get<std::string>().ends_with("news.jsonl:13")) << hit["path"];
  EXPECT_EQ(hit["title"], "Security researchers warn about <script> tags in news feeds");
  EXPECT_EQ(hit["title_highlighted"],
            "Security <mark>researchers</mark> warn about &lt;<mark>script</mark>&gt; tags in "
            "news feeds");
}

TEST_F(ServeApi, SearchSortsByDateAndFilters) {
  const Answer a = get("/api/search?q=ukraine&sort=date&filter=date:2024-05&limit=100");
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(a.data["hits"].size(), 3u);
  std::vector<std::string> dates;
  for (const auto& h : a.data["hits"]) dates.push_back(h["date"]);
  EXPECT_TRUE(std::is_sorted(dates.rbegin(), dates.rend())) << a.body;
  EXPECT_EQ(dates.front(), "2024-05-31");
  EXPECT_EQ(dates.back(), "2024-05-20");
}

TEST_F(ServeApi, SearchOffersDidYouMean) {
  const Answer a = get("/api/search?q=ukrane");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.data["suggestion"], "ukraine");
  // No document has "ukrane": the correction's results are shown, and the
  // answer says which query ran; as_typed=1 keeps the query as typed.
  EXPECT_EQ(a.data["auto_corrected"], true) << a.body;
  EXPECT_EQ(a.data["ran"], "ukraine");
  EXPECT_FALSE(a.data["hits"].empty());
  const Answer typed = get("/api/search?q=ukrane&as_typed=1");
  EXPECT_EQ(typed.data["auto_corrected"], false) << typed.body;
  EXPECT_EQ(typed.data["total"], 0);
}

// prefix=1: the last word, while typed, stands for the index's words that
// start with it, so half a word already finds.
TEST_F(ServeApi, PrefixSearchMatchesTheWordsTheLastWordStarts) {
  const Answer plain = get("/api/search?q=nato%20ukr");
  ASSERT_FALSE(plain.data["hits"].empty()) << plain.body;
  EXPECT_EQ(plain.data["hits"][0]["all_words"], false) << "no document has \"ukr\": " << plain.body;
  EXPECT_FALSE(plain.data.contains("prefix"));

  const Answer a = get("/api/search?q=nato%20ukr&prefix=1&limit=100");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.data["query"], "nato ukr") << "the query as typed";
  EXPECT_EQ(a.data["prefix"]["word"], "ukr");
  const auto& words = a.data["prefix"]["completions"];
  EXPECT_EQ(words[0], "ukraine") << a.body;
  EXPECT_TRUE(a.data["warnings"].empty()) << "every hit has nato and a ukr... word: " << a.body;
  // The same hits as the full words typed out.
  const Answer full = get("/api/search?q=nato%20(ukraine%20OR%20ukrainian)&limit=100");
  EXPECT_EQ(a.data["total"], full.data["total"]) << a.body;

  // Not inside a phrase, a field value or an excluded word.
  for (const char* q : {"%22nato%20ukr", "source:Reu", "nato%20-ukr"}) {
    const Answer kept = get(std::string("/api/search?prefix=1&q=") + q);
    EXPECT_TRUE(kept.data["prefix"]["completions"].empty()) << kept.body;
  }
}

// Facets are multi-select (each field counted without its own filters);
// facet_choices=1 repeats them; values of one field are ORed.
TEST_F(ServeApi, FiltersOfOneFieldAreOredAndFacetChoicesIgnoreTheirOwnField) {
  const Answer one = get("/api/search?q=ukraine&filter=source:Reuters&facet_choices=1");
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.data["total"], 2);
  EXPECT_EQ(one.data["facets"]["source"]["Kyiv Independent"], 3) << one.body;
  EXPECT_EQ(one.data["facets"]["source"]["Reuters"], 2) << one.body;
  EXPECT_EQ(one.data["facet_choices"], one.data["facets"]);

  const Answer two = get(
      "/api/search?q=ukraine&filter=source:Reuters&filter=source:BBC&facet_choices=1&limit=100");
  ASSERT_EQ(two.status, 200) << two.body;
  EXPECT_EQ(two.data["total"], 4);
  for (const auto& hit : two.data["hits"]) {
    EXPECT_TRUE(hit["source"] == "Reuters" || hit["source"] == "BBC") << hit.dump();
  }
  EXPECT_EQ(two.data["facet_choices"]["source"]["Associated Press"], 2) << two.body;

  // Fields are still ANDed: two sources within one month.
  const Answer both =
      get("/api/"
          "search?q=ukraine&filter=source:Reuters&filter=source:BBC&filter=date:2024-03&limit=100");
  EXPECT_EQ(both.data["total"], 2) << both.body;
  const Answer months =
      get("/api/search?q=ukraine&filter=date:2024-03&filter=date:2024-05&limit=100");
  EXPECT_EQ(months.data["total"], 5) << months.body;
}

// Tags (from the JSONL) filter and facet like the other keyword fields.
TEST_F(ServeApi, TagsFilterAndFacet) {
  const Answer tagged = get("/api/search?q=security%20OR%20ukraine&filter=tags:Security");
  ASSERT_EQ(tagged.status, 200) << tagged.body;
  std::vector<std::string> ids;
  for (const auto& hit : tagged.data["hits"]) ids.push_back(hit["id"]);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"ap-01", "bbc-03"})) << tagged.body;
  EXPECT_EQ(tagged.data["facets"]["tags"]["security"], 2) << tagged.body;
  EXPECT_EQ(tagged.data["facets"]["tags"]["politics"], 1) << tagged.body;
}

TEST_F(ServeApi, DocReturnsTheStoredArticleVerbatim) {
  const Answer a = get("/api/doc/bbc-03");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.data["id"], "bbc-03");
  EXPECT_EQ(a.data["title"], "Security researchers warn about <script> tags in news feeds");
  EXPECT_EQ(a.data["date"], "2024-03-22");
  EXPECT_EQ(a.data["source"], "BBC");
  EXPECT_TRUE(has(a.data["text"], "<script>document.body.innerHTML='PWNED'</script>"));
  EXPECT_TRUE(has(a.data["text"], "\nAnother trick"));  // paragraphs kept apart
  // No keyword field of this index is stored: always present, empty.
  EXPECT_EQ(a.data["keywords"], nlohmann::json::object()) << a.body;

  // Ids may hold slashes, spaces and any UTF-8: percent-encoded in the path.
  const Answer odd = get("/api/doc/weather%2F2024%2007/Z%C3%BCrich");
  ASSERT_EQ(odd.status, 200) << odd.body;
  EXPECT_EQ(odd.data["id"], "weather/2024 07/Zürich");
  EXPECT_EQ(odd.data["title"], "Heatwave grips Switzerland");

  const Answer corpus = get("/api/doc/000_3fc74faefdc7eeff");
  ASSERT_EQ(corpus.status, 200) << corpus.body;
  EXPECT_TRUE(has(corpus.data["title"], "NATO chief pushes"));
}

TEST_F(ServeApi, SuggestCompletesTheLastWordMostFrequentFirst) {
  const Answer a = get("/api/suggest?q=nato%20ukr");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.data["word"], "ukr");
  const auto& c = a.data["completions"];
  ASSERT_GE(c.size(), 2u) << a.body;
  EXPECT_EQ(c[0]["word"], "ukraine");
  EXPECT_EQ(c[0]["documents"], 14);
  for (std::size_t i = 1; i < c.size(); ++i) {
    EXPECT_GE(c[i - 1]["documents"].get<int>(), c[i]["documents"].get<int>()) << a.body;
    EXPECT_TRUE(c[i]["word"].get<std::string>().starts_with("ukr")) << a.body;
  }

  // The typed word is folded like a query word (case, accents).
  const Answer folded = get("/api/suggest?q=Z%C3%9CR");
  ASSERT_EQ(folded.status, 200) << folded.body;
  EXPECT_EQ(folded.data["word"], "ZÜR");
  ASSERT_EQ(folded.data["completions"].size(), 1u) << folded.body;
  EXPECT_EQ(folded.data["completions"][0]["word"], "zurich");

  const Answer typo = get("/api/suggest?q=stoltenbrg");
  ASSERT_EQ(typo.status, 200) << typo.body;
  EXPECT_EQ(typo.data["suggestion"], "stoltenberg");

  const Answer empty = get("/api/suggest?q=");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(empty.data["completions"].empty());
  EXPECT_TRUE(empty.data["suggestion"].is_null());
}

TEST_F(ServeApi, HealthzReportsDocumentsAndLastCommit) {
  const Answer a = get("/healthz");
  ASSERT_EQ(a.status, 200) << a.body;
  EXPECT_EQ(a.data["status"], "ok");
  EXPECT_EQ(a.data["documents"], 19);
  EXPECT_GT(a.data["revision"].get<int>(), 0);
  ASSERT_TRUE(a.data["last_commit"].is_string()) << a.body;
  EXPECT_TRUE(a.data["last_commit"].get<std::string>().ends_with("Z")) << a.body;
}

TEST_F(ServeApi, BadRequestsAre400WithAJsonMessage) {
  expect_error(get("/api/search"), 400, "bad_request", "q is missing");
  expect_error(get("/api/search?q=%20%20"), 400, "bad_request", "q is missing");
  expect_error(get("/api/search?q=" + std::string(1001, 'a')), 400, "bad_request",
               "the query is 1001 bytes long; the limit is 1000");
  expect_error(get("/api/search?q=nato&limit=0"), 400, "bad_request",
               "limit must be between 1 and 100, not 0");
  expect_error(get("/api/search?q=nato&limit=101"), 400, "bad_request",
               "limit must be between 1 and 100");
  expect_error(get("/api/search?q=nato&limit=ten"), 400, "bad_request",
               "limit must be a whole number, not 'ten'");
  expect_error(get("/api/search?q=nato&offset=10001"), 400, "bad_request",
               "offset must be between 0 and 10000");
  expect_error(get("/api/search?q=nato&sort=oldest"), 400, "bad_request",
               "sort must be relevance or date, not 'oldest'");
  expect_error(get("/api/search?q=nato&filter=colour:x"), 400, "bad_query",
               "unknown filter field 'colour'; use source, author, tags or date");
  expect_error(get("/api/search?q=nato&filter=nocolon"), 400, "bad_request",
               "filter 'nocolon' is not FIELD:VALUE");
  expect_error(get("/api/search?q=nato&snippets=maybe"), 400, "bad_request",
               "snippets must be 1, 0, true or false");
  expect_error(get("/api/search?q=nato&filter=date:yesterday"), 400, "bad_query",
               "bad date filter 'yesterday'");
  expect_error(get("/api/search?q=%22%22"), 400, "bad_query", "no searchable words");
  expect_error(get("/api/suggest?q=" + std::string(1001, 'a')), 400, "bad_request",
               "the query is 1001 bytes long");
}

TEST_F(ServeApi, UnknownDocumentsAndPagesAre404) {
  expect_error(get("/api/doc/no-such-article"), 404, "not_found",
               "no document with id 'no-such-article'");
  expect_error(get("/nothing-here"), 404, "not_found", "no such page: /nothing-here");
  // Nothing is served from the disk, whatever the path says.
  expect_error(get("/../../etc/passwd"), 404, "not_found", "no such page");
  expect_error(get("/page.html"), 404, "not_found", "no such page");
  expect_error(get("/api/doc/..%2F..%2Fetc%2Fpasswd"), 404, "not_found", "no document");
}

TEST_F(ServeApi, ThePageAndItsFilesCarryAContentSecurityPolicy) {
  for (const auto& [path, type] :
       std::vector<std::pair<std::string, std::string>>{{"/", "text/html"},
                                                        {"/page.js", "text/javascript"},
                                                        {"/page.css", "text/css"},
                                                        {"/api/search?q=nato", "application/json"},
                                                        {"/api/doc/missing", "application/json"}}) {
    const Answer a = get(path);
    EXPECT_TRUE(has(a.content_type, type)) << path << ": " << a.content_type;
    EXPECT_TRUE(has(a.csp, "default-src 'none'")) << path;
    EXPECT_TRUE(has(a.csp, "script-src 'self'")) << path;
  }
  const Answer page = get("/");
  EXPECT_TRUE(has(page.body, "<script src=\"/page.js\"")) << page.body;
  EXPECT_FALSE(has(page.body, "<script>")) << "inline scripts would break the CSP";
}

TEST_F(ServeApi, ConcurrentRequestsAllSucceed) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const char* q = (t + i) % 2 ? "/api/search?q=nato" : "/api/search?q=weapons%20russia";
        const Answer a = get(q);
        if (a.status != 200 || a.data["hits"].empty()) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures, 0);
}

// The index going away mid-run gives 503, and the server recovers once an
// index is back, without a restart.
TEST(ServeUnavailable, IndexGoneIs503ThenRecovers) {
  TempDir dir;
  testing::build_test_index(dir / "db");
  ServeProcess server(dir / "db");
  ASSERT_EQ(get(server, "/healthz").status, 200);
  std::filesystem::remove_all(dir / "db");
  expect_error(get(server, "/api/search?q=nato"), 503, "index_unavailable",
               "the index is unavailable");
  expect_error(get(server, "/healthz"), 503, "index_unavailable", "the index is unavailable");
  expect_error(get(server, "/api/doc/bbc-03"), 503, "index_unavailable", "");
  testing::build_test_index(dir / "db");
  for (int i = 0; i < 8; ++i) {  // every worker thread reopens
    ASSERT_EQ(get(server, "/api/search?q=nato").status, 200);
  }
  EXPECT_EQ(server.stop(), 0) << "SIGTERM stops the server cleanly";
}

// One access-log line per request, with what a person needs to follow a
// client, and nothing a client could use to forge a line.
TEST(ServeObserve, AccessLogHasOneLinePerRequest) {
  TempDir dir;
  testing::build_test_index(dir / "db");
  const auto log = dir / "access.log";
  ServeProcess server(dir / "db", {"--access-log", log.string()});
  ASSERT_EQ(get(server, "/api/search?q=nato%20ukraine&limit=2").status, 200);
  ASSERT_EQ(get(server, "/no\"where\x01").status, 404);
  ASSERT_EQ(testing::http_get(server.port(), "/healthz", {"Host: evil.example"}).status, 421);
  EXPECT_EQ(server.stop(), 0);
  const std::string text = testing::read_file(log);
  std::vector<std::string> lines;
  for (std::size_t pos = 0, end; (end = text.find('\n', pos)) != std::string::npos; pos = end + 1) {
    lines.push_back(text.substr(pos, end - pos));
  }
  ASSERT_EQ(lines.size(), 3u) << text;
  // A line is written once the answer is sent, so the order may vary.
  std::sort(lines.begin(), lines.end(), [](const std::string& a, const std::string& b) {
    return a.substr(a.find('"')) < b.substr(b.find('"'));
  });
  const std::regex line(
      R"re(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ 127\.0\.0\.1 "GET (\S+)" (\d{3}) (\d+) \d+\.\d{3}ms$)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(lines[0], m, line)) << lines[0];
  EXPECT_EQ(m[1], "/api/search?q=nato%20ukraine&limit=2");
  EXPECT_EQ(m[2], "200");
  EXPECT_GT(std::stoi(m[3]), 100);
  ASSERT_TRUE(std::regex_match(lines[1], m, line)) << lines[1];
  EXPECT_EQ(m[1], "/healthz");
  EXPECT_EQ(m[2], "421");
  ASSERT_TRUE(std::regex_match(lines[2], m, line)) << lines[2];
  EXPECT_EQ(m[1], "/no\\x22where\\x01") << "quotes and control bytes escaped";
  EXPECT_EQ(m[2], "404");
}

TEST(ServeObserve, StatsCountRequestsAndLatencyPercentiles) {
  TempDir dir;
  testing::build_test_index(dir / "db");
  ServeProcess server(dir / "db");
  for (int i = 0; i < 20; ++i) ASSERT_EQ(get(server, "/api/search?q=nato").status, 200);
  ASSERT_EQ(get(server, "/nothing").status, 404);
  ASSERT_EQ(get(server, "/api/search?q=nato&limit=0").status, 400);
  // A request is counted once its answer is sent, a moment after the
  // client has it: wait (briefly) for the last one.
  Answer a;
  for (int i = 0; i < 50; ++i) {
    a = get(server, "/stats");
    ASSERT_EQ(a.status, 200) << a.body;
    if (a.data["by_route"].contains("search") && a.data["by_route"]["search"]["requests"] == 21 &&
        a.data["by_status"].contains("404")) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const json& s = a.data;
  EXPECT_GE(s["all"]["requests"], 22) << "and the /stats requests, each after it";
  EXPECT_GE(s["by_status"]["200"], 20) << a.body;
  EXPECT_EQ(s["by_status"]["404"], 1) << a.body;
  EXPECT_EQ(s["by_status"]["400"], 1) << a.body;
  const json& search = s["by_route"]["search"];
  EXPECT_EQ(search["requests"], 21) << a.body;
  const double p50 = search["p50_ms"], p90 = search["p90_ms"], p99 = search["p99_ms"],
               max = search["max_ms"];
  EXPECT_GT(p50, 0);
  EXPECT_LE(p50, p90);
  EXPECT_LE(p90, p99);
  EXPECT_LE(p99, max);
  EXPECT_GE(s["open_connections"].get<int>(), 1);
  EXPECT_GE(s["uptime_s"].get<double>(), 0);
}

TEST(ServeStartup, MissingIndexExits3WithAHint) {
  TempDir dir;
  const testing::RunResult r = testing::run(
      {testing::example_program("sift-serve"), "--db", (dir / "none").string(), "--port", "0"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_TRUE(has(r.err, "no such index")) << r.err;
  EXPECT_TRUE(has(r.err, "build an index first")) << r.err;
}

TEST(ServeStartup, BadOptionsExit2) {
  const testing::RunResult r =
      testing::run({testing::example_program("sift-serve"), "--db", "x", "--port", "70000"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(has(r.err, "--port")) << r.err;
}

}  // namespace
}  // namespace sift
