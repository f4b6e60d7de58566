// SPDX-License-Identifier: GPL-2.0-or-later
// The command-line conventions every Sift program follows, in one place:
// --version and -V, -d/--db with SIFT_DB, plain output when colour is not
// wanted, readable range errors, and errors as JSON under --json.
#pragma once

#include <sift/options.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>

namespace sift::cli {

/// whole_number() without an upper bound.
inline constexpr long long kNoMax = std::numeric_limits<long long>::max();

/// The name standard input goes by on a command line and in messages.
inline constexpr const char* kStdinName = "-";

/// The environment variable that stands for --db when it is not given.
inline constexpr const char* kDbEnv = "SIFT_DB";

/// True when `stream` may carry terminal escapes (bold, a "\r" progress
/// line): it is a terminal, NO_COLOR is unset or empty (no-color.org), and
/// TERM is not "dumb".
bool styled(std::FILE* stream);

/// How matched words are shown in text written to `stream`: plain text
/// (nothing HTML-escaped) with ANSI bold when styled(stream), else with
/// `open` and `close` around them ("" and "" for bare text).
sift::Highlighting terminal_highlighting(std::FILE* stream, std::string open = {},
                                         std::string close = {});

/// Adds -V/--version, printing "PROGRAM VERSION" (help2man reads it), and
/// an "Environment:" footer naming SIFT_DB to `app`.
void add_version_and_env(CLI::App& app, const std::string& program);

/// Adds -d/--db (taken from SIFT_DB when absent) bound to `db`.
template <typename T>
CLI::Option* add_db_option(CLI::App& app, T& db, const std::string& help) {
  return app.add_option("-d,--db", db, help)->envname(kDbEnv)->type_name("DIR");
}

/// A check (type name "INT") that the value is a whole number from `min`
/// to `max`, failing with "-1 is out of range: give a whole number from 0
/// to 1000" (or "... of 0 or more" without a `max`; "x is not a whole
/// number ..." for text), not CLI11's range to the largest double.
CLI::Validator whole_number(long long min, long long max = kNoMax);

/// A check that the value is "-" (standard input) or a path that exists,
/// failing with "nope/: no such file or directory".
CLI::Validator existing_path_or_stdin();

/// True if --json or -j is among the arguments (before they are parsed,
/// so a usage error is reported as JSON too).
bool asks_for_json(int argc, char** argv);

/// Reports an error: "PROGRAM: MESSAGE" on stderr, or under --json one
/// object on stdout, {"error": {"code": CODE, "message": MESSAGE,
/// "exit": EXIT}}, so a script reading stdout gets JSON either way.
/// `code` is sift::ErrorCode's name, or "Usage" for a bad command line.
void report_error(const std::string& program, bool json, std::string_view code,
                  std::string_view message, int exit_status);

/// Parses `args` (argv[0] first, as main got them) with `app`; on --help
/// or --version prints and returns 0, on a usage error reports it (as JSON
/// when `json`) and returns `usage_exit`; returns -1 when parsing worked.
int parse(CLI::App& app, int argc, char** argv, bool json, int usage_exit);
/// As above, for arguments already rearranged (CLI11's reversed vector).
int parse(CLI::App& app, std::vector<std::string> reversed_args, bool json, int usage_exit);

}  // namespace sift::cli
