// SPDX-License-Identifier: GPL-2.0-or-later
// The command-line conventions every program follows, checked by running
// the programs as a user would: --version, short options, SIFT_DB, plain
// output for NO_COLOR / TERM=dumb / pipes, "-" for standard input, .json
// and .ndjson, --wait-lock, synonym files checked before writing, readable
// range errors, JSON errors under --json, and the man pages.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli_run.h"
#include "sift/sift.h"
#include "support/test_support.h"

namespace sift {
namespace {

using testing::example;
using testing::RunOptions;
using testing::RunResult;
using testing::TempDir;
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

RunResult run(const std::vector<std::string>& argv, const RunOptions& options = {}) {
  return testing::run_with(argv, options);
}

// The installed programs (sift-serve when it is built) and hello.
std::vector<std::string> programs() {
  std::vector<std::string> names = {"sift-index", "sift-search", "hello"};
  if (fs::exists(example("sift-serve"))) names.push_back("sift-serve");
  return names;
}

// An index of corpus/ with its synonyms, built once by sift-index.
class Cli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    const std::string corpus = testing::corpus_dir().string();
    const RunResult r =
        run({example("sift-index"), "--db", db(), "-s", corpus + "/synonyms.txt", corpus});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string db() { return (dir_->path() / "db").string(); }
  static TempDir* dir_;
};
TempDir* Cli::dir_ = nullptr;

// ---------------------------------------------------------------- --version

TEST(CliVersion, EveryProgramPrintsItsNameAndVersionWithoutOtherOptions) {
  for (const std::string& name : programs()) {
    for (const char* flag : {"--version", "-V"}) {
      const RunResult r = run({example(name), flag});
      EXPECT_EQ(r.exit_code, 0) << name << " " << flag << ": " << r.err;
      const std::string expected =
          (name == "hello" ? "hello (sift) " : name + " ") + std::string(version()) + "\n";
      EXPECT_EQ(r.out, expected) << name << " " << flag;
    }
  }
}

// ---------------------------------------------------------------- short options, SIFT_DB

TEST_F(Cli, ShortOptionsMeanTheLongOnes) {
  RunResult r = run({example("sift-search"), "-d", db(), "-n", "1", "-o", "1", "-s", "date", "-f",
                     "source:corpus", "-j", "Kiev"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["limit"], 1);
  EXPECT_EQ(j["offset"], 1);
  EXPECT_EQ(j["hits"].size(), 1u);
  r = run({example("sift-search"), "-d", db(), "-e", "Kiev"});
  EXPECT_TRUE(has(r.out, "Expansions:")) << r.out;
  // A query word that starts with '-' is still a query word.
  r = run({example("sift-search"), "-d", db(), "Stoltenberg", "-Blinken", "-j"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["query"], "Stoltenberg -Blinken");
}

TEST_F(Cli, SiftDbStandsForDb) {
  RunOptions env;
  env.env = {{"SIFT_DB", db()}};
  RunResult r = run({example("sift-search"), "Peskov"}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out.starts_with("1 result for \"Peskov\"")) << r.out;

  TempDir other;
  env.env = {{"SIFT_DB", (other / "db").string()}};
  env.input = R"({"id": "e1", "title": "Environment", "body": "Indexed through SIFT_DB."})";
  r = run({example("sift-index"), "-"}, env);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "index " + (other / "db").string() + ": 1 documents")) << r.out;
  // --db wins over SIFT_DB.
  r = run({example("sift-search"), "--db", db(), "Peskov"}, env);
  EXPECT_TRUE(r.out.starts_with("1 result for \"Peskov\"")) << r.out;
}

// ---------------------------------------------------------------- colour

TEST_F(Cli, BoldOnlyOnATerminalWithoutNoColorOrDumbTerm) {
  const std::vector<std::string> argv = {example("sift-search"), "-d", db(), "Stoltenberg"};
  RunOptions tty;
  tty.tty = true;
  tty.env = {{"TERM", "xterm"}};
  RunResult r = run(argv, tty);
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(has(r.out, "\033[1m")) << "no bold on a terminal:\n" << r.out;
  EXPECT_TRUE(has(r.out, "\033[1mStoltenberg\033[0m")) << "the matched word in bold:\n" << r.out;
  EXPECT_FALSE(has(r.out, "<mark>")) << r.out;

  tty.env = {{"TERM", "xterm"}, {"NO_COLOR", "1"}};
  r = run(argv, tty);
  EXPECT_TRUE(has(r.out, "Stoltenberg")) << r.out;
  EXPECT_FALSE(has(r.out, "\033")) << "escapes with NO_COLOR:\n" << r.out;

  tty.env = {{"TERM", "dumb"}};
  r = run(argv, tty);
  EXPECT_TRUE(has(r.out, "Stoltenberg")) << r.out;
  EXPECT_FALSE(has(r.out, "\033")) << "escapes with TERM=dumb:\n" << r.out;

  r = run(argv);  // a file, not a terminal
  EXPECT_TRUE(has(r.out, "Stoltenberg")) << r.out;
  EXPECT_FALSE(has(r.out, "\033")) << r.out;
}

TEST_F(Cli, HelloMarksMatchesInBoldOnATerminalNeverInHtml) {
  RunOptions tty;
  tty.tty = true;
  tty.env = {{"TERM", "xterm"}};
  RunResult r = run({example("hello")}, tty);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "backs \033[1mstrikes\033[0m")) << r.out;
  EXPECT_FALSE(has(r.out, "<mark>")) << r.out;
  tty.env = {{"TERM", "dumb"}};
  r = run({example("hello")}, tty);
  EXPECT_TRUE(has(r.out, "backs [strikes]")) << r.out;
  EXPECT_FALSE(has(r.out, "\033")) << r.out;
}

