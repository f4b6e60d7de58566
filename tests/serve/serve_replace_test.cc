// SPDX-License-Identifier: GPL-2.0-or-later
// An index replaced under a running sift-serve (deleted and rebuilt, or a
// new one renamed into place) is noticed by the next request, and no
// deleted file stays open.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
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
using namespace std::chrono_literals;

json get_json(const ServeProcess& server, const std::string& target) {
  const auto a = testing::http_get(server.port(), target);
  EXPECT_EQ(a.status, 200) << target << ": " << a.body;
  return json::parse(a.body, nullptr, false);
}

// Builds an index of one article about `word` at `db`.
void build_small_index(const TempDir& dir, const std::filesystem::path& db,
                       const std::string& word) {
  const auto file = dir / (word + ".jsonl");
  testing::write_file(file, json{{"id", word + "-1"},
                                 {"title", "All about " + word},
                                 {"body", "This article is about " + word + "."},
                                 {"source", "Test"},
                                 {"date", "2025-01-01"}}
                                    .dump() +
                                "\n");
  const auto r =
      testing::run({testing::example_program("sift-index"), "--db", db.string(), file.string()});
  if (r.exit_code != 0) throw std::runtime_error("sift-index failed: " + r.err);
}

// Files this process holds open that were deleted.
std::vector<std::string> deleted_open_files(pid_t pid) {
  std::vector<std::string> out;
  const std::filesystem::path fds = "/proc/" + std::to_string(pid) + "/fd";
  for (const auto& e : std::filesystem::directory_iterator(fds)) {
    std::error_code ec;
    const auto target = std::filesystem::read_symlink(e.path(), ec).string();
    if (!ec && target.ends_with(" (deleted)")) out.push_back(target);
  }
  return out;
}

// Waits up to 5 s for the server to close what was deleted.
bool no_deleted_files_open(pid_t pid) {
  for (int i = 0; i < 50; ++i) {
    if (deleted_open_files(pid).empty()) return true;
    std::this_thread::sleep_for(100ms);
  }
  for (const auto& f : deleted_open_files(pid)) ADD_FAILURE() << "still open: " << f;
  return false;
}

TEST(ServeReplace, ADeletedAndRebuiltIndexIsServedAtOnce) {
  TempDir dir;
  const auto db = dir / "db";
  testing::build_test_index(db);
  ServeProcess server(db, {"--threads", "2"});
  for (int i = 0; i < 6; ++i) ASSERT_EQ(get_json(server, "/healthz")["documents"], 19);

  std::filesystem::remove_all(db);
  build_small_index(dir, db, "walrus");
  for (int i = 0; i < 10; ++i) {  // on every polling thread
    EXPECT_EQ(get_json(server, "/healthz")["documents"], 1);
    EXPECT_EQ(get_json(server, "/api/search?q=walrus")["total"], 1);
    EXPECT_EQ(get_json(server, "/api/search?q=ukraine")["total"], 0);
  }
  EXPECT_TRUE(no_deleted_files_open(server.pid()));
}

TEST(ServeReplace, ANewIndexRenamedIntoPlaceIsServedAtOnce) {
  TempDir dir;
  const auto db = dir / "db";
  build_small_index(dir, db, "walrus");
  ServeProcess server(db, {"--threads", "2"});
  for (int i = 0; i < 6; ++i) ASSERT_EQ(get_json(server, "/api/search?q=walrus")["total"], 1);

  build_small_index(dir, dir / "db.new", "narwhal");
  std::filesystem::rename(db, dir / "db.old");
  std::filesystem::rename(dir / "db.new", db);
  std::filesystem::remove_all(dir / "db.old");
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(get_json(server, "/api/search?q=narwhal")["total"], 1);
    EXPECT_EQ(get_json(server, "/api/search?q=walrus")["total"], 0);
  }
  EXPECT_TRUE(no_deleted_files_open(server.pid()));
}

// Threads that get no request after the replacement close their Searchers
// too (the once-a-second sweep), so the old files are really freed.
TEST(ServeReplace, IdleThreadsLetGoOfAReplacedIndex) {
  TempDir dir;
  const auto db = dir / "db";
  build_small_index(dir, db, "walrus");
  ServeProcess server(db, {"--threads", "4"});
  for (int i = 0; i < 20; ++i) get_json(server, "/api/search?q=walrus");
  std::filesystem::remove_all(db);
  EXPECT_TRUE(no_deleted_files_open(server.pid())) << "without a single request";
  build_small_index(dir, db, "narwhal");
  EXPECT_EQ(get_json(server, "/api/search?q=narwhal")["total"], 1);
}

}  // namespace
}  // namespace sift
