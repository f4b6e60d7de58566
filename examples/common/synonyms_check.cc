// SPDX-License-Identifier: GPL-2.0-or-later
#include "synonyms_check.h"

#include <sift/error.h>
#include <sift/index_writer.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <system_error>

namespace sift::cli {
namespace {

// A folder removed when it goes out of scope, errors ignored.
struct ScratchDir {
  ScratchDir() {
    const auto tag = std::chrono::steady_clock::now().time_since_epoch().count();
    path = std::filesystem::temp_directory_path() /
           ("sift-synonyms-check-" + std::to_string(::getpid()) + "-" + std::to_string(tag));
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::filesystem::path path;
};

}  // namespace

void check_synonyms(const std::filesystem::path& file, const AnalyzerOptions& analyzer) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) {
    throw Error(ErrorCode::NotFound, file.string() + ": no such synonym file");
  }
  ScratchDir scratch;
  IndexOptions options;
  options.analyzer = analyzer;
  options.batch_size = 0;
  IndexWriter writer(scratch.path, options);
  writer.load_synonyms(file);
}

}  // namespace sift::cli
