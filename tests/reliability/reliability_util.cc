// SPDX-License-Identifier: GPL-2.0-or-later
#include "reliability_util.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "index/format/layout.h"
#include "index/format/record.h"
#include "support/test_support.h"

namespace sift::reliability {
namespace {

// A line of /proc/self/status in kB ("VmHWM:  1234 kB"), or 0.
long status_kb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  const std::size_t n = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, n, key) == 0 && line.size() > n && line[n] == ':') {
      return std::stol(line.substr(n + 1));
    }
  }
  return 0;
}

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

// Closes every inherited descriptor but stdin, stdout, stderr and `keep`,
// so the child is like a separate process: in particular it does not share
// the parent's open lock file, whose OFD lock (Xapian's write lock) would
// otherwise stay held by the child after the parent's writer closes.
void close_inherited_files(int keep) {
  std::vector<int> fds;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd")) {
    const int fd = std::atoi(entry.path().filename().c_str());
    if (fd > 2 && fd != keep) fds.push_back(fd);
  }
  for (int fd : fds) ::close(fd);
}

}  // namespace

double sanitizer_factor() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 6;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return 6;
#else
  return 1;
#endif
#else
  return 1;
#endif
}

bool under_sanitizer() {
  return sanitizer_factor() > 1;
}

std::string LimitedRun::how() const {
  if (timed_out) return "timed out";
  if (signal != 0) return "signal " + std::to_string(signal) + " (" + strsignal(signal) + ")";
  return "exit " + std::to_string(exit_code);
}

std::string sift_index_program() {
  return (testing::binary_dir() / "examples" / "sift-index").string();
}

LimitedRun run_limited(const std::vector<std::string>& argv, int resource, unsigned long limit,
                       double timeout_seconds) {
  char out_name[] = "/tmp/sift-limited-out-XXXXXX";
  char err_name[] = "/tmp/sift-limited-err-XXXXXX";
  const int out_fd = ::mkstemp(out_name);
  const int err_fd = ::mkstemp(err_name);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkstemp failed");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in_fd = ::open("/dev/null", O_RDONLY);
    ::dup2(in_fd, 0);
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    close_inherited_files(-1);
    ::signal(SIGXFSZ, SIG_DFL);
    const rlimit r{static_cast<rlim_t>(limit), static_cast<rlim_t>(limit)};
    if (::setrlimit(resource, &r) != 0) ::_exit(126);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  LimitedRun run;
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(timeout_seconds));
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      run.timed_out = true;
      break;
    }
    ::usleep(2000);
  }
  if (WIFSIGNALED(status)) {
    run.signal = WTERMSIG(status);
  } else if (WIFEXITED(status)) {
    run.exit_code = WEXITSTATUS(status);
  }
  ::close(out_fd);
  ::close(err_fd);
  run.out = testing::read_file(out_name);
  run.err = testing::read_file(err_name);
  ::unlink(out_name);
  ::unlink(err_name);
  return run;
}

Measured measure(const std::function<std::string()>& work, double timeout_seconds) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::fflush(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::close(fds[0]);
    close_inherited_files(fds[1]);
    // Reset the peak-memory mark, so VmHWM counts this work only.
    if (std::ofstream clear("/proc/self/clear_refs"); clear) clear << "5";
    const long start_kb = status_kb("VmRSS");
    const auto start = std::chrono::steady_clock::now();
    std::string outcome;
    try {
      outcome = work();
    } catch (const std::exception& e) {
      outcome = std::string("threw: ") + e.what();
    } catch (...) {
      outcome = "threw a non-standard exception";
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const long peak_kb = status_kb("VmHWM");
    std::ostringstream out;
    out << seconds << '\n' << (peak_kb - start_kb) / 1024.0 << '\n' << outcome;
    write_all(fds[1], out.str());
    ::close(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  const auto deadline = std::chrono::steady_clock::now() +
                        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                            std::chrono::duration<double>(timeout_seconds));
  std::string text;
  bool timed_out = false;
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    pollfd p{fds[0], POLLIN, 0};
    if (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) == 0) {
      ::kill(pid, SIGKILL);
      timed_out = true;
      break;
    }
    std::array<char, 4096> buf;
    const ssize_t n = ::read(fds[0], buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);

  Measured m;
  if (timed_out) {
    char what[96];
    std::snprintf(what, sizeof what, "still running after %.0f s: killed", timeout_seconds);
    m.failure = what;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && !text.empty()) {
    std::istringstream in(text);
    in >> m.seconds >> m.extra_mb;
    in.get();
    std::getline(in, m.outcome, '\0');
    m.finished = true;
  } else if (WIFSIGNALED(status)) {
    m.failure = "child killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
                strsignal(WTERMSIG(status)) + ")";
  } else {
    m.failure = "child exited with status " + std::to_string(WEXITSTATUS(status));
  }
  return m;
}

void report(std::string_view name, const Measured& m) {
  char cost[64];
  std::snprintf(cost, sizeof cost, " (%.2f s, +%.1f MB)", m.seconds, m.extra_mb);
  std::string outcome = m.finished ? m.outcome : m.failure;
  if (outcome.size() > 160) outcome = outcome.substr(0, 157) + "...";
  std::printf("[reliability] %.*s: %s%s\n", static_cast<int>(name.size()), name.data(),
              outcome.c_str(), m.finished ? cost : "");
  std::fflush(stdout);
}

void report(std::string_view name, std::string_view text) {
  std::printf("[reliability] %.*s: %.*s\n", static_cast<int>(name.size()), name.data(),
              static_cast<int>(text.size()), text.data());
  std::fflush(stdout);
}

Document make_doc(std::string id, std::string paragraph, std::string title) {
  Document doc;
  doc.id = std::move(id);
  doc.title = std::move(title);
  doc.paragraphs = {std::move(paragraph)};
  doc.source = "reliability";
  return doc;
}

std::set<std::string> stored_ids(const std::filesystem::path& path) {
  Xapian::Database db(path.string());
  std::set<std::string> ids;
  for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto summary = format::decode_summary(format::summary_bytes(db.get_document(*it)));
    if (!summary) throw std::runtime_error("a damaged summary in " + path.string());
    ids.insert(summary->id);
  }
  return ids;
}

int xapian_check(const std::filesystem::path& path, std::string* output) {
  for (const char* candidate : {"/usr/bin/xapian-check", "/usr/local/bin/xapian-check"}) {
    if (::access(candidate, X_OK) != 0) continue;
    const testing::RunResult r = testing::run({candidate, path.string()});
    if (output) *output = r.out + r.err;
    return r.exit_code;
  }
  throw std::runtime_error("xapian-check is not installed (Debian package xapian-tools)");
}

std::string megabytes(std::size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

}  // namespace sift::reliability
