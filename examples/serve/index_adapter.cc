// TEMPORARY: until the library offers Searcher::document(), complete() and
// status() (requested in /work/notes/serve-needs.md), the three are read
// from Xapian directly, following lib/index/term_scheme.h's layout (id term
// "Q<id>", unprefixed lower-case word terms, JSON document data).  Replace
// the bodies below with calls to sift::Searcher when those exist.
#include "index_adapter.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <queue>
#include <sstream>

namespace sift::serve {
namespace {

// Bounded work for one completion request.
constexpr std::size_t kMaxScannedTerms = 10'000;

template <typename F>
auto xapian_guarded(const std::string& context, F&& f) {
  try {
    return f();
  } catch (const Xapian::DatabaseNotFoundError& e) {
    throw Error(ErrorCode::NotFound, context + ": " + e.get_msg());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw Error(ErrorCode::Corrupt,
                context + ": the index is damaged; rebuild it (" + e.get_msg() + ")");
  } catch (const Xapian::DatabaseError& e) {
    throw Error(ErrorCode::IO, context + ": " + e.get_description());
  } catch (const Xapian::Error& e) {
    throw Error(ErrorCode::Internal, context + ": " + e.get_description());
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorCode::Corrupt,
                context + ": stored document data is not JSON (" + std::string(e.what()) + ")");
  }
}

std::string string_field(const nlohmann::json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// The newest modification time of a file in the index folder, as ISO 8601.
std::optional<std::string> newest_file_time(const std::filesystem::path& db) {
  std::error_code ec;
  if (!std::filesystem::is_directory(db, ec)) return std::nullopt;
  std::optional<std::filesystem::file_time_type> newest;
  for (const auto& entry : std::filesystem::directory_iterator(db, ec)) {
    const auto t = entry.last_write_time(ec);
    if (!ec && (!newest || t > *newest)) newest = t;
  }
  if (!newest) return std::nullopt;
  const auto sys = std::chrono::file_clock::to_sys(*newest);
  const std::time_t t = std::chrono::system_clock::to_time_t(sys);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::string(buf);
}

}  // namespace

struct IndexReader::Impl {
  std::filesystem::path path;
  Searcher searcher;
  std::optional<Xapian::Database> db;  // opened on first use

  explicit Impl(const std::filesystem::path& p) : path(p), searcher(p) {}

  Xapian::Database& fresh() {
    if (!db) {
      db.emplace(path.string());
    } else {
      db->reopen();
    }
    return *db;
  }
};

IndexReader::IndexReader(const std::filesystem::path& db) : impl_(std::make_unique<Impl>(db)) {}
IndexReader::~IndexReader() = default;

Results IndexReader::search(std::string_view query, const SearchOptions& options) {
  return impl_->searcher.search(query, options);
}

std::optional<Document> IndexReader::document(std::string_view id) {
  return xapian_guarded("reading document '" + std::string(id) + "'",
                        [&]() -> std::optional<Document> {
                          Xapian::Database& db = impl_->fresh();
                          const std::string term = "Q" + std::string(id);
                          auto it = db.postlist_begin(term);
                          if (it == db.postlist_end(term)) return std::nullopt;
                          const auto j = nlohmann::json::parse(db.get_document(*it).get_data());
                          Document doc;
                          doc.id = string_field(j, "id");
                          doc.title = string_field(j, "title");
                          std::istringstream text(string_field(j, "text"));
                          for (std::string line; std::getline(text, line);)
                            doc.paragraphs.push_back(line);
                          doc.source = string_field(j, "source");
                          doc.url = string_field(j, "url");
                          doc.path = string_field(j, "path");
                          doc.author = string_field(j, "author");
                          doc.date = string_field(j, "date");
                          return doc;
                        });
}

std::vector<Completion> IndexReader::complete(std::string_view prefix, std::size_t limit) {
  const std::string p = lower_ascii(prefix);
  if (p.empty() || limit == 0) return {};
  return xapian_guarded("completing '" + std::string(prefix) + "'", [&] {
    Xapian::Database& db = impl_->fresh();
    auto worse = [](const Completion& a, const Completion& b) {
      return a.documents != b.documents ? a.documents > b.documents : a.word < b.word;
    };
    // A heap of the best `limit` so far, worst on top.
    std::priority_queue<Completion, std::vector<Completion>, decltype(worse)> best(worse);
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(p); it != db.allterms_end(p) && scanned < kMaxScannedTerms;
         ++it, ++scanned) {
      best.push({*it, static_cast<std::size_t>(it.get_termfreq())});
      if (best.size() > limit) best.pop();
    }
    std::vector<Completion> out;
    for (; !best.empty(); best.pop()) out.push_back(best.top());
    std::reverse(out.begin(), out.end());
    return out;
  });
}

IndexStatus IndexReader::status() {
  return xapian_guarded("reading the index status", [&] {
    Xapian::Database& db = impl_->fresh();
    return IndexStatus{db.get_doccount(), db.get_revision(), newest_file_time(impl_->path)};
  });
}

}  // namespace sift::serve
