// SPDX-License-Identifier: GPL-2.0-or-later
// What sift-serve lets in: Host and Origin (DNS rebinding, cross-site
// reads), methods, CORS, and the one check of every parameter (NUL,
// invalid UTF-8, bad escapes, unknown or repeated names).
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api_error_expect.h"
#include "http_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace sift {
namespace {

using nlohmann::json;
using testing::Connection;
using testing::http_get;
using testing::HttpAnswer;
using testing::ServeProcess;
using testing::TempDir;
using namespace std::chrono_literals;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

using testing::expect_api_error;

class ServeGuard : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    testing::build_test_index(dir_->path() / "db");
    server_ = std::make_unique<ServeProcess>(
        dir_->path() / "db", std::vector<std::string>{"--allow-host", "search.example"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  static HttpAnswer get(const std::string& target, const std::vector<std::string>& headers = {},
                        const std::string& method = "GET") {
    return http_get(server_->port(), target, headers, method);
  }
  static std::string port() { return std::to_string(server_->port()); }

  static inline std::unique_ptr<TempDir> dir_;
  static inline std::unique_ptr<ServeProcess> server_;
};

// A page on evil.example whose name now resolves to 127.0.0.1 (DNS
// rebinding) sends Host: evil.example; it must learn nothing.
TEST_F(ServeGuard, OnlyOurOwnNamesInHostAreAnswered) {
  for (const std::string& host :
       std::vector<std::string>{"evil.example", "evil.example:" + port(), "127.0.0.2", "[::2]",
                                "localhost.evil.example", "", "a:b:c"}) {
    const HttpAnswer a = get("/api/doc/bbc-03", {"Host: " + host});
    expect_api_error(a, 421, "bad_host", "does not answer to Host");
    EXPECT_FALSE(has(a.body, "news.jsonl")) << "no path leaks: " << a.body;
    EXPECT_FALSE(has(a.body, "Security researchers")) << a.body;
  }
  for (const std::string& host :
       std::vector<std::string>{"127.0.0.1:" + port(), "127.0.0.1", "localhost:" + port(),
                                "LOCALHOST", "search.example", "Search.Example:443"}) {
    EXPECT_EQ(get("/api/doc/bbc-03", {"Host: " + host}).status, 200) << host;
  }
  // HTTP/1.0 may leave Host out; that is refused too.
  Connection c(server_->port());
  c.send("GET /healthz HTTP/1.0\r\n\r\n");
  const auto answers = c.read_answers(1, 5s);
  ASSERT_EQ(answers.size(), 1u);
  expect_api_error(answers[0], 421, "bad_host", "(none)");
}

// CORS policy: none.  No Access-Control-Allow-* ever; preflights fail;
// requests carrying a foreign Origin are refused.
TEST_F(ServeGuard, NoCrossOriginAccess) {
  const HttpAnswer foreign = get("/api/search?q=nato", {"Origin: http://evil.example"});
  expect_api_error(foreign, 403, "cross_origin", "Origin 'http://evil.example'");
  expect_api_error(get("/healthz", {"Origin: null"}), 403, "cross_origin", "");
  expect_api_error(get("/healthz", {"Origin: http://127.0.0.1.evil.example"}), 403, "cross_origin",
                   "");

  const HttpAnswer preflight =
      get("/api/search?q=nato",
          {"Origin: http://evil.example", "Access-Control-Request-Method: GET"}, "OPTIONS");
  expect_api_error(preflight, 405, "method_not_allowed", "OPTIONS is not allowed");
  EXPECT_EQ(preflight.header("allow"), "GET, HEAD");

  const HttpAnswer own = get("/api/search?q=nato", {"Origin: http://127.0.0.1:" + port()});
  EXPECT_EQ(own.status, 200) << own.body;
  for (const HttpAnswer& a : {foreign, preflight, own, get("/")}) {
    for (const auto& [name, value] : a.headers) {
      EXPECT_FALSE(name.starts_with("access-control-")) << name << ": " << value;
    }
  }
}

TEST_F(ServeGuard, OnlyGetAndHeadAreAllowed) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "TRACE"}) {
    expect_api_error(get("/api/search?q=nato", {}, method), 405, "method_not_allowed",
                     std::string(method) + " is not allowed");
  }
}

// NUL and invalid UTF-8 are refused the same way wherever they are: in
// every parameter of every route, in a parameter name, in a document id.
TEST_F(ServeGuard, EveryParameterIsCheckedTheSameWay) {
  const std::vector<std::pair<std::string, std::string>> places = {
      {"/api/search?q=", "parameter q"},
      {"/api/search?q=nato&filter=source:", "parameter filter"},
      {"/api/search?q=nato&sort=", "parameter sort"},
      {"/api/search?q=nato&limit=", "parameter limit"},
      {"/api/search?q=nato&offset=", "parameter offset"},
      {"/api/search?q=nato&snippets=", "parameter snippets"},
      {"/api/search?q=nato&prefix=", "parameter prefix"},
      {"/api/search?q=nato&facet_choices=", "parameter facet_choices"},
      {"/api/suggest?q=", "parameter q"},
      {"/api/doc/", "the document id"},
  };
  for (const auto& [target, what] : places) {
    expect_api_error(get(target + "a%00b"), 400, "bad_request", what + " contains a NUL byte");
    expect_api_error(get(target + "a%FFb"), 400, "bad_request", what + " is not valid UTF-8");
    expect_api_error(get(target + "%C0%AF"), 400, "bad_request", what + " is not valid UTF-8");
    expect_api_error(get(target + "%ED%A0%80"), 400, "bad_request", what + " is not valid UTF-8");
    expect_api_error(get(target + "a%zz"), 400, "bad_request", what + " has a malformed %-escape");
  }
  expect_api_error(get("/api/search?q=nato&a%00b=1"), 400, "bad_request",
                   "a parameter name contains a NUL byte");
  expect_api_error(get("/nowhere%FF"), 400, "bad_request", "the path is not valid UTF-8");
  // Valid UTF-8 of every length passes.
  EXPECT_EQ(get("/api/search?q=Z%C3%BCrich%20%E2%82%AC%20%F0%9F%98%80").status, 200);
}

TEST_F(ServeGuard, UnknownAndRepeatedParametersAreRefused) {
  expect_api_error(get("/api/search?q=nato&limt=5"), 400, "bad_request",
                   "unknown parameter 'limt' for /api/search; it takes q, limit, offset");
  expect_api_error(get("/healthz?verbose=1"), 400, "bad_request",
                   "unknown parameter 'verbose' for /healthz; it takes none");
  expect_api_error(get("/api/search?q=nato&q=ukraine"), 400, "bad_request",
                   "q is given more than once");
  expect_api_error(get("/api/search?q=nato&limit=5&limit=6"), 400, "bad_request",
                   "limit is given more than once");
  std::string many = "/api/search?q=nato";
  for (int i = 0; i < 40; ++i) many += "&filter=source:x";
  expect_api_error(get(many), 400, "bad_request", "41 parameters given; the limit is 32");
}

}  // namespace
}  // namespace sift
