#include "search/open_index.h"

#include <charconv>
#include <string>
#include <system_error>

#include "index/term_scheme.h"
#include "sift/error.h"
#include "util/errors.h"

namespace sift::search {
namespace {

constexpr std::string_view kFormat = scheme::kFormatVersion;
constexpr std::string_view kRemote = "tcp://";

Xapian::Database open_remote(const std::string& address, const SearcherOptions& options) {
  const std::string rest = address.substr(kRemote.size());
  const auto colon = rest.rfind(':');
  unsigned port = 0;
  const char* end = rest.data() + rest.size();
  if (colon == std::string::npos || colon == 0 ||
      std::from_chars(rest.data() + colon + 1, end, port).ptr != end || port == 0 || port > 65535) {
    throw Error(ErrorCode::BadInput,
                "cannot open index " + address + ": a remote index is tcp://HOST:PORT");
  }
  const auto ms = static_cast<useconds_t>(options.remote_timeout.count());
  return util::guarded("cannot open index " + address,
                       [&] { return Xapian::Remote::open(rest.substr(0, colon), port, ms, ms); });
}

template <typename T>
T number(const Xapian::Database& db, std::string_view key, T fallback,
         const std::filesystem::path& path) {
  const std::string text = db.get_metadata(std::string(key));
  if (text.empty()) return fallback;
  T value{};
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) {
    throw Error(ErrorCode::Corrupt, "index " + path.string() + " has a bad " + std::string(key) +
                                        " setting '" + text + "'");
  }
  return value;
}

}  // namespace

std::string damaged(const Xapian::DatabaseCorruptError& e) {
  return "the index is damaged; rebuild it (" + e.get_msg() + ")";
}

Xapian::Database open_index(const std::filesystem::path& path, const SearcherOptions& options) {
  const std::string where = path.string();
  if (where.starts_with(kRemote)) return open_remote(where, options);
  const std::string context = "cannot open index " + where;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    throw Error(ErrorCode::NotFound, context + ": no such index");
  }
  try {
    return Xapian::Database(where);
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorCode::Corrupt, context + ": " + damaged(e));
  } catch (const Xapian::DatabaseOpeningError& e) {
    // The path exists, so something is there but it is not an index: a
    // folder without a database, or a file that is not a stub database.
    // (DatabaseNotFoundError derives from DatabaseOpeningError.)
    if (std::filesystem::is_directory(path, ec)) {
      throw Error(ErrorCode::Corrupt, context + ": not a Sift index (no Xapian database there)");
    }
    throw Error(
        ErrorCode::Corrupt,
        context + ": not a Sift index (a file that is not a Xapian stub: " + e.get_msg() + ")");
  } catch (...) {
    util::rethrow_as_sift_error(context);
  }
}

AnalyzerOptions stored_analyzer_options(const Xapian::Database& db,
                                        const std::filesystem::path& path) {
  return util::guarded("reading the settings of index " + path.string(), [&] {
    AnalyzerOptions options;
    const std::string format = db.get_metadata(std::string(scheme::kMetaFormat));
    if (!format.empty() && format != kFormat) {
      throw Error(ErrorCode::Unsupported, "index " + path.string() + " has format " + format +
                                              "; this Sift reads format " + std::string(kFormat));
    }
    if (auto language = db.get_metadata(std::string(scheme::kMetaLanguage)); !language.empty()) {
      options.language = language;
    }
    options.keep_accents = number<int>(db, scheme::kMetaKeepAccents, 0, path) != 0;
    options.max_token_bytes =
        number<std::size_t>(db, scheme::kMetaMaxToken, options.max_token_bytes, path);
    options.paragraph_gap =
        number<std::uint32_t>(db, scheme::kMetaParagraphGap, options.paragraph_gap, path);
    return options;
  });
}

}  // namespace sift::search
