// SPDX-License-Identifier: GPL-2.0-or-later
#include "index/format/record.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <new>

#include "index/format/layout.h"

namespace sift::format {
namespace {

// The first byte of both records: the record layout's own version, so a
// later layout can be told apart without the index's format number.
constexpr char kRecordVersion = 3;
constexpr std::size_t kCrcBytes = 4;
// No body is larger: a reader never allocates more for a damaged size.
// (Readers cap files at 64 MiB; a body is at most that, as UTF-8.)
constexpr std::uint64_t kMaxBodyBytes = std::uint64_t{1} << 30;

/// zlib's compress2() with one deflate state per thread, reset for each
/// call: compress2 allocates and clears zlib's state (about 256 KB) for
/// every body, which cost more than compressing a short article.  The
/// output is byte for byte compress2's at the same level (uncompress reads
/// it).
class Deflater {
 public:
  Deflater() {
    if (deflateInit(&z_, Z_DEFAULT_COMPRESSION) != Z_OK) throw std::bad_alloc();
  }
  ~Deflater() { deflateEnd(&z_); }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  /// Appends `in`, compressed in zlib's format, to `out`.
  void compress(std::string_view in, std::string& out) {
    if (deflateReset(&z_) != Z_OK) throw std::bad_alloc();
    const std::size_t start = out.size();
    const uLong bound = deflateBound(&z_, static_cast<uLong>(in.size()));
    out.resize(start + bound);
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    z_.next_out = reinterpret_cast<Bytef*>(out.data() + start);
    z_.avail_out = static_cast<uInt>(bound);
    // deflateBound's room lets one Z_FINISH call end the stream.
    if (deflate(&z_, Z_FINISH) != Z_STREAM_END) throw std::bad_alloc();
    out.resize(start + (bound - z_.avail_out));
  }

 private:
  z_stream z_{};
};

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

std::uint32_t crc_of(std::string_view bytes) {
  return static_cast<std::uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
}

void seal(std::string& out) {
  const std::uint32_t crc = crc_of(out);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((crc >> (8 * i)) & 0xff));
}

/// Reads the fields of a record whose checksum has been verified.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}

  bool varint(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) return false;
      const auto byte = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool string(std::string& s) {
    std::uint64_t n = 0;
    if (!varint(n) || n > rest_.size()) return false;
    s.assign(rest_.substr(0, n));
    rest_.remove_prefix(n);
    return true;
  }
  bool done() const { return rest_.empty(); }
  std::string_view rest() const { return rest_; }

 private:
  std::string_view rest_;
};

/// The fields of a sealed record of this version (checksum verified), or
/// nullopt.
std::optional<std::string_view> unseal(std::string_view bytes) {
  if (bytes.size() < 1 + kCrcBytes || bytes.front() != kRecordVersion) return std::nullopt;
  const std::string_view sealed = bytes.substr(0, bytes.size() - kCrcBytes);
  std::uint32_t stored = 0;
  for (std::size_t i = 0; i < kCrcBytes; ++i) {
    stored |= static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[sealed.size() + i]))
              << (8 * i);
  }
  if (crc_of(sealed) != stored) return std::nullopt;
  return sealed.substr(1);
}

}  // namespace

std::string encode_summary(const Summary& s) {
  std::string out(1, kRecordVersion);
  for (const std::string* field : {&s.id, &s.title, &s.source, &s.url, &s.path, &s.author, &s.date})
    put_string(out, *field);
  put_varint(out, s.tags.size());
  for (const std::string& tag : s.tags) put_string(out, tag);
  // The keyword section only when there is something in it, so that every
  // summary without it keeps its bytes (docs/FORMAT.md, "Records").
  const auto stored = std::count_if(s.keywords.begin(), s.keywords.end(),
                                    [](const auto& field) { return !field.second.empty(); });
  if (stored > 0) {
    put_varint(out, static_cast<std::uint64_t>(stored));
    for (const auto& [name, values] : s.keywords) {
      if (values.empty()) continue;
      put_string(out, name);
      put_varint(out, values.size());
      for (const std::string& value : values) put_string(out, value);
    }
  }
  seal(out);
  return out;
}

