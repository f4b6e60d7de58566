// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/stored/analyzer_settings.h"

#include "index/format/settings.h"
#include "util/errors.h"

namespace sift::search {

AnalyzerOptions stored_analyzer_options(const Xapian::Database& db,
                                        const std::filesystem::path& path) {
  return util::guarded("reading the settings of index " + path.string(), [&] {
    if (format::has_no_settings(db)) return AnalyzerOptions{};
    return format::read_settings(db, path.string());
  });
}

}  // namespace sift::search
