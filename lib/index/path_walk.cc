// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/path_walk.h"

#include <algorithm>
#include <exception>
#include <system_error>

#include "index/prune_paths.h"
#include "ingest/readers.h"
#include "sift/error.h"

namespace sift::index {

namespace fs = std::filesystem;

void PathWalk::reject(const Rejection& rejection) {
  report_.rejected.push_back(rejection);
  unread_.insert(source_path(rejection.input));
  unread_.insert(source_path(source_file(rejection.input)));
}

PathWalk::Prune PathWalk::prune_verdict(const std::string& stored_path) const {
  if (stored_path.empty()) return Prune::Leave;
  const fs::path file = source_path(source_file(stored_path));
  if (std::none_of(roots_.begin(), roots_.end(),
                   [&](const fs::path& root) { return is_under(file, root); })) {
    return Prune::Leave;
  }
  // The file and each folder above it: a folder that could not be listed
  // hides whether its files still exist.
  for (fs::path p = file;; p = p.parent_path()) {
    if (unread_.contains(p)) return Prune::Keep;
    if (!p.has_relative_path() || p.parent_path() == p) break;
  }
  return Prune::Remove;
}

void PathWalk::offer(Document&& doc, const std::function<void(Document&&)>& add) {
  const std::string input = doc.path.empty() ? doc.id : doc.path;
  // The first document with an id wins, so re-indexing is stable.  An
  // empty id is add()'s to reject.
  if (!doc.id.empty() &&
      !ingest::claim_id(doc.id, input, seen_, [&](const Rejection& r) { reject(r); })) {
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
    // Stored in one spelling, so `root/./` finds the documents unchanged.
    if (!doc.path.empty()) doc.path = source_path(doc.path).string();
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
    roots_.push_back(source_path(root));
    read_path(root, emit, reject_sink, read);
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace sift::index