TEST(CliColour, ProgressLineOnlyOnATerminalWithoutNoColorOrDumbTerm) {
  TempDir dir;
  std::string lines;
  for (int i = 0; i < 4000; ++i) {
    lines += R"({"id": "d)" + std::to_string(i) + R"(", "title": "Document )" + std::to_string(i) +
             R"(", "body": "Words about harbours, ships and storms."})" + "\n";
  }
  testing::write_file(dir / "many.jsonl", lines);
  RunOptions tty;
  tty.tty = true;
  tty.env = {{"TERM", "xterm"}};
  RunResult r =
      run({example("sift-index"), "-d", (dir / "a").string(), (dir / "many.jsonl").string()}, tty);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_TRUE(has(r.out, "docs/s")) << "no progress line on a terminal (indexing took <100 ms?)";
  EXPECT_TRUE(has(r.out, "\033[K")) << r.out.substr(0, 300);

  for (const auto& env : {std::pair<std::string, std::string>{"NO_COLOR", "1"}, {"TERM", "dumb"}}) {
    tty.env = {{"TERM", "xterm"}, env};
    r = run(
        {example("sift-index"), "-d", (dir / env.first).string(), (dir / "many.jsonl").string()},
        tty);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_FALSE(has(r.out, "docs/s")) << env.first << "=" << env.second;
    EXPECT_FALSE(has(r.out, "\033")) << env.first << "=" << env.second;
    EXPECT_TRUE(has(r.out, "indexed 4000 (4000 added")) << r.out;
  }
}

// ---------------------------------------------------------------- inputs

TEST(CliInput, DashReadsJsonlFromStandardInput) {
  // Into a single index and into a sharded one, by the same code path.
  for (const std::string shards : {"", "2"}) {
    SCOPED_TRACE(shards.empty() ? "single index" : "sharded index");
    TempDir dir;
    const std::string db = (dir / "db").string();
    std::vector<std::string> index = {example("sift-index"), "-d", db};
    if (!shards.empty()) index.insert(index.end(), {"--shards", shards});
    index.push_back("-");
    RunOptions in;
    in.input =
        "{\"id\": \"p1\", \"title\": \"Piped harbour news\", \"body\": \"Ships return.\"}\n"
        "not json\n"
        "{\"id\": \"p2\", \"title\": \"Second piped story\", \"body\": \"Storms pass.\"}\n";
    RunResult r = run(index, in);
    EXPECT_EQ(r.exit_code, 1) << r.err;  // one line rejected, the rest indexed
    EXPECT_TRUE(has(r.out, "indexed 2 (2 added, 0 replaced)")) << r.out;
    EXPECT_TRUE(has(r.out, "rejected: -:2: not valid JSON at byte 1")) << r.out;
    r = run({example("sift-search"), "-d", db, "-j", "piped"});
    EXPECT_EQ(nlohmann::json::parse(r.out)["total"], 2) << r.out;
    EXPECT_EQ(sift::is_sharded_index(db), !shards.empty());

    // The same input again changes nothing.
    in.input = in.input.substr(0, in.input.find('\n') + 1);
    r = run(index, in);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "unchanged 1")) << r.out;
  }
}

