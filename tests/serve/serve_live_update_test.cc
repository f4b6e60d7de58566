// SPDX-License-Identifier: GPL-2.0-or-later
// Documents that sift-index commits while sift-serve runs show up on the
// next request, without a restart, and searches racing the commits never
// fail.
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "http_client.h"
#include "serve_process.h"
#include "support/test_support.h"

namespace sift {
namespace {

using nlohmann::json;
using testing::ServeProcess;
using testing::TempDir;

json get_json(const ServeProcess& server, const std::string& path, int* status = nullptr) {
  const testing::HttpAnswer res = testing::http_get(server.port(), path);
  if (status) *status = res.status;
  return json::parse(res.body);
}

std::string zeppelin_article(int n) {
  return json{{"id", "zeppelin-" + std::to_string(n)},
              {"title", "Zeppelin number " + std::to_string(n) + " lands in Friedrichshafen"},
              {"body", "An airship called zeppelin " + std::to_string(n) + " landed safely."},
              {"source", "Airship Weekly"},
              {"date", "2024-07-0" + std::to_string(n)}}
      .dump();
}

TEST(ServeLiveUpdate, CommittedDocumentsAppearWithoutARestart) {
  TempDir dir;
  testing::build_test_index(dir / "db");
  // The reader below searches as fast as it can: no rate limit here.
  ServeProcess server(dir / "db", {"--threads", "4", "--rate", "0"});

  EXPECT_EQ(get_json(server, "/api/search?q=zeppelin")["total"], 0);
  EXPECT_EQ(get_json(server, "/healthz")["documents"], 19);

  // Searches keep running while sift-index commits, and none may fail.
  std::atomic<bool> done{false};
  std::atomic<int> searches{0}, failures{0};
  std::thread reader([&] {
    while (!done) {
      ++searches;
      try {
        if (testing::http_get(server.port(), "/api/search?q=zeppelin%20OR%20nato&limit=20")
                .status != 200) {
          ++failures;
        }
      } catch (const std::exception&) {
        ++failures;
      }
    }
  });

  for (int n = 1; n <= 3; ++n) {
    const auto file = dir / ("batch" + std::to_string(n) + ".jsonl");
    testing::write_file(file, zeppelin_article(n) + "\n");
    const testing::RunResult r = testing::run(
        {testing::example_program("sift-index"), "--db", (dir / "db").string(), file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // The very next request sees the commit, on whichever worker thread.
    for (int i = 0; i < 4; ++i) {
      const json found = get_json(server, "/api/search?q=zeppelin&limit=10");
      EXPECT_EQ(found["total"], n) << found.dump();
    }
    EXPECT_EQ(get_json(server, "/healthz")["documents"], 19 + n);
    int status = 0;
    const json doc = get_json(server, "/api/doc/zeppelin-" + std::to_string(n), &status);
    EXPECT_EQ(status, 200) << doc.dump();
    EXPECT_EQ(doc["source"], "Airship Weekly");
  }
  const json completions = get_json(server, "/api/suggest?q=zepp");
  EXPECT_EQ(completions["completions"][0]["word"], "zeppelin");
  EXPECT_EQ(completions["completions"][0]["documents"], 3);

  done = true;
  reader.join();
  EXPECT_GT(searches.load(), 0);
  EXPECT_EQ(failures.load(), 0) << "searches racing the commits failed";
  EXPECT_EQ(server.stop(), 0);
}

}  // namespace
}  // namespace sift
