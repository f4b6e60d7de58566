// SPDX-License-Identifier: GPL-2.0-or-later
// Files and folders: which files to read, in which order, with which reader.

#include <algorithm>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "ingest/file_bytes.h"
#include "ingest/readers.h"
#include "sift/error.h"
#include "sift/ingest.h"
#include "util/errors.h"
#include "util/utf8.h"

namespace sift {
namespace ingest {
namespace {

namespace fs = std::filesystem;

// ASCII lower case, whatever the C locale says about other bytes.
std::string lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// One read_path call: the sinks, the options and the ids seen so far.
class PathReader {
 public:
  PathReader(const DocumentSink& emit, const RejectionSink& reject, const ReadOptions& options)
      : emit_(emit), reject_(reject), options_(options) {}

  // Reads every file under `dir` with a wanted extension, depth first, each
  // folder's entries in byte order of their names.  Hidden entries and
  // options.skip_names are left out; symlinks to folders are not followed,
  // so a symlink loop cannot trap the walk.
  void walk(const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
      entries.push_back(*it);
    }
    if (ec) {
      reject_({dir.string(), "cannot list folder: " + ec.message()});
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename().native() < b.path().filename().native();
    });
    for (const fs::directory_entry& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with('.') || contains(options_.skip_names, name)) continue;
      if (entry.symlink_status(ec).type() == fs::file_type::directory) {
        walk(entry.path());
      } else if (contains(options_.extensions, lower(entry.path().extension().string()))) {
        read_file(entry.path());
      }
    }
  }

  // Reads one file with the reader its extension names.
  void read_file(const fs::path& file) {
    const std::string path = file.string();
    const std::string extension = lower(file.extension().string());
    const bool lines = extension == ".jsonl" || extension == ".ndjson";
    if (extension != ".txt" && extension != ".json" && !lines) {
      reject_({path, "unknown file type \"" + extension +
                         "\" (Sift reads .txt, .jsonl, .ndjson and .json files)"});
      return;
    }
    if (std::string problem = util::check_text(path); !problem.empty()) {
      reject_({path, "file path is not valid UTF-8 (" + problem + ")"});
      return;
    }
    std::string bytes;
    if (std::string problem = load_file(file, options_.max_file_bytes, bytes); !problem.empty()) {
      reject_({path, problem});
      return;
    }
    if (lines) {
      read_jsonl(bytes, path, emit_, reject_, options_, ids_);
    } else if (extension == ".json") {
      read_json_array(bytes, path, emit_, reject_, options_, ids_);
    } else {
      read_text(bytes, file, path);
    }
  }

 private:
  void read_text(std::string_view bytes, const fs::path& file, const std::string& path) {
    Document doc;
    std::string problem = read_text_article(bytes, file.stem().string(), path, options_, doc);
    if (problem.empty()) {
      // The folder's own name: through a symbolic link or `sub/..` the
      // real one (weakly_canonical), so every spelling of a path agrees.
      std::error_code ec;
      fs::path folder = fs::weakly_canonical(fs::absolute(file).parent_path(), ec);
      if (ec) folder = fs::absolute(file).lexically_normal().parent_path();
      doc.source = folder.filename().string();
      if (std::string bad = util::check_text(doc.source); !bad.empty()) {
        problem = "folder name is not valid UTF-8 (" + bad + ")";
      }
    }
    if (!problem.empty()) {
      reject_({path, problem});
      return;
    }
    if (claim_id(doc.id, path, ids_, reject_)) emit_(std::move(doc));
  }

  const DocumentSink& emit_;
  const RejectionSink& reject_;
  const ReadOptions& options_;
  IdRegistry ids_;
};

}  // namespace
}  // namespace ingest

void read_path(const std::filesystem::path& path, const DocumentSink& emit,
               const RejectionSink& reject, const ReadOptions& options) {
  util::guarded("reading " + path.string(), [&] {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (link.type() == fs::file_type::not_found) {
      throw Error(ErrorCode::NotFound, path.string() + ": no such file or directory");
    }
    if (ec) throw Error(ErrorCode::IO, path.string() + ": " + ec.message());
    ingest::PathReader reader(emit, reject, options);
    // A folder named on the command line is walked even through a symlink.
    if (fs::is_directory(path, ec)) {
      reader.walk(path);
    } else {
      reader.read_file(path);
    }
  });
}

}  // namespace sift
