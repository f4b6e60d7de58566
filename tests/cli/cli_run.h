// SPDX-License-Identifier: GPL-2.0-or-later
// Running a program with what testing::run does not give it: bytes on
// standard input, environment variables, or a terminal (a pseudo-tty).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "support/test_support.h"

namespace sift::testing {

struct RunOptions {
  std::string input;  ///< Written to the program's standard input.
  /// Variables to set.
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::string> unset;  ///< Variables to remove.
  /// Run on a pseudo-terminal: stdout and stderr are the terminal, and
  /// both end up in RunResult::out (no stdin then).
  bool tty = false;
};

/// Runs `argv` (argv[0] a path, no shell) with `options`; SIFT_DB, NO_COLOR
/// and TERM are removed first unless `options` sets them, so the caller's
/// environment does not leak in.
RunResult run_with(const std::vector<std::string>& argv, const RunOptions& options);

/// The program `name` built in examples/.
std::string example(const std::string& name);

}  // namespace sift::testing
