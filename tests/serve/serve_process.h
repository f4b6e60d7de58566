// SPDX-License-Identifier: GPL-2.0-or-later
// Runs sift-serve in a child process for a test, and always stops it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace sift::testing {

/// The path of an example program in the build tree.
std::string example_program(const std::string& name);

/// Builds an index at `db` from corpus/ (with its synonyms) and
/// tests/serve/data/news.jsonl by running sift-index; throws
/// std::runtime_error with sift-index's stderr if it fails.
void build_test_index(const std::filesystem::path& db);

/// A running `sift-serve --db DB --port 0 ...` on loopback.
///
/// Invariant: while the object lives, the child is running or has been
/// reaped; the destructor (SIGTERM, then SIGKILL after 5 s) never leaves it
/// behind, and the child also gets SIGTERM if the test process dies.
class ServeProcess {
 public:
  /// Starts the server and waits (up to 15 s) for the line with its URL.
  /// The access log goes to /dev/null unless `extra_args` name one.
  /// @throws std::runtime_error with the server's output if it exits or
  /// stays silent instead.
  explicit ServeProcess(const std::filesystem::path& db, std::vector<std::string> extra_args = {});
  ~ServeProcess();
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  const std::string& host() const { return host_; }
  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  /// The first line the server printed.
  const std::string& banner() const { return banner_; }

  /// Sends SIGTERM and waits; returns the exit status (128+signal if killed).
  int stop();

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  std::string host_ = "127.0.0.1";
  int port_ = 0;
  std::string banner_;
};

}  // namespace sift::testing
