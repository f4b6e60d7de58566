// SPDX-License-Identifier: GPL-2.0-or-later
// The settings an index is created with, the format version, and the one
// codec that writes and reads them (metadata keys in format/layout.h).
//
// Version policy (docs/FORMAT.md): the format number changes whenever the
// terms, values, records or metadata a reader depends on change.  This Sift
// reads and writes exactly kFormatVersion.  An index of an older format is
// refused for reading and for writing alike, with a message that names the
// command that rebuilds it; an index of a newer format is refused with a
// message that says so.  Sift never mixes formats in one index.
#pragma once

#include <string>
#include <string_view>

#include "sift/options.h"
#include "xapian.h"

namespace sift::format {

/// The format this Sift writes and reads: kMetaFormat holds it in decimal.
inline constexpr int kFormatNumber = 4;
inline constexpr std::string_view kFormatVersion = "4";
static_assert(kFormatVersion[0] - '0' == kFormatNumber && kFormatVersion.size() == 1);

/// The command that rebuilds the index at `where` from its source files,
/// for messages: "rm -r 'news.db' && sift-index --db 'news.db' FILES...".
std::string rebuild_command(std::string_view where);

/// Writes the settings of a new index (format version included).  The
/// caller commits.
void write_settings(Xapian::WritableDatabase& db, const AnalyzerOptions& options);

/// True when `db` has no Sift settings at all (a new, empty database, or
/// one another program wrote).
bool has_no_settings(const Xapian::Database& db);

/// The settings stored in `db`, which must have some (!has_no_settings).
/// `where` names the index in messages.
/// @throws sift::Error Unsupported (an older format: the message names
/// rebuild_command(); or a newer one), Corrupt (an unreadable value or an
/// empty language).
AnalyzerOptions read_settings(const Xapian::Database& db, std::string_view where);

}  // namespace sift::format
