// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli_run.h"

#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <stdexcept>

namespace sift::testing {
namespace {

std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return out;  // EOF, or EIO once a pseudo-terminal's last user is gone
    }
  }
}

// In the child: the environment `options` asks for, then exec.
[[noreturn]] void exec_child(const std::vector<std::string>& argv, const RunOptions& options) {
  for (const char* name : {"SIFT_DB", "NO_COLOR", "TERM"}) ::unsetenv(name);
  for (const auto& name : options.unset) ::unsetenv(name.c_str());
  for (const auto& [name, value] : options.env) ::setenv(name.c_str(), value.c_str(), 1);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  ::execv(args[0], args.data());
  ::_exit(127);
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

RunResult run_on_tty(const std::vector<std::string>& argv, const RunOptions& options) {
  int master = -1;
  const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) exec_child(argv, options);
  RunResult r;
  r.out = drain(master);
  ::close(master);
  r.exit_code = wait_for(pid);
  return r;
}

}  // namespace

std::string example(const std::string& name) {
  return (binary_dir() / "examples" / name).string();
}

RunResult run_with(const std::vector<std::string>& argv, const RunOptions& options) {
  if (options.tty) return run_on_tty(argv, options);
  // Output goes to files, so a chatty child never blocks on a full pipe;
  // the input is a file too, so writing it cannot block either.
  TempDir tmp;
  write_file(tmp / "stdin", options.input);
  const auto out_path = tmp / "stdout";
  const auto err_path = tmp / "stderr";
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int in = ::open((tmp / "stdin").c_str(), O_RDONLY);
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || out < 0 || err < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(out, 1);
    ::dup2(err, 2);
    exec_child(argv, options);
  }
  RunResult r;
  r.exit_code = wait_for(pid);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace sift::testing