std::optional<Summary> decode_summary(std::string_view bytes) {
  const auto fields = unseal(bytes);
  if (!fields) return std::nullopt;
  Reader in(*fields);
  Summary s;
  for (std::string* field : {&s.id, &s.title, &s.source, &s.url, &s.path, &s.author, &s.date}) {
    if (!in.string(*field)) return std::nullopt;
  }
  std::uint64_t tags = 0;
  // Each tag takes at least one byte: a damaged count allocates nothing.
  if (!in.varint(tags) || tags > in.rest().size()) return std::nullopt;
  s.tags.resize(tags);
  for (std::string& tag : s.tags) {
    if (!in.string(tag)) return std::nullopt;
  }
  if (in.done()) return s;
  // The keyword section: at least one field, names non-empty and in
  // increasing byte order, each with at least one value, as encode_summary
  // writes it (so no two byte strings decode to one summary).  Each field
  // and value takes at least one byte: a damaged count allocates nothing.
  std::uint64_t keyword_fields = 0;
  if (!in.varint(keyword_fields) || keyword_fields == 0 || keyword_fields > in.rest().size()) {
    return std::nullopt;
  }
  for (std::uint64_t i = 0; i < keyword_fields; ++i) {
    std::string name;
    std::uint64_t count = 0;
    if (!in.string(name) || name.empty() ||
        (!s.keywords.empty() && name <= s.keywords.rbegin()->first) || !in.varint(count) ||
        count == 0 || count > in.rest().size()) {
      return std::nullopt;
    }
    std::vector<std::string>& values = s.keywords[std::move(name)];
    values.resize(count);
    for (std::string& value : values) {
      if (!in.string(value)) return std::nullopt;
    }
  }
  if (!in.done()) return std::nullopt;
  return s;
}

std::string encode_body(std::string_view text, const std::vector<std::uint32_t>& starts) {
  std::string plain;
  plain.reserve(text.size() + starts.size() * 2 + 16);
  // Starts as differences from the last non-zero start (0 stays "no word"):
  // most fit in one byte.
  put_varint(plain, starts.size());
  std::uint32_t last = 0;
  for (const std::uint32_t start : starts) {
    put_varint(plain, start == 0 ? 0 : start - last);
    if (start != 0) last = start;
  }
  put_string(plain, text);
  // Values are stored as given (glass compresses the data, not values).
  thread_local Deflater deflater;
  std::string out(1, kRecordVersion);
  put_varint(out, plain.size());
  deflater.compress(plain, out);
  seal(out);
  return out;
}

std::optional<Body> decode_body(std::string_view bytes) {
  const auto sealed = unseal(bytes);
  if (!sealed) return std::nullopt;
  Reader header(*sealed);
  std::uint64_t plain_size = 0;
  if (!header.varint(plain_size) || plain_size > kMaxBodyBytes) return std::nullopt;
  const std::string_view packed = header.rest();
  std::string plain(plain_size, '\0');
  uLongf unpacked = static_cast<uLongf>(plain_size);
  if (uncompress(reinterpret_cast<Bytef*>(plain.data()), &unpacked,
                 reinterpret_cast<const Bytef*>(packed.data()),
                 static_cast<uLong>(packed.size())) != Z_OK ||
      unpacked != plain_size) {
    return std::nullopt;
  }
  const std::string_view fields = plain;
  Reader in(fields);
  Body body;
  std::uint64_t count = 0;
  if (!in.varint(count) || count > fields.size()) return std::nullopt;
  body.paragraph_starts.reserve(count);
  std::uint64_t last = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t delta = 0;
    if (!in.varint(delta)) return std::nullopt;
    if (delta != 0) {
      last += delta;
      if (last > UINT32_MAX) return std::nullopt;
    }
    body.paragraph_starts.push_back(delta == 0 ? 0 : static_cast<std::uint32_t>(last));
  }
  if (!in.string(body.text) || !in.done()) return std::nullopt;
  return body;
}

void store_records(Xapian::Document& doc, const Summary& summary, std::string_view text,
                   const std::vector<std::uint32_t>& paragraph_starts) {
  doc.set_data(encode_summary(summary));
  doc.add_value(kBodySlot, encode_body(text, paragraph_starts));
}

std::string summary_bytes(const Xapian::Document& doc) {
  return doc.get_data();
}

std::string body_bytes(const Xapian::Document& doc) {
  return doc.get_value(kBodySlot);
}

}  // namespace sift::format
