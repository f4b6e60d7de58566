// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers shared by the reliability tests: measuring work in a child
// process, printing figures, small documents, and checking that what was
// committed is still there.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sift/document.h"

namespace sift::reliability {

/// How much slower this build runs than a plain optimized one: time and
/// memory bounds in the tests are multiplied by it (ASan, UBSan and TSan
/// builds are several times slower and use more memory).
double sanitizer_factor();

/// What one piece of work cost, measured in a child process of its own.
struct Measured {
  std::string outcome;    ///< What the work returned, e.g. "rejected: ...".
  double seconds = 0;     ///< Wall-clock time of the work.
  double extra_mb = 0;    ///< Peak resident memory above the child's start.
  bool finished = false;  ///< False if the child crashed or was killed.
  std::string failure;    ///< How the child ended when not finished.
};

/// Runs `work` in a forked child (so its peak memory is its own; inherited
/// file descriptors but 0-2 are closed first) and returns its outcome and
/// cost.  `work` must not use gtest assertions:
/// it returns a short text the parent checks.  Exceptions become
/// "threw: what()".  A child still running after `timeout_seconds` is
/// killed (SIGKILL) and reported as not finished, so a test of a bound
/// fails instead of hanging.
Measured measure(const std::function<std::string()>& work, double timeout_seconds = 300);

/// Prints one figure line, "[reliability] NAME: OUTCOME (0.12 s, +34.5 MB)",
/// the lines docs/RELIABILITY.md quotes.
void report(std::string_view name, const Measured& m);
/// Prints "[reliability] NAME: TEXT".
void report(std::string_view name, std::string_view text);

/// A document with one paragraph and a source, valid as IndexWriter wants.
Document make_doc(std::string id, std::string paragraph, std::string title = "A title");

/// Ids of every document in the index at `path`, read with plain Xapian
/// (not through Sift), so a check does not trust the code it checks.
std::set<std::string> stored_ids(const std::filesystem::path& path);

/// Runs xapian-check on `path`.  @return its exit status (0: no error) and,
/// through `output`, what it printed.  @throws std::runtime_error if
/// xapian-check (Debian's xapian-tools) is not installed.
int xapian_check(const std::filesystem::path& path, std::string* output = nullptr);

/// How a program run by run_limited() ended.
struct LimitedRun {
  int exit_code = -1;  ///< Exit status, or -1 when killed by a signal.
  int signal = 0;      ///< The signal that ended it, or 0.
  bool timed_out = false;
  std::string out;  ///< Standard output.
  std::string err;  ///< Standard error.
  /// "exit 3" or "signal 11 (Segmentation fault)", for messages.
  std::string how() const;
};

/// Runs `argv` (argv[0] a path) in a child whose `resource` (RLIMIT_AS,
/// RLIMIT_FSIZE, ...) is limited to `limit`, with SIGXFSZ at its default
/// action (so only the program itself can ignore it), stdin from
/// /dev/null.  A child still running after `timeout_seconds` is killed.
LimitedRun run_limited(const std::vector<std::string>& argv, int resource, unsigned long limit,
                       double timeout_seconds = 60);

/// The build's sift-index program.
std::string sift_index_program();

/// True when built with AddressSanitizer or ThreadSanitizer (their shadow
/// memory makes RLIMIT_AS meaningless).
bool under_sanitizer();

/// Sizes in bytes, for messages.
std::string megabytes(std::size_t bytes);

}  // namespace sift::reliability
