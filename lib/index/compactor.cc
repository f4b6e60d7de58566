#include "index/compactor.h"

#include <algorithm>

#include "index/term_scheme.h"
#include "sift/error.h"

namespace sift::index {
namespace {

// Adds the '\0'-separated words of `tag` to `words`.
void split_words(std::string_view tag, std::vector<std::string_view>& words) {
  while (!tag.empty()) {
    const std::size_t end = tag.find('\0');
    words.push_back(tag.substr(0, end));
    if (end == std::string_view::npos) break;
    tag.remove_prefix(end + 1);
  }
}

std::string union_of_words(const std::vector<std::string>& tags) {
  std::vector<std::string_view> words;
  for (const std::string& tag : tags) split_words(tag, words);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::string out;
  for (const std::string_view word : words) {
    if (!out.empty()) out += '\0';
    out += word;
  }
  return out;
}

}  // namespace

std::string merge_metadata(std::string_view key, const std::vector<std::string>& tags) {
  if (tags.empty()) return {};
  if (key.starts_with(kMetaStemsPrefix)) return union_of_words(tags);
  // ISO 8601 UTC times in one format compare as strings.
  if (key == scheme::kMetaLastCommit) return *std::max_element(tags.begin(), tags.end());
  for (const std::string& tag : tags) {
    if (tag != tags.front()) {
      throw Error(ErrorCode::Corrupt, "cannot merge indexes that disagree on metadata '" +
                                          std::string(key) + "' ('" + tags.front() + "' and '" +
                                          tag + "')");
    }
  }
  return tags.front();
}

std::string SiftCompactor::resolve_duplicate_metadata(const std::string& key, size_t num_tags,
                                                      const std::string tags[]) {
  return merge_metadata(key, std::vector<std::string>(tags, tags + num_tags));
}

void compact_databases(const std::vector<std::filesystem::path>& sources,
                       const std::filesystem::path& destination) {
  Xapian::Database all;
  for (const std::filesystem::path& source : sources) all.add_database(Xapian::Database(source));
  SiftCompactor compactor;
  // Multipass merges many sources in fewer passes over the data.
  all.compact(destination.string(), Xapian::DBCOMPACT_MULTIPASS | Xapian::DB_BACKEND_GLASS, 0,
              compactor);
}

}  // namespace sift::index
