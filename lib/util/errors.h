// SPDX-License-Identifier: GPL-2.0-or-later
// Mapping third-party errors to sift::Error at the API boundary.
#pragma once

#include <string>
#include <string_view>

#include "sift/error.h"

namespace sift::util {

/// Rethrows the exception being handled as a sift::Error.  Call it only
/// inside a catch block.  Xapian errors get a domain code by type
/// (DatabaseLockError -> Locked, DatabaseCorruptError -> Corrupt, ...);
/// `context` names what was being done and to what, e.g.
/// "opening index /tmp/x", and starts the message.  sift::Error passes
/// through unchanged; std::bad_alloc becomes IO ("out of memory"),
/// filesystem errors IO, other std::exceptions Internal.
[[noreturn]] void rethrow_as_sift_error(std::string_view context);

/// Runs `fn` and maps any exception with rethrow_as_sift_error(context).
template <typename Fn>
decltype(auto) guarded(std::string_view context, Fn&& fn) {
  try {
    return fn();
  } catch (...) {
    rethrow_as_sift_error(context);
  }
}

}  // namespace sift::util
