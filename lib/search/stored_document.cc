#include "search/stored_document.h"

#include <nlohmann/json.hpp>

#include "sift/error.h"

namespace sift::search {

StoredDocument parse_stored_document(std::string_view data) {
  const auto json = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) {
    throw Error(ErrorCode::Corrupt, "stored document data is not a JSON object");
  }
  auto field = [&](const char* key) {
    const auto it = json.find(key);
    return it != json.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  return {field("id"),  field("title"), field("text"),   field("source"),
          field("url"), field("path"),  field("author"), field("date")};
}

}  // namespace sift::search
