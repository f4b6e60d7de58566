// SPDX-License-Identifier: GPL-2.0-or-later
#include "serve_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/test_support.h"

namespace sift::testing {
namespace {

// Reads from `fd` until a newline or `timeout`; returns what was read.
std::string read_line(int fd, std::chrono::milliseconds timeout) {
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    char buf[512];
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  return line;
}

// Waits up to `timeout` for `pid`; returns its status or -1 if still running.
int wait_for(pid_t pid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (r < 0) return -2;
    if (std::chrono::steady_clock::now() > deadline) return -1;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::string example_program(const std::string& name) {
  return (binary_dir() / "examples" / name).string();
}

void build_test_index(const std::filesystem::path& db) {
  const std::string corpus = corpus_dir().string();
  const RunResult r = run({example_program("sift-index"), "--db", db.string(), "--synonyms",
                           corpus + "/synonyms.txt", corpus, SIFT_SERVE_TEST_DATA "/news.jsonl"});
  if (r.exit_code != 0) throw std::runtime_error("sift-index failed: " + r.err);
}

ServeProcess::ServeProcess(const std::filesystem::path& db, std::vector<std::string> extra_args) {
  std::vector<std::string> args = {
      example_program("sift-serve"), "--db", db.string(), "--host", host_, "--port", "0"};
  if (std::find(extra_args.begin(), extra_args.end(), "--access-log") == extra_args.end()) {
    args.insert(args.end(), {"--access-log", "/dev/null"});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // never outlive the test
    if (::getppid() != parent) ::_exit(126);
    ::dup2(out[1], STDOUT_FILENO);
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(out[1]);
  out_fd_ = out[0];
  banner_ = read_line(out_fd_, std::chrono::seconds(15));
  static const std::regex kUrl(R"(at http://127\.0\.0\.1:(\d+)/)");
  std::smatch m;
  if (!std::regex_search(banner_, m, kUrl)) {
    const int status = stop();
    throw std::runtime_error("sift-serve did not start (exit " + std::to_string(status) +
                             "); it printed: " + banner_);
  }
  port_ = std::stoi(m[1]);
}

int ServeProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  int status = wait_for(pid_, std::chrono::seconds(5));
  if (status == -1) {
    ::kill(pid_, SIGKILL);
    status = wait_for(pid_, std::chrono::seconds(5));
  }
  pid_ = -1;
  if (out_fd_ >= 0) ::close(out_fd_);
  out_fd_ = -1;
  return status;
}

ServeProcess::~ServeProcess() {
  stop();
}

}  // namespace sift::testing
