// SPDX-License-Identifier: GPL-2.0-or-later
#include "search/stored_document.h"

#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "index/document_builder.h"
#include "sift/error.h"
#include "util/utf8.h"

namespace sift::search {
namespace {

using json = nlohmann::json;

/// Reads the top-level string fields straight into a StoredDocument, with
/// no JSON tree in between (a search reads ten of these per page).  A key
/// that occurs twice keeps its last value, as in a parsed json object.
class StoredDocumentReader : public nlohmann::json_sax<json> {
 public:
  StoredDocumentReader(StoredDocument& out, bool with_text) : out_(out), with_text_(with_text) {}

  /// True when the data was one JSON object.
  bool was_object() const { return was_object_; }

  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool string(string_t& s) override {
    if (depth_ == 1 && field_ != nullptr) *field_ = std::move(s);
    field_ = nullptr;
    return true;
  }
  bool key(string_t& k) override {
    field_ = depth_ == 1 ? field_for(k) : nullptr;
    if (field_ != nullptr) field_->clear();
    return true;
  }
  bool start_object(std::size_t) override { return start(/*object=*/true); }
  bool end_object() override { return end(); }
  bool start_array(std::size_t) override { return start(/*object=*/false); }
  bool end_array() override { return end(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    was_object_ = false;
    return false;
  }

  /// Where the top-level field `k` goes, or nullptr when it is not read.
  std::string* field_for(const std::string& k) const {
    if (k == "id") return &out_.id;
    if (k == "title") return &out_.title;
    if (k == "text") return with_text_ ? &out_.text : nullptr;
    if (k == "source") return &out_.source;
    if (k == "url") return &out_.url;
    if (k == "path") return &out_.path;
    if (k == "author") return &out_.author;
    if (k == "date") return &out_.date;
    if (k == index::kDataParagraphStarts) return with_text_ ? &out_.paragraph_starts : nullptr;
    return nullptr;
  }

 private:
  bool value() {
    field_ = nullptr;  // A non-string value leaves its field empty.
    return true;
  }
  bool start(bool object) {
    if (depth_ == 0) was_object_ = object;
    field_ = nullptr;
    ++depth_;
    return true;
  }
  bool end() {
    --depth_;
    return true;
  }

  StoredDocument& out_;
  bool with_text_;
  bool was_object_ = false;
  int depth_ = 0;
  std::string* field_ = nullptr;  // Where the current top-level value goes.
};

bool is_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// The end of the JSON string that starts at data[open] ('"'): the offset
/// of its closing quote, or npos.  A quote is the closing one when an even
/// number of backslashes precedes it.
std::size_t string_end(std::string_view data, std::size_t open) {
  for (std::size_t i = open + 1; i < data.size(); ++i) {
    const std::size_t at = data.find('"', i);
    if (at == std::string_view::npos) return at;
    std::size_t backslashes = 0;
    while (at - backslashes > open + 1 && data[at - backslashes - 1] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
    i = at;
  }
  return std::string_view::npos;
}

/// True when the 8 bytes at `p` are all printable ASCII other than '\\'.
bool plain_ascii_word(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;
  const std::uint64_t x = w ^ (kOnes * '\\');
  const std::uint64_t backslash = (x - kOnes) & ~x & kHigh;
  return ((w & kHigh) | below_space | backslash) == 0;
}

/// True when the quoted JSON string `body` (without its quotes) is one
/// the JSON parser accepts: well-formed UTF-8, no control characters and
/// only single-character escapes (a \\u escape makes this say false, and
/// the caller falls back to the parser).
bool plain_valid_string(std::string_view body) {
  std::size_t i = 0;
  bool ascii = true;
  while (i < body.size()) {
    if (i + 8 <= body.size() && plain_ascii_word(body.data() + i)) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(body[i]);
    if (c < 0x20) return false;
    if (c >= 0x80) ascii = false;
    if (c == '\\') {
      if (++i == body.size()) return false;
      switch (body[i]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
          break;
        default:
          return false;
      }
    }
    ++i;
  }
  return ascii || !util::first_invalid_utf8(body).has_value();
}

/// Decodes a string body that plain_valid_string() accepted: only
/// single-character escapes ("\\n", "\\\"", ...) are left to undo.
void decode_plain(std::string_view body, std::string& out) {
  out.clear();
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    const std::size_t at = body.find('\\', i);
    out.append(body.substr(i, at == std::string_view::npos ? std::string_view::npos : at - i));
    if (at == std::string_view::npos) break;
    switch (body[at + 1]) {
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default:  // '"', '\\' and '/' stand for themselves.
        out += body[at + 1];
        break;
    }
    i = at + 2;
  }
}

/// The fast path for the data the writer makes: one flat JSON object of
/// string values.  Values of fields not wanted are checked but not decoded
/// (the body is most of the data and a hit list needs only the short
/// fields).  nullopt for anything else (other value types, \u escapes in a
/// skipped value, invalid JSON): the full parser then decides, so both
/// paths accept the same data and read the same fields.
std::optional<StoredDocument> parse_flat(std::string_view data, bool with_text) {
  StoredDocument doc;
  StoredDocumentReader fields(doc, with_text);
  std::size_t i = 0;
  const auto skip_ws = [&] {
    while (i < data.size() && is_ws(data[i])) ++i;
  };
  skip_ws();
  if (i == data.size() || data[i] != '{') return std::nullopt;
  ++i;
  skip_ws();
  bool first = true;
  while (i < data.size() && data[i] != '}') {
    if (!first) {
      if (data[i] != ',') return std::nullopt;
      ++i;
      skip_ws();
    }
    first = false;
    if (i == data.size() || data[i] != '"') return std::nullopt;
    const std::size_t key_end = string_end(data, i);
    if (key_end == std::string_view::npos) return std::nullopt;
    const std::string_view key = data.substr(i + 1, key_end - i - 1);
    if (key.find('\\') != std::string_view::npos || !plain_valid_string(key)) return std::nullopt;
    i = key_end + 1;
    skip_ws();
    if (i == data.size() || data[i] != ':') return std::nullopt;
    ++i;
    skip_ws();
    if (i == data.size() || data[i] != '"') return std::nullopt;
    const std::size_t value_end = string_end(data, i);
    if (value_end == std::string_view::npos) return std::nullopt;
    const std::string_view quoted = data.substr(i, value_end + 1 - i);
    i = value_end + 1;
    skip_ws();
    std::string* field = fields.field_for(std::string(key));
    if (field == nullptr) {
      if (!plain_valid_string(quoted.substr(1, quoted.size() - 2))) return std::nullopt;
      continue;
    }
    const std::string_view body = quoted.substr(1, quoted.size() - 2);
    if (plain_valid_string(body)) {
      decode_plain(body, *field);
      continue;
    }
    const json value = json::parse(quoted, nullptr, /*allow_exceptions=*/false);
    if (!value.is_string()) return std::nullopt;
    *field = value.get_ref<const std::string&>();
  }
  if (i == data.size()) return std::nullopt;  // No closing brace.
  ++i;
  skip_ws();
  if (i != data.size()) return std::nullopt;
  return doc;
}

}  // namespace

StoredDocument parse_stored_document(std::string_view data, bool with_text) {
  if (auto doc = parse_flat(data, with_text)) return std::move(*doc);
  StoredDocument doc;
  StoredDocumentReader reader(doc, with_text);
  const bool ok = json::sax_parse(data, &reader, json::input_format_t::json, /*strict=*/true);
  if (!ok || !reader.was_object()) {
    throw Error(ErrorCode::Corrupt, "stored document data is not a JSON object");
  }
  return doc;
}

}  // namespace sift::search
