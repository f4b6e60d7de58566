// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/path_walk.h"

#include <exception>
#include <system_error>

#include "index/prune_paths.h"
#include "sift/error.h"

namespace sift::index {

namespace fs = std::filesystem;

void PathWalk::reject(const Rejection& rejection) {
  report_.rejected.push_back(rejection);
  rejected_files_.insert(comparable_path(rejection.input));
}

void PathWalk::offer(Document&& doc, const std::function<void(Document&&)>& add) {
  const std::string input = doc.path.empty() ? doc.id : doc.path;
  if (const auto [first, fresh] = seen_.emplace(doc.id, input); !fresh && !doc.id.empty()) {
    // The first document with an id wins, so re-indexing is stable.
    reject(Rejection{input,
                     "duplicate id \"" + doc.id + "\" (first read from " + first->second + ")"});
    return;
  }
  for (const std::string& paragraph : doc.paragraphs) report_.bytes += paragraph.size();
  report_.bytes += doc.title.size();
  try {
    add(std::move(doc));
  } catch (const Error& e) {
    if (e.code() != ErrorCode::BadInput) throw;
    reject(Rejection{input, e.what()});
  }
}

void PathWalk::run(const std::vector<fs::path>& paths, const ReadOptions& read,
                   const ProgressFn& progress, const std::function<void(Document&&)>& add) {
  std::size_t documents = 0;
  std::exception_ptr failure;  // A writer error stops the run even if read_path catches it.
  const RejectionSink reject_sink = [&](const Rejection& rejection) { reject(rejection); };
  const DocumentSink emit = [&](Document&& doc) {
    if (failure) std::rethrow_exception(failure);
    ++documents;
    try {
      offer(std::move(doc), add);
    } catch (...) {
      failure = std::current_exception();
      throw;
    }
    if (progress) progress(documents);
  };
  for (const fs::path& root : paths) {
    std::error_code ec;
    if (!fs::exists(root, ec)) {
      report_.rejected.push_back(Rejection{root.string(), "no such file or folder"});
      continue;
    }
    roots_.push_back(comparable_path(root));
    read_path(root, emit, reject_sink, read);
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace sift::index
