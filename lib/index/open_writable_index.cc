// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/open_writable_index.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <sstream>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "index/format/files.h"
#include "index/format/layout.h"
#include "index/format/settings.h"
#include "sift/error.h"
#include "util/errors.h"

namespace sift::index {
namespace {

namespace fs = std::filesystem;

constexpr auto kLockRetry = std::chrono::milliseconds(50);

// What is at `path`, decided before Xapian sees it: Xapian would happily
// create a database inside any folder, e.g. a user's documents folder.
// Unfinished: only files Xapian's glass backend creates, without the
// "iamglass" it writes last, as a writer killed while creating leaves.
enum class Place { Missing, EmptyFolder, Unfinished, Index };

// True when every entry of the folder `path` is one glass creates
// ("flintlock", "*.glass", "*.tmp").
bool only_glass_files(const fs::path& path, std::error_code& ec) {
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    const std::string name = entry.path().filename().string();
    if (!format::is_glass_work_file(name)) return false;
  }
  return !ec;
}

Place inspect(const fs::path& path, const std::string& where) {
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    throw Error(ErrorCode::IO, where + ": cannot inspect the index folder: " + ec.message());
  }
  if (!fs::exists(status)) return Place::Missing;
  if (!fs::is_directory(status)) {
    throw Error(ErrorCode::Corrupt, where + ": not an index (it is a file, not a folder)");
  }
  if (fs::exists(path / format::kVersionFile, ec)) return Place::Index;
  if (fs::is_empty(path, ec) && !ec) return Place::EmptyFolder;
  if (!ec && only_glass_files(path, ec)) return Place::Unfinished;
  if (ec) throw Error(ErrorCode::IO, where + ": cannot list the index folder: " + ec.message());
  throw Error(ErrorCode::Corrupt,
              where + ": not an index (the folder holds other files and no Xapian glass database)");
}

const char* accents_phrase(bool keep) {
  return keep ? "accents kept" : "accents folded";
}

// Tables checked before each write, smallest first, while their sizes add
// up to at most this: a 10,000-document index (103 MB) is checked whole
// (0.4 s, docs/RELIABILITY.md); past the budget the largest tables are not.
constexpr std::uintmax_t kCheckBudgetBytes = 256u << 20;

// True when the calling thread is the process's only one (Linux: one
// entry in /proc/self/task).  Only this thread could start another, so
// the answer cannot change before the caller acts on it.
bool only_thread() {
  std::error_code ec;
  std::size_t threads = 0;
  for (fs::directory_iterator it("/proc/self/task", ec), end; !ec && it != end; it.increment(ec)) {
    if (++threads > 1) return false;
  }
  return !ec && threads == 1;
}

// Xapian's check of one table: an empty string when it is sound, else
// what is wrong (the first line of Xapian's report, at most 200 bytes).
std::string table_problem(const fs::path& table) {
  std::ostringstream report;
  std::size_t errors = 0;
  try {
    errors = Xapian::Database::check(table.string(), 0, &report);
  } catch (const Xapian::Error& e) {
    return e.get_msg().empty() ? std::string("unreadable") : e.get_msg();
  }
  if (errors == 0) return {};
  std::string first = report.str();
  first = first.substr(0, std::min<std::size_t>(first.find('\n'), 200));
  return std::to_string(errors) + " errors, first: " + first;
}

[[noreturn]] void throw_damaged(const std::string& where, const std::string& table,
                                const std::string& problem) {
  throw Error(ErrorCode::Corrupt, where + ": the index is damaged (" +
                                      (table.empty() ? std::string("a table") : table) + ": " +
                                      problem + "); rebuild it: " + format::rebuild_command(where));
}

void check_in_process(const std::vector<fs::path>& tables, const std::string& where) {
  for (const fs::path& table : tables) {
    std::string problem;
    try {
      problem = table_problem(table);
    } catch (const std::bad_alloc&) {
      throw Error(ErrorCode::IO, where + ": out of memory while checking the index");
    }
    if (!problem.empty()) throw_damaged(where, table.filename().string(), problem);
  }
}