TEST(CliInput, JsonArraysAndNdjsonFiles) {
  TempDir dir;
  testing::write_file(dir / "in" / "a.json",
                      R"([{"id": "a1", "title": "Array one"}, {"id": "a2", "title": "Array two"},
                          {"title": "no id"}])");
  testing::write_file(dir / "in" / "b.ndjson", "{\"id\": \"n1\", \"title\": \"Ndjson one\"}\n");
  const RunResult r =
      run({example("sift-index"), "-d", (dir / "db").string(), (dir / "in").string()});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_TRUE(has(r.out, "indexed 3 (3 added")) << r.out;
  EXPECT_TRUE(has(r.out, "rejected: " + (dir / "in" / "a.json").string() + "[2]: missing \"id\""))
      << r.out;
}

// ---------------------------------------------------------------- --wait-lock

TEST(CliLock, WaitLockWaitsForAnotherWriterInsteadOfFailing) {
  TempDir dir;
  const std::string db = (dir / "db").string();
  testing::write_file(dir / "in" / "story.txt", "Harbour reopens\nShips return after the storm.\n");
  auto writer = std::make_unique<IndexWriter>(db);  // holds the lock

  RunResult r = run({example("sift-index"), "-d", db, (dir / "in").string()});
  EXPECT_EQ(r.exit_code, 3) << r.out;
  EXPECT_TRUE(has(r.err, "lock")) << r.err;

  auto waiting = std::async(std::launch::async, [&] {
    return run({example("sift-index"), "-d", db, "--wait-lock", "30", (dir / "in").string()});
  });
  EXPECT_EQ(waiting.wait_for(std::chrono::milliseconds(1500)), std::future_status::timeout)
      << "sift-index did not wait for the lock";
  writer.reset();  // releases the lock
  r = waiting.get();
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(has(r.out, "indexed 1 (1 added")) << r.out;
}

// ---------------------------------------------------------------- validation

TEST(CliValidation, BadSynonymFileIsReportedBeforeAnythingIsWritten) {
  TempDir dir;
  const std::string corpus = testing::corpus_dir().string();
  testing::write_file(dir / "bad.txt", "Kyiv Kiev\n\"United States USA\n");
  testing::write_file(dir / "empty-word.txt", "Kyiv Kiev\nok ---\n");
  const std::string db = (dir / "db").string();

  RunResult r = run({example("sift-index"), "-d", db, "-s", (dir / "bad.txt").string(), corpus});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(has(r.err, (dir / "bad.txt").string() + ":2: unterminated quote")) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_FALSE(fs::exists(db)) << "the index was created before the synonyms were checked";

  // An existing index keeps what it had: nothing of corpus/ is added.
  testing::write_file(dir / "in" / "story.txt", "Harbour reopens\nShips return.\n");
  ASSERT_EQ(run({example("sift-index"), "-d", db, (dir / "in").string()}).exit_code, 0);
  r = run({example("sift-index"), "-d", db, "-s", (dir / "empty-word.txt").string(), corpus});
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(has(r.err, (dir / "empty-word.txt").string() + ":2: '---' has no words")) << r.err;
  EXPECT_EQ(Searcher(db).status().documents, 1u);
}

