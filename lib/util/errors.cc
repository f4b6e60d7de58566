// SPDX-License-Identifier: GPL-2.0-or-later
#include "util/errors.h"

#include <filesystem>
#include <new>
#include <string>

#include "xapian.h"

namespace sift {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::NotFound:
      return "NotFound";
    case ErrorCode::Corrupt:
      return "Corrupt";
    case ErrorCode::Locked:
      return "Locked";
    case ErrorCode::BadQuery:
      return "BadQuery";
    case ErrorCode::BadInput:
      return "BadInput";
    case ErrorCode::IO:
      return "IO";
    case ErrorCode::Network:
      return "Network";
    case ErrorCode::Unsupported:
      return "Unsupported";
    case ErrorCode::Internal:
      return "Internal";
  }
  return "Unknown";
}

namespace util {
namespace {

std::string join(std::string_view context, const std::string& detail) {
  std::string out(context);
  out += ": ";
  out += detail;
  return out;
}

std::string describe(const Xapian::Error& e) {
  std::string msg = e.get_msg();
  if (msg.empty()) msg = e.get_type();
  const char* errno_text = e.get_error_string();
  if (errno_text && *errno_text) {
    msg += " (";
    msg += errno_text;
    msg += ")";
  }
  return msg;
}

}  // namespace

[[noreturn]] void rethrow_as_sift_error(std::string_view context) {
  try {
    throw;
  } catch (const sift::Error&) {
    throw;
  } catch (const Xapian::DatabaseLockError&) {
    throw sift::Error(ErrorCode::Locked, join(context, "index is locked by another writer"));
  }
  // Xapian::Error is not polymorphic, so the domain is told by catch
  // clauses, most specific type first (several derive from DatabaseError).
  catch (const Xapian::DatabaseNotFoundError& e) {
    throw sift::Error(ErrorCode::NotFound, join(context, describe(e)));
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw sift::Error(ErrorCode::Corrupt, join(context, describe(e)));
  } catch (const Xapian::DatabaseVersionError& e) {
    throw sift::Error(ErrorCode::Corrupt, join(context, describe(e)));
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw sift::Error(ErrorCode::NotFound, join(context, describe(e)));
  } catch (const Xapian::DatabaseError& e) {
    throw sift::Error(ErrorCode::IO, join(context, describe(e)));
  } catch (const Xapian::NetworkError& e) {
    throw sift::Error(ErrorCode::Network, join(context, describe(e)));
  } catch (const Xapian::QueryParserError& e) {
    throw sift::Error(ErrorCode::BadQuery, join(context, describe(e)));
  } catch (const Xapian::WildcardError& e) {
    throw sift::Error(ErrorCode::BadQuery, join(context, describe(e)));
  } catch (const Xapian::InvalidArgumentError& e) {
    throw sift::Error(ErrorCode::BadInput, join(context, describe(e)));
  } catch (const Xapian::UnimplementedError& e) {
    throw sift::Error(ErrorCode::Unsupported, join(context, describe(e)));
  } catch (const Xapian::DocNotFoundError& e) {
    throw sift::Error(ErrorCode::NotFound, join(context, describe(e)));
  } catch (const Xapian::Error& e) {
    throw sift::Error(ErrorCode::Internal, join(context, describe(e)));
  } catch (const std::bad_alloc&) {
    // Like a full disk: the system ran out, nothing in Sift is wrong.
    throw sift::Error(ErrorCode::IO, join(context, "out of memory"));
  } catch (const std::filesystem::filesystem_error& e) {
    throw sift::Error(ErrorCode::IO, join(context, e.what()));
  } catch (const std::exception& e) {
    throw sift::Error(ErrorCode::Internal, join(context, e.what()));
  } catch (...) {
    throw sift::Error(ErrorCode::Internal, join(context, "unknown error"));
  }
}

}  // namespace util
}  // namespace sift
