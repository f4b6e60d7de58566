// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/settings.h"

#include <charconv>

#include "index/format/layout.h"
#include "sift/error.h"

namespace sift::format {
namespace {

std::string get(const Xapian::Database& db, std::string_view key) {
  return db.get_metadata(std::string(key));
}

template <typename T>
T number(const Xapian::Database& db, std::string_view key, std::string_view where) {
  const std::string text = get(db, key);
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw Error(ErrorCode::Corrupt, "index " + std::string(where) + " has an unreadable setting " +
                                        std::string(key) + "='" + text + "'");
  }
  return value;
}

}  // namespace

std::string rebuild_command(std::string_view where) {
  const std::string quoted = "'" + std::string(where) + "'";
  return "rm -r " + quoted + " && sift-index --db " + quoted + " FILES...";
}

void write_settings(Xapian::WritableDatabase& db, const AnalyzerOptions& options) {
  db.set_metadata(std::string(kMetaFormat), std::string(kFormatVersion));
  db.set_metadata(std::string(kMetaLanguage), options.language);
  db.set_metadata(std::string(kMetaKeepAccents), options.keep_accents ? "1" : "0");
  db.set_metadata(std::string(kMetaMaxToken), std::to_string(options.max_token_bytes));
  db.set_metadata(std::string(kMetaParagraphGap), std::to_string(options.paragraph_gap));
}

bool has_no_settings(const Xapian::Database& db) {
  return get(db, kMetaFormat).empty();
}

AnalyzerOptions read_settings(const Xapian::Database& db, std::string_view where) {
  const std::string format = get(db, kMetaFormat);
  if (format != kFormatVersion) {
    int version = 0;
    const auto [end, ec] = std::from_chars(format.data(), format.data() + format.size(), version);
    const bool older = ec == std::errc() && end == format.data() + format.size() && version > 0 &&
                       version < kFormatNumber;
    if (older) {
      throw Error(ErrorCode::Unsupported,
                  "index " + std::string(where) + " has format " + format +
                      ", written by an older Sift; this Sift reads and writes format " +
                      std::string(kFormatVersion) +
                      " only (docs/FORMAT.md). Rebuild it from its source files: " +
                      rebuild_command(where));
    }
    throw Error(ErrorCode::Unsupported, "index " + std::string(where) + " has format '" + format +
                                            "'; this Sift reads and writes format " +
                                            std::string(kFormatVersion) +
                                            " only: open it with the newer Sift that wrote it");
  }
  AnalyzerOptions options;
  options.language = get(db, kMetaLanguage);
  if (options.language.empty()) {
    throw Error(ErrorCode::Corrupt, "index " + std::string(where) + " is damaged: its " +
                                        std::string(kMetaLanguage) + " setting is empty");
  }
  options.keep_accents = number<int>(db, kMetaKeepAccents, where) != 0;
  options.max_token_bytes = number<std::size_t>(db, kMetaMaxToken, where);
  options.paragraph_gap = number<std::uint32_t>(db, kMetaParagraphGap, where);
  return options;
}

}  // namespace sift::format