TEST_F(Cli, RangeErrorsAreReadable) {
  struct Case {
    std::vector<std::string> argv;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{example("sift-search"), "-d", db(), "--limit", "-1", "x"},
       "--limit: -1 is out of range: give a whole number of 0 or more"},
      {{example("sift-search"), "-d", db(), "--limit", "99999999999999999999999", "x"},
       "--limit: 99999999999999999999999 is out of range: give a whole number of 0 or more"},
      {{example("sift-search"), "-d", db(), "--offset", "ten", "x"},
       "--offset: ten is not a whole number of 0 or more"},
      {{example("sift-search"), "-d", db(), "--timeout", "0", "x"},
       "--timeout: 0 is out of range: give a whole number from 1 to 3600000"},
      {{example("sift-index"), "-d", db(), "--wait-lock", "-5", "x"},
       "--wait-lock: -5 is out of range: give a whole number from 0 to 86400"},
  };
  for (const Case& c : cases) {
    const RunResult r = run(c.argv);
    EXPECT_EQ(r.exit_code, 2) << c.message;
    EXPECT_TRUE(has(r.err, c.message)) << r.err;
    EXPECT_LT(r.err.size(), 200u) << r.err;
  }
  const RunResult missing = run({example("sift-index"), "-d", db(), "no/such/folder"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(has(missing.err, "PATH: no/such/folder: no such file or directory")) << missing.err;
  if (fs::exists(example("sift-serve"))) {
    const RunResult r = run({example("sift-serve"), "-d", db(), "--port", "70000"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(has(r.err, "--port: 70000 is out of range: give a whole number from 0 to 65535"))
        << r.err;
  }
}

TEST_F(Cli, ErrorsAreJsonUnderJson) {
  struct Case {
    std::vector<std::string> args;
    std::string code;
    int exit;
    std::string message;
  };
  TempDir dir;
  const std::vector<Case> cases = {
      {{"-d", (dir / "none").string(), "Kiev"}, "NotFound", 3, "no such index"},
      {{"-d", db(), "--limit", "-1", "Kiev"}, "Usage", 2, "--limit: -1 is out of range"},
      {{"-d", db(), "--bogus", "Kiev"}, "Usage", 2, "--bogus"},
      {{"-d", db(), "-f", "nocolon", "Kiev"}, "Usage", 2, "--filter 'nocolon' is not FIELD:VALUE"},
      {{"-d", db(), "--", "\"\""}, "BadQuery", 2, ""},
  };
  for (const Case& c : cases) {
    for (const char* flag : {"--json", "-j"}) {
      std::vector<std::string> argv = {example("sift-search"), flag};
      argv.insert(argv.end(), c.args.begin(), c.args.end());
      const RunResult r = run(argv);
      EXPECT_EQ(r.exit_code, c.exit) << c.message << "\n" << r.out << r.err;
      nlohmann::json j;
      ASSERT_NO_THROW(j = nlohmann::json::parse(r.out)) << "not JSON on stdout:\n" << r.out;
      EXPECT_EQ(j["error"]["code"], c.code) << r.out;
      EXPECT_EQ(j["error"]["exit"], c.exit) << r.out;
      EXPECT_TRUE(has(j["error"]["message"].get<std::string>(), c.message)) << r.out;
      EXPECT_EQ(r.err, "") << "text on stderr under --json";
    }
  }
}

// ---------------------------------------------------------------- man pages

TEST(CliManPages, EveryInstalledProgramHasAPageMadeFromItsHelp) {
  for (const std::string& name : programs()) {
    if (name == "hello") continue;  // not installed
    const fs::path page = testing::binary_dir() / "man" / (name + ".1");
    ASSERT_TRUE(fs::exists(page)) << page << " missing (is help2man installed?)";
    const std::string text = testing::read_file(page);
    EXPECT_TRUE(has(
        text, ".TH " +
                  [&] {
                    std::string upper = name;
                    for (char& ch : upper)
                      ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                    return upper;
                  }()))
        << text.substr(0, 200);
    EXPECT_TRUE(has(text, std::string(version()))) << name;
    // Every option of --help is in the page.
    const RunResult help = run({example(name), "--help"});
    for (const char* option : {"db", "version", "help"}) {
      EXPECT_TRUE(has(help.out, std::string("--") + option)) << name;
      EXPECT_TRUE(has(text, std::string("\\-\\-") + option)) << name << " page lacks --" << option;
    }
    EXPECT_TRUE(has(text, "SIFT_DB")) << name;
  }
}

}  // namespace
}  // namespace sift