// Xapian's own B-tree check (Database::check, what xapian-check runs) of
// each table: Xapian 1.4 trusts block headers while it updates a B-tree,
// so a write into a damaged table can crash, loop or write gigabytes, and
// a write that "succeeds" can leave the damage in place.  Read-only; runs
// with the write lock held, so no writer changes the tables meanwhile.
//
// The checker itself can crash on some damage (flipped bytes in
// termlist.glass made Database::check read a wild pointer, 6 of 294
// damaged copies under ASan), so when it can, the check runs in a child
// process: a child that dies is a damaged index, not a dead writer.  The
// child writes "<table>\n" before checking each table and "!<problem>\n"
// when one is damaged, then leaves with _exit (no destructors, no atexit
// handlers).
//
// A child is forked only while the process has one thread.  After fork()
// in a multi-threaded process the child may only call async-signal-safe
// functions: a lock another thread held at the fork (a C++ locale, an
// allocator's, a sanitizer runtime's) stays locked in the child forever,
// and the writer would wait for it forever (seen: a ThreadSanitizer
// build hung in ReliabilityConcurrency, readers searching while the
// writer opened).  With other threads running, the same check runs in
// this process instead: a hang is worse than the rare crash on a damaged
// table, and a one-threaded indexer such as sift-index keeps the child.
void check_tables(const fs::path& path, const std::string& where) {
  std::vector<std::pair<std::uintmax_t, fs::path>> tables;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.path().extension() != ".glass") continue;
    const std::uintmax_t size = entry.file_size(ec);
    if (!ec && size > 0) tables.emplace_back(size, entry.path());
  }
  std::sort(tables.begin(), tables.end());
  std::vector<fs::path> chosen;
  std::uintmax_t checked = 0;
  for (const auto& [size, table] : tables) {
    if (checked + size > kCheckBudgetBytes) break;
    checked += size;
    chosen.push_back(table);
  }
  if (chosen.empty()) return;
  if (!only_thread()) {
    check_in_process(chosen, where);
    return;
  }

  int fds[2];
  if (pipe(fds) != 0) throw Error(ErrorCode::IO, where + ": cannot check the index (pipe failed)");
  const pid_t child = fork();
  if (child < 0) {
    close(fds[0]);
    close(fds[1]);
    throw Error(ErrorCode::IO, where + ": cannot check the index (fork failed)");
  }
  if (child == 0) {
    close(fds[0]);
    auto say = [&](const std::string& line) {
      const std::string text = line + "\n";
      for (std::size_t done = 0; done < text.size();) {
        const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
      }
    };
    int status = 0;
    try {
      for (const fs::path& table : chosen) {
        say(table.filename().string());
        const std::string problem = table_problem(table);
        if (!problem.empty()) {
          say("!" + problem);
          status = 3;
          break;
        }
      }
    } catch (...) {
      status = 4;
    }
    _exit(status);
  }
  close(fds[1]);
  std::string output;
  char buffer[512];
  for (;;) {
    const ssize_t n = read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return;
  // The last line names the table being checked, or what was wrong.
  std::string table, problem;
  std::size_t start = 0;
  while (start < output.size()) {
    const std::size_t end = std::min(output.find('\n', start), output.size());
    const std::string line = output.substr(start, end - start);
    if (line.starts_with("!")) {
      problem = line.substr(1);
    } else if (!line.empty()) {
      table = line;
    }
    start = end + 1;
  }
  if (problem.empty()) {
    problem = WIFSIGNALED(status)
                  ? "Xapian's check crashed with signal " + std::to_string(WTERMSIG(status))
                  : "Xapian's check failed (exit status " +
                        std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")";
  }
  throw_damaged(where, table, problem);
}

}  // namespace

Xapian::WritableDatabase open_writable(const fs::path& path, const IndexOptions& options) {
  const std::string where = path.string();
  const Place place = inspect(path, where);
  if (place != Place::Index && !options.create_if_missing) {
    throw Error(ErrorCode::NotFound,
                where + ": no index here" +
                    (place == Place::Missing       ? " (no such folder)"
                     : place == Place::EmptyFolder ? " (the folder is empty)"
                                                   : " (its creation was interrupted)"));
  }
  if (place == Place::Missing) {
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) throw Error(ErrorCode::IO, where + ": cannot create the index folder: " + ec.message());
  }
  const auto deadline = std::chrono::steady_clock::now() + options.lock_timeout;
  for (;;) {
    // CREATE_OR_OPEN rather than CREATE: another writer may create the index
    // between inspect() and here.  An unfinished creation is overwritten
    // (Xapian cannot open or finish it), checked again on every attempt: a
    // writer that held the lock may have finished it meanwhile.
    const bool unfinished = place == Place::Unfinished && !fs::exists(path / format::kVersionFile);
    const int flags = Xapian::DB_BACKEND_GLASS | (place == Place::Index ? Xapian::DB_OPEN
                                                  : unfinished ? Xapian::DB_CREATE_OR_OVERWRITE
                                                               : Xapian::DB_CREATE_OR_OPEN);
    try {
      Xapian::WritableDatabase db(where, flags);
      if (place == Place::Index) check_tables(path, where);
      return db;
    } catch (const Xapian::DatabaseLockError& e) {
      // Only "already locked" is another writer.  Anything else (a
      // read-only file system, no permission) does not go away by waiting.
      if (e.get_msg().find("already locked") == std::string::npos) {
        throw Error(ErrorCode::IO, where + ": cannot take the write lock: " + e.get_msg());
      }
      if (std::chrono::steady_clock::now() >= deadline) util::rethrow_as_sift_error(where);
    } catch (const Xapian::DatabaseCorruptError& e) {
      throw Error(ErrorCode::Corrupt, where + ": the index is damaged (" + e.get_msg() +
                                          "); rebuild it: " + format::rebuild_command(where));
    } catch (const Xapian::DatabaseVersionError& e) {
      throw Error(ErrorCode::Corrupt,
                  where + ": not an index this Xapian can open (" + e.get_msg() + ")");
    } catch (...) {
      util::rethrow_as_sift_error(where);
    }
    std::this_thread::sleep_for(kLockRetry);
  }
}

AnalyzerOptions settle_analyzer_options(Xapian::WritableDatabase& db, const std::string& where,
                                        const AnalyzerOptions& requested) {
  return util::guarded(where, [&] {
    if (format::has_no_settings(db)) {
      if (db.get_doccount() > 0) {
        throw Error(ErrorCode::Corrupt,
                    where + ": a Xapian database, but not a Sift index (it has no " +
                        std::string(format::kMetaFormat) + " setting)");
      }
      format::write_settings(db, requested);
      db.commit();
      return requested;
    }
    AnalyzerOptions settled = format::read_settings(db, where);
    if (settled.language != requested.language) {
      throw Error(ErrorCode::BadInput, "index " + where + " was built with language '" +
                                           settled.language + "'; cannot add with '" +
                                           requested.language + "'");
    }
    if (settled.keep_accents != requested.keep_accents) {
      throw Error(ErrorCode::BadInput,
                  "index " + where + " was built with " + accents_phrase(settled.keep_accents) +
                      "; cannot add with " + accents_phrase(requested.keep_accents));
    }
    return settled;
  });
}

}  // namespace sift::index
