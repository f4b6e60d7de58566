// SPDX-License-Identifier: GPL-2.0-or-later
// Sift's one error type.
//
// Every public entry point catches Xapian and ICU errors (Xapian::Error does
// not derive from std::exception) and rethrows them as sift::Error with a
// domain code, so callers need exactly one catch clause.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sift/export.h"

namespace sift {

/// What went wrong, by domain.  Stable: new codes are only ever appended.
enum class ErrorCode {
  NotFound,     ///< The index, file or document does not exist.
  Corrupt,      ///< The index exists but its files are damaged or not an index.
  Locked,       ///< Another writer holds the index's write lock.
  BadQuery,     ///< The query cannot be run (empty, over a limit, ...).
  BadInput,     ///< A document or an option value is invalid.
  IO,           ///< Reading or writing failed (permissions, full disk, out of memory, ...).
  Network,      ///< A remote shard could not be reached or timed out.
  Unsupported,  ///< A feature or language this build does not have.
  Internal,     ///< A bug in Sift or an unexpected library failure.
};

/// The code's name, e.g. "Locked".
SIFT_EXPORT std::string_view to_string(ErrorCode code) noexcept;

/// The exception every Sift function throws.  what() is a full sentence a
/// person can act on; it names the input (path, id, query) and the problem.
class SIFT_EXPORT Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

  /// The domain of the failure.
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace sift
