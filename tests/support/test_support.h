// SPDX-License-Identifier: GPL-2.0-or-later
// Helpers shared by Sift's tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sift::testing {

/// A fresh, empty folder under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  /// path() / name
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// The repository's corpus/ folder.
std::filesystem::path corpus_dir();
/// tests/data/<name>.
std::filesystem::path test_data(const std::string& name);
/// The build tree's root.
std::filesystem::path binary_dir();

/// Reads a whole file (throws std::runtime_error if it cannot).
std::string read_file(const std::filesystem::path& path);
/// Writes `bytes` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& bytes);

/// Result of running a program.
struct RunResult {
  int exit_code = -1;  ///< Exit status, or 128+signal if killed.
  std::string out;     ///< Standard output.
  std::string err;     ///< Standard error.
};
/// Runs `argv` (argv[0] is a path) with no stdin, capturing stdout and
/// stderr.  Does not use a shell.
RunResult run(const std::vector<std::string>& argv);

}  // namespace sift::testing
